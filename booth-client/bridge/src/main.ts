import { startBridge } from './bridge-server.ts';
import { bridgeConfigFromEnv, registryFromConfig } from './config.ts';

/** The booth computer's device bridge: `sh infra/node.sh booth-client/bridge/src/main.ts` (configuration: config.ts). */
const config = bridgeConfigFromEnv(process.env);
const bridge = await startBridge({ registry: registryFromConfig(config), token: config.token, kioskOrigin: config.kioskOrigin, port: config.port });
console.log(`device bridge listening on ${bridge.url} for ${config.kioskOrigin}`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
