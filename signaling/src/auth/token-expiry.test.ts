import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { CloseCode, ErrorCode, type LoginResponse, type Principal } from '@etapiste/shared';
import { keepBoothTokenFresh, SignalingClient, type ConnectionState } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, postJson, startTestServer } from '../testing/test-server.ts';
import { JWT_AUDIENCE, JWT_ISSUER } from './tokens.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wsUrl = (server: EtapisteServer) => `${server.url.replace('http', 'ws')}/ws`;

/** The client's 'closed' event, with when it came (local clock; server and test share it). */
function closedAt(client: SignalingClient): Promise<{ code: number; reason: string; at: number }> {
  return new Promise((resolve) => {
    const off = client.on('closed', (closed) => {
      off();
      resolve({ ...closed, at: Date.now() });
    });
  });
}

/**
 * A connection lives as long as its token: the server closes it with 4401 'token expired' at
 * the token's expiry unless the client renews it over the socket (`connection.renewToken`)
 * with a fresh token of the same principal. Tokens are issued with a TTL of seconds here.
 */
describe('token expiry and renewal on the live connection', () => {
  const secret = randomBytes(48);
  let server: EtapisteServer;
  let expert: Principal;
  let boothLogin: LoginResponse;
  before(async () => {
    server = await startTestServer({ jwtSecret: secret, boothTokenTtlSeconds: 3 });
    expert = (await loginStaff(server, 'expert.kela')).principal;
    boothLogin = await loginBooth(server);
  });
  after(() => server.close());

  test('a socket whose token expires is closed with 4401 "token expired" at the expiry', async () => {
    const short = server.tokens.issue(expert, 2);
    const client = new SignalingClient({ url: wsUrl(server), token: short.token });
    const ready = await client.connect();
    const exp = (jwt.decode(short.token) as { exp: number }).exp * 1000;
    assert.equal(ready.tokenExpiresAt, exp, 'the greeting tells when the token expires');
    const closed = await closedAt(client);
    assert.equal(closed.code, CloseCode.TokenExpired);
    assert.equal(closed.reason, 'token expired');
    assert.ok(closed.at >= exp - 50 && closed.at <= exp + 1500, `closed ${closed.at - exp} ms after the expiry`);
    for (let waited = 0; server.registry.size > 0 && waited < 2000; waited += 50) await sleep(50);
    assert.equal(server.registry.size, 0, 'the connection is gone from the registry');
  });

  test('renewing with a fresh token of the same principal keeps the socket open past the old expiry', async () => {
    const short = server.tokens.issue(expert, 2);
    const client = await connectClient(server, short.token);
    let closed: { code: number } | null = null;
    client.on('closed', (event) => (closed = event));
    const fresh = server.tokens.issue(expert, 60);
    const renewed = await client.renewToken(fresh.token);
    assert.equal(renewed.tokenExpiresAt, (jwt.decode(fresh.token) as { exp: number }).exp * 1000);
    // An older token, still valid, does not shorten the connection's life.
    const older = server.tokens.issue(expert, 30);
    assert.equal((await client.renewToken(older.token)).tokenExpiresAt, renewed.tokenExpiresAt);
    await sleep(short.expiresAt - Date.now() + 1200);
    assert.equal(closed, null, 'still open after the old token expired');
    assert.equal((await client.request('queue.overview', {})).agencyId, 'kela');
    client.close();
  });

  test('renewal with another principal’s token, or a forged / alg:none / wrong-audience / expired one, is refused with a typed error; the socket still closes at the old expiry', async () => {
    const short = server.tokens.issue(expert, 3);
    const client = await connectClient(server, short.token);
    const closing = closedAt(client);
    const oldExp = (jwt.decode(short.token) as { exp: number }).exp * 1000;
    const vero = (await loginStaff(server, 'expert.vero')).token;
    const sameSubjectOtherRole = jwt.sign({ principal: { ...expert, role: 'admin' } }, secret, {
      algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, subject: expert.subjectId, expiresIn: 60,
    });
    const claims = { principal: expert, iss: JWT_ISSUER, aud: JWT_AUDIENCE, sub: expert.subjectId };
    const refused: [string, string, string][] = [
      ['another expert', vero, ErrorCode.Forbidden],
      ['the booth', (await loginBooth(server)).token, ErrorCode.Forbidden],
      ['same subject, another role', sameSubjectOtherRole, ErrorCode.Forbidden],
      ['forged signature', jwt.sign(claims, 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', expiresIn: 60 }), ErrorCode.Unauthenticated],
      ['alg none', jwt.sign(claims, '', { algorithm: 'none' }), ErrorCode.Unauthenticated],
      ['wrong audience', jwt.sign({ principal: expert }, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: 'someone-else', subject: expert.subjectId, expiresIn: 60 }), ErrorCode.Unauthenticated],
      ['expired', server.tokens.issue(expert, -10).token, ErrorCode.Unauthenticated],
      ['garbage', 'not.a.token', ErrorCode.Unauthenticated],
    ];
    for (const [what, token, code] of refused) {
      await assert.rejects(client.renewToken(token), { code }, what);
    }
    await assert.rejects(client.request('connection.renewToken', { token: '' }), { code: ErrorCode.ValidationFailed });
    assert.equal((await client.request('queue.overview', {})).agencyId, 'kela', 'the connection itself is unharmed');
    const closed = await closing;
    assert.equal(closed.code, CloseCode.TokenExpired);
    assert.ok(closed.at >= oldExp - 50 && closed.at <= oldExp + 1500, `closed ${closed.at - oldExp} ms after the old expiry`);
  });

  test('a reconnecting SignalingClient does not reconnect after 4401, and one that renewed reconnects with its new token', async () => {
    const short = server.tokens.issue(expert, 2);
    const expiring = new SignalingClient({ url: wsUrl(server), token: short.token, reconnect: { heartbeatMs: 60_000 } });
    const states: ConnectionState[] = [];
    expiring.on('connectionState', (state) => states.push(state));
    await expiring.connect();
    const closed = await closedAt(expiring);
    assert.equal(closed.code, CloseCode.TokenExpired);
    await sleep(1000);
    assert.deepEqual(states, ['open', 'closed'], 'no reconnection attempt after 4401');
    assert.equal(server.registry.size, 0);

    // The renewed client: its token for reconnections is the new one (the old one has expired).
    const renewing = new SignalingClient({ url: wsUrl(server), token: server.tokens.issue(expert, 2).token, reconnect: { heartbeatMs: 60_000 } });
    await renewing.connect();
    await renewing.renewToken(server.tokens.issue(expert, 60).token);
    await sleep(2500);
    const reconnected = new Promise((resolve, reject) => {
      renewing.on('reconnected', resolve);
      renewing.on('closed', ({ code }) => reject(new Error(`gave up (${code}) instead of reconnecting with the renewed token`)));
      setTimeout(() => reject(new Error('no reconnection within 10 s')), 10_000).unref();
    });
    renewing.simulateDrop();
    await reconnected;
    assert.equal(renewing.connectionState, 'open');
    assert.equal((await renewing.request('queue.overview', {})).agencyId, 'kela');
    renewing.close();
  });

  test('a queue board (watch-only) connection may renew its token too', async () => {
    const board = new SignalingClient({ url: `${wsUrl(server)}?client=board`, token: server.tokens.issue(boothLogin.principal, 2).token });
    await board.connect();
    const fresh = server.tokens.issue(boothLogin.principal, 60).token;
    assert.equal((await board.renewToken(fresh)).tokenExpiresAt, (jwt.decode(fresh) as { exp: number }).exp * 1000);
    await assert.rejects(board.request('booth.state', {}), { code: ErrorCode.Forbidden }, 'it still may do nothing else');
    board.close();
  });

  test('a kiosk (booth tokens last boothTokenTtlSeconds, 3 s here) keeps its connection past several expiries by logging in again with its device token', async () => {
    const login = async () => (await postJson(`${server.url}/api/auth/booth`, { deviceToken: 'demo-booth-kallio-library-0001' })).body as LoginResponse;
    const first = await login();
    const client = new SignalingClient({ url: wsUrl(server), token: first.token });
    const ready = await client.connect();
    let closed: { code: number } | null = null;
    client.on('closed', (event) => (closed = event));
    const logins: number[] = [];
    const stop = keepBoothTokenFresh(client, {
      login: async () => {
        logins.push(Date.now());
        return login();
      },
      tokenExpiresAt: ready.tokenExpiresAt,
      clockOffsetMs: ready.serverTime - Date.now(),
    });
    await sleep(first.expiresAt - Date.now() + 3500);
    assert.equal(closed, null, 'open past two booth-token lifetimes');
    assert.ok(logins.length >= 2, `${logins.length} renewals`);
    assert.ok((await client.request('booth.state', {})).catalogue);
    stop();
    client.close();
  });
});
