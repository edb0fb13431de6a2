import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalMediaServer } from '@etapiste/sfu';
import { AuthService } from './auth/auth-service.ts';
import { TokenService } from './auth/tokens.ts';
import { catalogueHandlers } from './catalogue/catalogue-handlers.ts';
import { seedDemoData } from './catalogue/demo-data.ts';
import type { SignalingConfig } from './config.ts';
import { ConnectionRegistry } from './gateway/connection-registry.ts';
import type { MethodHandlers } from './gateway/handlers.ts';
import { WsGateway } from './gateway/ws-gateway.ts';
import { createHttpApp } from './http/http-app.ts';
import { mediaHandlers } from './media/media-handlers.ts';
import { ServiceSessionService } from './sessions/service-session-service.ts';
import { sessionHandlers } from './sessions/session-handlers.ts';
import { SqliteCatalogueRepository } from './storage/catalogue-repository.ts';
import { openSqliteDatabase } from './storage/sqlite-database.ts';

export const VERSION = '0.1.0';

export interface EtapisteServer {
  readonly url: string;
  readonly port: number;
  readonly media: LocalMediaServer;
  readonly sessions: ServiceSessionService;
  readonly tokens: TokenService;
  close(): Promise<void>;
}

/** Wires storage, SFU, domain services, REST and the WebSocket gateway into one process. */
export async function startServer(config: SignalingConfig, options: { demo?: boolean } = {}): Promise<EtapisteServer> {
  const db = openSqliteDatabase(config.dataDir);
  const catalogue = new SqliteCatalogueRepository(db);
  if (options.demo) await seedDemoData(catalogue);

  const media = await new LocalMediaServer(config.sfu).start();
  const tokens = new TokenService(config.jwtSecret);
  const auth = new AuthService(catalogue, tokens, { staff: config.staffTokenTtlSeconds, booth: config.boothTokenTtlSeconds });
  const registry = new ConnectionRegistry();
  const sessions = new ServiceSessionService({ catalogue, media, registry });

  const handlers: MethodHandlers = {
    ...catalogueHandlers(catalogue),
    ...sessionHandlers(sessions),
    ...mediaHandlers(sessions, () => config.iceServers),
  };
  const gateway = new WsGateway({
    tokens,
    registry,
    handlers,
    limits: config,
    onSubjectOffline: (principal) => sessions.onSubjectOffline(principal),
    onConnected: (connection) => {
      const { principal } = connection;
      if (principal.role === 'expert' && principal.agencyId) {
        connection.notify('session.waitingChanged', { sessions: sessions.listWaiting(principal.agencyId) });
      }
    },
  });

  const app = createHttpApp({ auth, tokens, media, connections: () => registry.size, appsRoot: config.appsRoot, version: VERSION });
  const httpServer = http.createServer(app);
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;
  gateway.attach(httpServer);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;

  return {
    url: `http://localhost:${port}`,
    port,
    media,
    sessions,
    tokens,
    async close() {
      gateway.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await media.close();
      db.close();
    },
  };
}
