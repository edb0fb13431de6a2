import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { loginEveryPrincipal, type TestPrincipal } from '../testing/test-principals.ts';
import { startTestServer } from '../testing/test-server.ts';
import { routeTable, type RouteEntry } from './route-policy.ts';

/**
 * The REST half of the role × action matrix, derived from the app's own route table: every
 * route must declare a policy, and every (caller, route) pair is tried for real. Forbidden
 * pairs must be refused with the typed error (401 UNAUTHENTICATED without a token, 403
 * FORBIDDEN for a wrong role); allowed pairs must not be refused for role reasons (a
 * validation or not-found error is fine: the requests carry placeholder ids and empty bodies).
 */
describe('role × REST route matrix', () => {
  let server: EtapisteServer;
  let routes: RouteEntry[];
  let principals: TestPrincipal[];
  before(async () => {
    server = await startTestServer();
    routes = routeTable(server.httpApp);
    principals = await loginEveryPrincipal(server);
  });
  after(() => server.close());

  test('the route table is read from the app and every route declares who may call it', () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    for (const known of ['POST /api/auth/login', 'GET /api/admin/catalogue', 'POST /api/bookings/:bookingId/cancel', 'GET /api/statistics/visits', 'DELETE /api/admin/windows/:id']) {
      assert.ok(names.includes(known), `route table lists ${known}`);
    }
    const undeclared = routes.filter((route) => route.policy === null).map((route) => `${route.method} ${route.path}`);
    assert.deepEqual(undeclared, [], 'routes without allow(…) or publicRoute() as their first handler');
  });

  test('every caller on every route: forbidden → 401/403 with a typed code, allowed → not refused for role reasons', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const url = `${server.url}${route.path.replace(/:(\w+)/g, 'no-such-$1')}`;
      for (const principal of principals) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (principal.token) headers.authorization = `Bearer ${principal.token}`;
        const response = await fetch(url, {
          method: route.method,
          headers,
          body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
          redirect: 'manual',
        });
        const isJson = response.headers.get('content-type')?.includes('application/json');
        const body = isJson ? ((await response.json()) as { error?: { code?: string } }) : (await response.arrayBuffer(), {});
        const code = body.error?.code;
        const where = `${principal.name} ${route.method} ${route.path}: ${response.status} ${code ?? ''}`;
        checked += 1;
        const policy = route.policy!;
        const allowed = policy.kind === 'public' || (principal.role !== null && policy.roles.includes(principal.role));
        if (allowed) {
          if (response.status === 401 || response.status === 403 || code === ErrorCode.Forbidden || code === ErrorCode.Unauthenticated) {
            problems.push(`allowed but refused: ${where}`);
          }
        } else if (principal.role === null) {
          if (response.status !== 401 || code !== ErrorCode.Unauthenticated) problems.push(`anonymous not refused: ${where}`);
        } else if (response.status !== 403 || code !== ErrorCode.Forbidden) {
          problems.push(`wrong role not refused: ${where}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= routes.length * principals.length);
  });
});
