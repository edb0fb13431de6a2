import { parseArgs } from 'node:util';
import { startDemoBridges } from '../../booth-client/bridge/src/demo-bridges.ts';
import { DEMO_PASSWORD, demoBooths, demoStaff } from './catalogue/demo-data.ts';
import { configFromEnv } from './config.ts';
import { ProductionConfigError } from './security/production-guard.ts';
import { startServer } from './server.ts';

const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } } });
const config = configFromEnv(process.env, values.port ? { port: Number(values.port) } : {});
// ETAPISTE_DEMO_ALWAYS_OPEN=1: the demo library is open around the clock (tests, evening demos).
const demo = values.demo ? { alwaysOpen: process.env.ETAPISTE_DEMO_ALWAYS_OPEN === '1' } : false;
const server = await startServer(config, { demo }).catch((error: unknown) => {
  if (error instanceof ProductionConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
});

console.log(`Etäpiste is running at ${server.url}  (media workers: ${server.media.health().workers})`);
console.log(`  expert console:      ${server.url}/agent/`);
console.log(`  interpreter console: ${server.url}/interpreter/`);
// Demo booths get a device bridge each (CUPS PDF printer, SANE test scanner, payment simulator); ETAPISTE_DEMO_BRIDGES=0 turns them off.
const demoBridges = values.demo && process.env.ETAPISTE_DEMO_BRIDGES !== '0' ? await startDemoBridges(new URL(server.url).origin, demoBooths.map((booth) => booth.id)) : null;
if (values.demo) {
  console.log('Demo data (SQLite in %s):', config.dataDir);
  for (const booth of demoBooths) {
    const devices = demoBridges?.bridges.find((bridge) => bridge.boothId === booth.id);
    console.log(`  booth kiosk "${booth.label}": ${server.url}/booth/?deviceToken=${booth.deviceToken}${devices ? `&${devices.kioskQuery}` : ''}`);
    if (devices?.printout) console.log(`    its printer writes each printout to ${devices.printout}`);
  }
  for (const user of demoStaff) console.log(`  ${user.role.padEnd(11)} ${user.username.padEnd(18)} password: ${DEMO_PASSWORD}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const timer = setTimeout(() => process.exit(1), 5000);
  await server.close();
  await demoBridges?.close();
  clearTimeout(timer);
  process.exit(0);
}
// mediasoup handles SIGTERM only by closing its workers; the server must exit itself.
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
