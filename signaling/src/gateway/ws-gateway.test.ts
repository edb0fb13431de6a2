import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { CloseCode, ErrorCode, type Principal } from '@etapiste/shared';
import { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, startTestServer } from '../testing/test-server.ts';
import { JWT_AUDIENCE, JWT_ISSUER } from '../auth/tokens.ts';

/** A raw socket for sending what a well-behaved client never would. */
class RawSocket {
  readonly socket: WebSocket;
  readonly messages: any[] = [];
  readonly closed: Promise<{ code: number }>;
  #waiters: (() => void)[] = [];
  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.addEventListener('message', (event) => {
      this.messages.push(JSON.parse(String(event.data)));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.addEventListener('close', (event) => resolve({ code: event.code })));
  }
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('error', () => reject(new Error('socket error')), { once: true });
    });
  }
  async response(id: unknown): Promise<any> {
    for (;;) {
      const found = this.messages.find((message) => 'ok' in message && message.id === id);
      if (found) return found;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

const wsUrl = (server: EtapisteServer, token: string) => `${server.url.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`;

/** The HTTP status the server answers a WebSocket upgrade with (101 = accepted). */
function upgradeStatus(server: EtapisteServer, token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}/ws${token === null ? '' : `?token=${encodeURIComponent(token)}`}`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.on('error', reject);
  });
}

describe('WebSocket gateway', () => {
  let server: EtapisteServer;
  let expertToken: string;
  let boothToken: string;
  before(async () => {
    server = await startTestServer();
    expertToken = (await loginStaff(server, 'expert.kela')).token;
    boothToken = (await loginBooth(server)).token;
  });
  after(() => server.close());

  test('refuses the upgrade without a valid token: missing, forged, expired, alg none', async () => {
    const principal: Principal = { role: 'admin', subjectId: 'u-admin', displayName: 'x', agencyId: null, servicePointId: null };
    const forged = jwt.sign({ principal }, 'a-different-secret-of-enough-length-0123456789', {
      algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, subject: 'u-admin', expiresIn: 60,
    });
    const expired = server.tokens.issue(principal, -10).token;
    const unsigned = jwt.sign({ principal, iss: JWT_ISSUER, aud: JWT_AUDIENCE, sub: 'u-admin' }, '', { algorithm: 'none' });
    const wrongAudience = jwt.sign({ principal }, 'x'.repeat(48), { algorithm: 'HS256', issuer: JWT_ISSUER, audience: 'other' });
    for (const token of [null, 'garbage', forged, expired, unsigned, wrongAudience]) {
      assert.equal(await upgradeStatus(server, token), 401, `token ${String(token).slice(0, 20)}`);
    }
    assert.equal(await upgradeStatus(server, expertToken), 101);
    const raw = new RawSocket(wsUrl(server, forged));
    assert.notEqual((await raw.closed).code, 1000);
  });

  test('malformed JSON, unknown method, bad params and a wrong role get typed errors; the connection stays usable', async () => {
    const raw = new RawSocket(wsUrl(server, boothToken));
    await raw.opened();
    raw.socket.send('{not json');
    raw.socket.send(JSON.stringify({ id: 1, method: 'no.such.method', params: {} }));
    raw.socket.send(JSON.stringify({ id: 2, method: 'queue.takeNumber', params: { serviceId: 'x', language: 'de' } }));
    raw.socket.send(JSON.stringify({ id: 3, method: 'queue.takeNext', params: {} }));
    raw.socket.send(JSON.stringify({ id: 4, method: 'booth.state', params: {}, extra: true }));
    raw.socket.send(JSON.stringify({ id: 5, method: 'booth.state', params: {} }));
    assert.equal((await raw.response(null)).error.code, ErrorCode.BadJson);
    assert.equal((await raw.response(1)).error.code, ErrorCode.UnknownMethod);
    const invalid = await raw.response(2);
    assert.equal(invalid.error.code, ErrorCode.ValidationFailed);
    assert.ok(invalid.error.details.some((issue: { path: string }) => issue.path === 'language'));
    assert.equal((await raw.response(3)).error.code, ErrorCode.Forbidden);
    assert.equal((await raw.response(4)).error.code, ErrorCode.ValidationFailed);
    const ok = await raw.response(5);
    assert.equal(ok.ok, true);
    assert.equal(ok.result.catalogue.servicePoint.id, 'sp-kallio-library');
    raw.socket.close();
  });

  test('an expert may not call booth methods, nor take part in another agency’s session', async () => {
    const booth = await connectClient(server, boothToken);
    const veroExpert = await connectClient(server, (await loginStaff(server, 'expert.vero')).token);
    await assert.rejects(veroExpert.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' }), {
      code: ErrorCode.Forbidden,
    });
    const { view, session } = await booth.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    assert.deepEqual((await veroExpert.request('queue.takeNext', {})).call, null, 'Vero never takes a Kela customer');
    await assert.rejects(veroExpert.request('media.getRouterCapabilities', { sessionId: session.sessionId }), {
      code: ErrorCode.Forbidden,
    });
    await booth.request('queue.leave', { ticketId: view.ticket.ticketId });
    booth.close();
    veroExpert.close();
  });

  test('a newer connection of the same booth replaces the older one (4001) without ending its session', async () => {
    const first = await connectClient(server, boothToken);
    const { view } = await first.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    const closed = new Promise<number>((resolve) => first.on('closed', ({ code }) => resolve(code)));
    const second = await connectClient(server, boothToken);
    assert.equal(await closed, CloseCode.Replaced);
    const expert = await connectClient(server, expertToken);
    const { waiting } = await expert.request('queue.overview', {});
    assert.ok(waiting.some((entry) => entry.ticketId === view.ticket.ticketId), 'the ticket survives');
    const state = await second.request('booth.state', {});
    assert.equal(state.current?.view.ticket.ticketId, view.ticket.ticketId, 'the new connection resumes the ticket');
    await second.request('queue.leave', { ticketId: view.ticket.ticketId });
    second.close();
    expert.close();
  });

  test('a queue board opened with the kiosk’s token watches without replacing the kiosk, and may do nothing else', async () => {
    const kiosk = await connectClient(server, boothToken);
    let kioskClosed = false;
    kiosk.on('closed', () => (kioskClosed = true));
    const board = new SignalingClient({ url: `${server.url.replace('http', 'ws')}/ws?client=board`, token: boothToken });
    await board.connect();
    const shown = await board.request('queue.watchBoard', { servicePointId: 'sp-kallio-library' });
    assert.equal(shown.servicePointId, 'sp-kallio-library');
    await assert.rejects(board.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' }), { code: ErrorCode.Forbidden });
    await kiosk.request('booth.state', {});
    assert.equal(kioskClosed, false);
    board.close();
    kiosk.close();
  });

  test('a 10 MB frame closes only that connection (1009); other clients keep being served', async () => {
    const bystander = await connectClient(server, expertToken);
    const raw = new RawSocket(wsUrl(server, boothToken));
    await raw.opened();
    raw.socket.send(JSON.stringify({ id: 1, method: 'booth.state', params: { padding: 'x'.repeat(10 * 1024 * 1024) } }));
    assert.equal((await raw.closed).code, CloseCode.MessageTooBig);
    const { waiting } = await bystander.request('queue.overview', {});
    assert.ok(Array.isArray(waiting));
    bystander.close();
  });

  test('floods are rate-limited with RATE_LIMITED, and sustained abuse closes the connection (1008)', async () => {
    const raw = new RawSocket(wsUrl(server, expertToken));
    await raw.opened();
    for (let id = 1; id <= 300; id++) raw.socket.send(JSON.stringify({ id, method: 'queue.overview', params: {} }));
    const { code } = await raw.closed;
    assert.equal(code, CloseCode.PolicyViolation);
    const limited = raw.messages.filter((message) => message.error?.code === ErrorCode.RateLimited);
    assert.equal(limited.length, 200, 'the 200th rejection within 10 s closes the connection');
    // A burst within the limit is served in full.
    const polite = new RawSocket(wsUrl(server, expertToken));
    await polite.opened();
    for (let id = 1; id <= 50; id++) polite.socket.send(JSON.stringify({ id, method: 'queue.overview', params: {} }));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => polite.response(index + 1)));
    assert.ok(answers.every((answer) => answer.ok === true));
    polite.socket.close();
    // The same account can still connect and work.
    const client = await connectClient(server, expertToken);
    await client.request('queue.overview', {});
    client.close();
  });
});
