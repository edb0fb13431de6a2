export { startServer, type EtapisteServer } from './server.ts';
export { configFromEnv, type SignalingConfig } from './config.ts';
export { DEMO_PASSWORD, demoBooths, demoStaff } from './catalogue/demo-data.ts';
