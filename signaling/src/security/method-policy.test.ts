import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, methodNames, methods, Role } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { loginEveryPrincipal, type TestPrincipal } from '../testing/test-principals.ts';
import { connectClient, loginBooth, startTestServer } from '../testing/test-server.ts';

const wsUrl = (server: EtapisteServer, token: string) => `${server.url.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`;

/** Opens a socket and answers requests by id (raw, so that nothing client-side filters them). */
async function rawConnection(url: string) {
  const socket = new WebSocket(url);
  const answers = new Map<unknown, { ok: boolean; error?: { code: string } }>();
  const waiting = new Map<unknown, () => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    if (!('ok' in message)) return;
    answers.set(message.id, message);
    waiting.get(message.id)?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('socket error')), { once: true });
  });
  return {
    async call(id: number, method: string, params: unknown) {
      const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ id, method, params }));
      await answered;
      return answers.get(id)!;
    },
    close: () => socket.close(),
  };
}

/**
 * The WebSocket half of the role × action matrix, derived from the one protocol table
 * (`shared/src/protocol/methods.ts`): every method declares its roles, and every caller tries
 * every method. Forbidden → FORBIDDEN; allowed → never FORBIDDEN/UNAUTHENTICATED for role
 * reasons (the empty params then fail validation or, for methods without params, succeed).
 * Anonymous callers never get a socket (see ws-gateway.test.ts for the token cases).
 */
describe('role × WebSocket method matrix', () => {
  let server: EtapisteServer;
  let principals: TestPrincipal[];
  before(async () => {
    server = await startTestServer();
    principals = await loginEveryPrincipal(server);
  });
  after(() => server.close());

  test('every protocol method declares a non-empty set of known roles', () => {
    assert.ok(methodNames.length >= 15);
    for (const name of methodNames) {
      const roles = methods[name].roles as readonly string[];
      assert.ok(Array.isArray(roles) && roles.length > 0, `${name} declares roles`);
      for (const role of roles) assert.ok(Role.options.includes(role as Role), `${name}: ${role} is a role`);
    }
  });

  test('every caller on every method: forbidden → FORBIDDEN, allowed → not refused for role reasons', async () => {
    const problems: string[] = [];
    for (const principal of principals) {
      if (!principal.token) continue;
      const connection = await rawConnection(wsUrl(server, principal.token));
      let id = 0;
      for (const name of methodNames) {
        const answer = await connection.call(++id, name, {});
        const code = answer.ok ? 'ok' : answer.error?.code;
        const allowed = (methods[name].roles as readonly string[]).includes(principal.role!);
        const where = `${principal.name} ${name}: ${code}`;
        if (allowed && (code === ErrorCode.Forbidden || code === ErrorCode.Unauthenticated)) problems.push(`allowed but refused: ${where}`);
        if (!allowed && code !== ErrorCode.Forbidden) problems.push(`not refused: ${where}`);
      }
      connection.close();
    }
    assert.deepEqual(problems, []);
  });

  test('agency and place scoping with real objects: a Vero expert cannot touch a Kela customer’s session (media, hang-up, transfer, interpreters), another booth cannot touch this booth’s number', async () => {
    const [kallioBooth, kelaExpert, veroExpert, interpreter, host, kelaSupervisor] = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) => connectClient(server, principals[index]!.token!)),
    );
    const lapland = await connectClient(server, (await loginBooth(server, 'demo-booth-lapland-servicebus-01')).token);
    let opened: string | null = null;
    try {
      const { view, session } = await kallioBooth!.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
      opened = session.sessionId;
      const ticketId = view.ticket.ticketId;
      const vero = await veroExpert!.request('queue.overview', {});
      assert.equal(vero.agencyId, 'vero');
      assert.ok(!vero.waiting.some((entry) => entry.ticketId === ticketId), 'Vero does not see the Kela number');
      const kela = await kelaSupervisor!.request('queue.overview', {});
      assert.ok(kela.waiting.some((entry) => entry.ticketId === ticketId), 'the Kela supervisor sees it');
      assert.equal((await veroExpert!.request('queue.takeNext', {})).call, null, 'Vero never takes a Kela customer');
      await assert.rejects(lapland.request('queue.leave', { ticketId }), { code: ErrorCode.Forbidden });
      await assert.rejects(host!.request('queue.pointTickets', { servicePointId: 'sp-lapland-bus' }), { code: ErrorCode.Forbidden });

      const taken = await kelaExpert!.request('queue.takeNext', {});
      assert.equal(taken.call?.session.sessionId, session.sessionId);
      const sessionId = session.sessionId;
      await assert.rejects(lapland.request('queue.answer', { ticketId }), { code: ErrorCode.Forbidden });
      await kallioBooth!.request('queue.answer', { ticketId });
      for (const client of [veroExpert!, interpreter!]) {
        await assert.rejects(client.request('media.getRouterCapabilities', { sessionId }), { code: ErrorCode.Forbidden });
        await assert.rejects(client.request('media.createTransport', { sessionId, direction: 'send' }), { code: ErrorCode.Forbidden });
        await assert.rejects(client.request('session.end', { sessionId }), { code: ErrorCode.Forbidden });
      }
      await assert.rejects(veroExpert!.request('queue.transfer', { sessionId, serviceId: 'vero-tax-card' }), { code: ErrorCode.Forbidden });
      const skill = { modality: 'spoken', language: 'ar' } as const;
      await assert.rejects(veroExpert!.request('interpreting.request', { sessionId, skill }), { code: ErrorCode.Forbidden });
      await assert.rejects(veroExpert!.request('interpreting.requests', { sessionId }), { code: ErrorCode.Forbidden });
      await assert.rejects(lapland.request('interpreting.requests', { sessionId }), { code: ErrorCode.Forbidden });
      await assert.rejects(lapland.request('media.getRouterCapabilities', { sessionId }), { code: ErrorCode.Forbidden });
      await assert.rejects(lapland.request('session.end', { sessionId }), { code: ErrorCode.Forbidden });
      // The rightful participants still can.
      await kelaExpert!.request('media.getRouterCapabilities', { sessionId });
      assert.deepEqual((await kallioBooth!.request('interpreting.requests', { sessionId })).requests, []);
      await kelaExpert!.request('session.end', { sessionId });
    } finally {
      // A failed assertion must not leave a live session (and its media) behind the server's shutdown.
      if (opened) await server.sessions.end(opened, 'hangup').catch(() => undefined);
      for (const client of [kallioBooth, kelaExpert, veroExpert, interpreter, host, kelaSupervisor, lapland]) client?.close();
    }
  });
});
