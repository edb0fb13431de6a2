import { startBridge } from './bridge-server.ts';
import { bridgeConfigFromEnv, registryFromConfig } from './config.ts';
import { idCardRoutes } from './id-card/id-card-routes.ts';

/** The booth computer's device bridge: `sh infra/node.sh booth-client/bridge/src/main.ts` (configuration: config.ts). */
const config = bridgeConfigFromEnv(process.env);
const registry = registryFromConfig(config);
const bridge = await startBridge({ registry, token: config.token, kioskOrigin: config.kioskOrigin, port: config.port }, [idCardRoutes(registry.idCardReader)]);
console.log(`device bridge listening on ${bridge.url} for ${config.kioskOrigin}`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
