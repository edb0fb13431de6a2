import http from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { LocalMediaServer } from '@etapiste/sfu';
import { adminRouter } from './admin/admin-routes.ts';
import { AuthService } from './auth/auth-service.ts';
import { tokenRenewalHandlers } from './auth/token-renewal-handlers.ts';
import { TokenService } from './auth/tokens.ts';
import { bookingRouter } from './booking/booking-routes.ts';
import { BookingService } from './booking/booking-service.ts';
import { seedDemoData, type DemoOptions } from './catalogue/demo-data.ts';
import type { SignalingConfig } from './config.ts';
import { deviceHandlers } from './devices/device-handlers.ts';
import { DeviceService } from './devices/device-service.ts';
import { ConnectionRegistry } from './gateway/connection-registry.ts';
import type { MethodHandlers } from './gateway/handlers.ts';
import { WsGateway } from './gateway/ws-gateway.ts';
import { createHttpApp } from './http/http-app.ts';
import { BookingInterpreters } from './interpreting/booking-interpreters.ts';
import { InterpreterPresence } from './interpreting/interpreter-presence.ts';
import { interpretingHandlers } from './interpreting/interpreting-handlers.ts';
import { interpretingAdminRouter } from './interpreting/interpreting-admin-routes.ts';
import { InterpretingService } from './interpreting/interpreting-service.ts';
import { InterpretingViews } from './interpreting/interpreting-views.ts';
import { identityHandlers } from './identity/identity-handlers.ts';
import { IdentityService } from './identity/identity-service.ts';
import { mediaHandlers } from './media/media-handlers.ts';
import { ChainingService } from './queue/chaining-service.ts';
import { queueHandlers } from './queue/queue-handlers.ts';
import { QueueService } from './queue/queue-service.ts';
import { WaitEstimator } from './queue/wait-estimator.ts';
import { ServiceSessionService } from './sessions/service-session-service.ts';
import { sessionHandlers } from './sessions/session-handlers.ts';
import { ParticipantPresence } from './sessions/participant-presence.ts';
import { resumeHandlers } from './sessions/resume-handlers.ts';
import { feedbackHandlers, FeedbackService } from './statistics/feedback-handlers.ts';
import { statisticsRouter } from './statistics/statistics-routes.ts';
import { StatisticsService } from './statistics/statistics-service.ts';
import { UsageRecorder } from './statistics/usage-recorder.ts';
import { demoDataProblems, ProductionConfigError, productionConfigProblems } from './security/production-guard.ts';
import { openStorage } from './storage/open-storage.ts';
import type { Storage } from './storage/repositories.ts';
import { logError } from './logging/safe-log.ts';

export const VERSION = '0.1.0';

export interface EtapisteServer {
  readonly url: string;
  readonly port: number;
  readonly media: LocalMediaServer;
  readonly storage: Storage;
  readonly sessions: ServiceSessionService;
  readonly queue: QueueService;
  readonly bookings: BookingService;
  readonly interpreting: InterpretingService;
  readonly tokens: TokenService;
  /** The express app (its route table is what the role × route test walks). */
  readonly httpApp: Express;
  /** Live connections (fault tests drop a participant's connection through it). */
  readonly registry: ConnectionRegistry;
  close(): Promise<void>;
}

/** Wires storage, SFU, domain services, REST and the WebSocket gateway into one process. */
export async function startServer(config: SignalingConfig, options: { demo?: boolean | DemoOptions } = {}): Promise<EtapisteServer> {
  if (config.production) {
    const problems = productionConfigProblems(config, { demo: Boolean(options.demo) });
    if (problems.length > 0) throw new ProductionConfigError(problems);
  }
  const storage = await openStorage(
    config.databaseUrl ? { kind: 'postgres', connectionString: config.databaseUrl } : { kind: 'sqlite', dataDir: config.dataDir },
  );
  if (config.production) {
    const problems = await demoDataProblems(storage);
    if (problems.length > 0) {
      await storage.close();
      throw new ProductionConfigError(problems);
    }
  }
  if (options.demo) await seedDemoData(storage, options.demo === true ? {} : options.demo);

  const media = await new LocalMediaServer(config.sfu).start();
  const tokens = new TokenService(config.jwtSecret);
  const auth = new AuthService(storage.catalogue, tokens, { staff: config.staffTokenTtlSeconds, booth: config.boothTokenTtlSeconds });
  const registry = new ConnectionRegistry();
  const usage = new UsageRecorder(storage);
  const sessions = new ServiceSessionService({ storage, media, registry, usage });
  const queue = new QueueService({ storage, sessions, registry, estimator: new WaitEstimator(), usage });
  // A participant who drops out of an active session keeps their place for a grace period.
  const participantPresence = new ParticipantPresence({
    graceMs: config.reconnectGraceMs,
    registry,
    secret: config.jwtSecret,
    participationsOf: (subjectId) => sessions.participationsOf(subjectId),
    onGraceExpired: (principal) => queue.onSubjectOffline(principal),
  });
  sessions.liveness.attachPresence(participantPresence);
  const chaining = new ChainingService({ storage, sessions, registry, queue, usage });
  const interpretingViews = new InterpretingViews(storage);
  const bookings = new BookingService({ storage, queue, usage, interpreters: new BookingInterpreters({ storage, views: interpretingViews }) });
  const statistics = new StatisticsService({ storage });
  const presence = new InterpreterPresence();
  const interpreting = new InterpretingService({ storage, sessions, registry, usage, presence, views: interpretingViews, config: config.interpreting });
  await queue.restore();

  const handlers: MethodHandlers = {
    ...queueHandlers(queue, chaining, bookings),
    ...sessionHandlers(sessions),
    ...resumeHandlers(sessions),
    ...tokenRenewalHandlers(tokens),
    ...mediaHandlers(sessions, config.turn),
    ...feedbackHandlers(new FeedbackService({ storage, usage })),
    ...interpretingHandlers({ interpreting, presence, views: interpretingViews, storage }),
    ...deviceHandlers(new DeviceService({ storage, sessions, usage })),
    ...identityHandlers(new IdentityService({ storage, sessions, registry, usage, trustedCas: () => config.idCardTrustedCas })),
  };
  let stopping = false;
  const gateway = new WsGateway({
    tokens,
    registry,
    handlers,
    limits: config,
    onSubjectOffline: (principal) => {
      if (stopping) return;
      // Customer and expert keep their place in an active session for a grace period; interpreters
      // are handled by interpreting (a session goes on without them).
      const held = principal.role !== 'interpreter' && participantPresence.wentOffline(principal);
      if (!held) void queue.onSubjectOffline(principal).catch((error: unknown) => logError('server', 'offline handling failed', error));
      if (principal.role === 'expert' && principal.agencyId) void queue.publish([principal.agencyId], []);
      if (principal.role === 'interpreter') void interpreting.interpreterOffline(principal).catch((error: unknown) => logError('server', 'interpreter offline handling failed', error));
    },
    onConnected: (connection) => {
      const { principal } = connection;
      // Experts online change every agency estimate; the newcomer gets the queue at once.
      if (principal.role === 'expert' && principal.agencyId) void queue.publish([principal.agencyId], []);
    },
  });

  const app = createHttpApp({
    auth,
    tokens,
    media,
    connections: () => registry.size,
    appsRoot: config.appsRoot,
    version: VERSION,
    routers: [
      { path: '/bookings', router: bookingRouter({ bookings, tokens }) },
      { path: '/admin/interpreting', router: interpretingAdminRouter({ storage, tokens }) },
      { path: '/admin', router: adminRouter({ storage, tokens }) },
      { path: '/statistics', router: statisticsRouter({ statistics, tokens }) },
    ],
  });
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
    storage,
    sessions,
    queue,
    bookings,
    interpreting,
    tokens,
    httpApp: app,
    registry,
    async close() {
      stopping = true;
      queue.stop();
      interpreting.stop();
      sessions.liveness.stop();
      gateway.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await media.close();
      await storage.close();
    },
  };
}
