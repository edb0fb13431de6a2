import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  BoothLoginRequest,
  ErrorCode,
  EtapisteError,
  httpStatusOf,
  StaffLoginRequest,
  type HealthResponse,
} from '@etapiste/shared';
import type { MediaServer } from '@etapiste/sfu';
import type { AuthService } from '../auth/auth-service.ts';
import type { TokenService } from '../auth/tokens.ts';
import { allow, anyRole, bearerToken, publicRoute } from '../security/route-policy.ts';
import { securityHeaders } from '../security/security-headers.ts';
import { parseBody } from './validation.ts';
import { logError } from '../logging/safe-log.ts';

export interface HttpDeps {
  auth: AuthService;
  tokens: TokenService;
  media: MediaServer;
  connections: () => number;
  appsRoot: string;
  version: string;
  /** Capability routers mounted under /api (e.g. /bookings, /admin). */
  routers: { path: string; router: express.Router }[];
}

const apps = ['booth', 'agent', 'interpreter'] as const;

/** REST: authentication, health and media counters; serves the three built apps. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders);
  // Service points with a year of exceptions and timetables are larger than other bodies.
  app.use('/api/admin', express.json({ limit: '256kb' }));
  app.use('/api', express.json({ limit: '16kb' }));

  const clientAddress = (request: Request) => request.ip ?? 'unknown';

  app.post('/api/auth/login', publicRoute(), async (request, response) => {
    const body = parseBody(StaffLoginRequest, request.body);
    response.json(await deps.auth.loginStaff(body.username, body.password, clientAddress(request)));
  });
  app.post('/api/auth/booth', publicRoute(), async (request, response) => {
    const body = parseBody(BoothLoginRequest, request.body);
    response.json(await deps.auth.loginBooth(body.deviceToken, clientAddress(request)));
  });
  app.post('/api/auth/refresh', allow(deps.tokens, anyRole), (request, response) => {
    response.json(deps.auth.refresh(bearerToken(request)));
  });
  app.get('/api/health', publicRoute(), (_request, response) => {
    const media = deps.media.health();
    const body: HealthResponse = {
      status: media.healthyWorkers === media.workers && media.workers > 0 ? 'ok' : 'degraded',
      version: deps.version,
      uptimeSeconds: Math.round(process.uptime()),
      media,
      connections: deps.connections(),
    };
    response.status(body.status === 'ok' ? 200 : 503).json(body);
  });
  app.get('/api/media/counters', allow(deps.tokens, ['admin']), (_request, response) => {
    response.json(deps.media.counters());
  });
  for (const { path: mount, router } of deps.routers) app.use(`/api${mount}`, router);
  app.use('/api', (_request, _response, next) => next(new EtapisteError(ErrorCode.NotFound, 'no such endpoint')));

  for (const name of apps) {
    const dist = path.join(deps.appsRoot, `${name}-client`, 'dist');
    app.use(`/${name}`, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    app.get(`/${name}`, publicRoute(), (_request, response) => response.redirect(`/${name}/`));
  }
  // The apps' icon (their pages link it; without it browsers ask for /favicon.ico and get 404).
  const favicon = path.join(deps.appsRoot, 'shared', 'src', 'browser', 'favicon.svg');
  app.get('/favicon.svg', publicRoute(), (_request, response) => {
    response.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').sendFile(favicon);
  });
  app.get('/', publicRoute(), (_request, response) => {
    response.type('html').send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Etäpiste</title><main><h1>Etäpiste</h1><ul>${apps
        .map((name) => `<li><a href="/${name}/">${name}</a>${fs.existsSync(path.join(deps.appsRoot, `${name}-client`, 'dist')) ? '' : ' (not built)'}</li>`)
        .join('')}</ul></main></html>`,
    );
  });

  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    let typed: EtapisteError;
    if (error instanceof EtapisteError) typed = error;
    else if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
      typed = new EtapisteError(ErrorCode.BadJson, 'request body is not valid JSON');
    } else if ((error as { type?: string }).type === 'entity.too.large') {
      typed = new EtapisteError(ErrorCode.FrameTooLarge, 'request body too large');
    } else {
      logError('http', 'unexpected error', error);
      typed = new EtapisteError(ErrorCode.Internal, 'internal error');
    }
    const retryAfter = (typed.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typed.code === ErrorCode.RateLimited) response.setHeader('Retry-After', String(typeof retryAfter === 'number' ? retryAfter : 60));
    response.status(httpStatusOf[typed.code]).json({ error: typed.toBody() });
  });
  return app;
}

function noCacheHtml(response: Response, filePath: string): void {
  if (filePath.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
}
