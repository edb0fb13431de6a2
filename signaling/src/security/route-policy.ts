import type { Express, NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { ErrorCode, EtapisteError, Role, type Principal } from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';

/**
 * Every HTTP route declares who may call it, with one of the two middlewares below as its
 * first handler. The declaration is the enforcement (the middleware checks the token and the
 * role) and it is also readable from the route table, so the role × route test in
 * `route-policy.test.ts` covers every route, including ones added later, and fails for a
 * route that declares nothing.
 */
export type RoutePolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

const policyMark = Symbol.for('etapiste.routePolicy');
type Marked = RequestHandler & { [policyMark]?: RoutePolicy };

/** Every role: any valid token (e.g. token refresh). */
export const anyRole: readonly Role[] = Role.options;

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * Requires a valid token (else 401 UNAUTHENTICATED) of one of `roles` (else 403 FORBIDDEN);
 * the principal is then in `response.locals.principal` (see `principalOf`).
 */
export function allow(tokens: TokenService, roles: readonly Role[]): RequestHandler {
  const handler: Marked = (request: Request, response: Response, next: NextFunction) => {
    const { principal } = tokens.verify(bearerToken(request));
    if (!roles.includes(principal.role)) throw new EtapisteError(ErrorCode.Forbidden, `${principal.role} may not do this`);
    response.locals.principal = principal;
    next();
  };
  handler[policyMark] = { kind: 'roles', roles };
  return handler;
}

/** No authentication: login, health, the app pages. */
export function publicRoute(): RequestHandler {
  const handler: Marked = (_request, _response, next) => next();
  handler[policyMark] = { kind: 'public' };
  return handler;
}

/** The principal that `allow` admitted. */
export function principalOf(response: Response): Principal {
  const principal = response.locals.principal as Principal | undefined;
  if (!principal) throw new EtapisteError(ErrorCode.Internal, 'route has no role policy');
  return principal;
}

export interface RouteEntry {
  method: string;
  /** Full path with express parameters, e.g. `/api/bookings/:bookingId/cancel`. */
  path: string;
  /** null: the route declares no policy (a defect the route-policy test reports). */
  policy: RoutePolicy | null;
}

interface LayerLike {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: { handle: Marked }[] };
  handle: Marked & { stack?: LayerLike[] };
}

function join(base: string, part: string): string {
  const joined = `${base}/${part}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Walks an express app's (or router's) layers and lists every route with its declared policy. */
export function routeTable(app: Express | Router): RouteEntry[] {
  const root = (app as unknown as { router?: { stack: LayerLike[] }; stack?: LayerLike[] }).router?.stack ?? (app as unknown as { stack: LayerLike[] }).stack;
  const entries: RouteEntry[] = [];
  const walk = (stack: LayerLike[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const policy = layer.route.stack.map((handler) => handler.handle[policyMark]).find((mark) => mark !== undefined) ?? null;
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const routePath of paths) {
          for (const method of Object.keys(layer.route.methods)) entries.push({ method: method.toUpperCase(), path: join(base, routePath), policy });
        }
      } else if (Array.isArray(layer.handle.stack)) {
        const mount = Array.isArray(layer.rawPath) ? layer.rawPath[0] : layer.rawPath;
        walk(layer.handle.stack, join(base, typeof mount === 'string' ? mount : ''));
      }
    }
  };
  walk(root, '/');
  return entries;
}
