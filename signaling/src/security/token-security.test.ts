import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { ErrorCode, type Principal } from '@etapiste/shared';
import { JWT_AUDIENCE, JWT_ISSUER } from '../auth/tokens.ts';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginStaff, postJson, startTestServer } from '../testing/test-server.ts';

/** The HTTP status of a WebSocket upgrade (101 = accepted) and the body of a refusal. */
function upgrade(server: EtapisteServer, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}/ws?token=${encodeURIComponent(token)}`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    request.on('error', reject);
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens at both doors (REST bearer and WebSocket upgrade): expired, unsigned (`alg: none`),
 * forged, tampered, wrong audience or issuer, all refused with UNAUTHENTICATED; refresh
 * renews a valid token and refuses an expired one. Login guessing is throttled with 429,
 * RATE_LIMITED and Retry-After.
 */
describe('token security and login rate limit', () => {
  const secret = randomBytes(48);
  let server: EtapisteServer;
  let admin: { token: string; principal: Principal };
  before(async () => {
    server = await startTestServer({ jwtSecret: secret });
    admin = await loginStaff(server, 'admin');
  });
  after(() => server.close());

  const restStatus = async (token: string) => {
    const response = await fetch(`${server.url}/api/media/counters`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
  };

  test('bad tokens are refused on REST (401 UNAUTHENTICATED) and on the WebSocket upgrade (401)', async () => {
    const { principal } = admin;
    const claims = { principal, iss: JWT_ISSUER, aud: JWT_AUDIENCE, sub: principal.subjectId };
    const [header, payload, signature] = admin.token.split('.');
    const promoted = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), principal: { ...principal, agencyId: 'vero' } };
    const bad: Record<string, string> = {
      expired: server.tokens.issue(principal, -10).token,
      'alg none': jwt.sign(claims, '', { algorithm: 'none' }),
      'alg none, hand-made': `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'forged signature': jwt.sign(claims, 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', expiresIn: 60 }),
      'tampered payload': `${header}.${base64url(promoted)}.${signature}`,
      'wrong audience': jwt.sign({ principal }, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: 'someone-else', subject: principal.subjectId, expiresIn: 60 }),
      'wrong issuer': jwt.sign({ principal }, secret, { algorithm: 'HS256', issuer: 'evil', audience: JWT_AUDIENCE, subject: principal.subjectId, expiresIn: 60 }),
      'HS512 instead of HS256': jwt.sign(claims, secret, { algorithm: 'HS512', expiresIn: 60 }),
      'subject mismatch': jwt.sign({ principal }, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, subject: 'u-someone-else', expiresIn: 60 }),
      garbage: 'not.a.token',
    };
    for (const [what, token] of Object.entries(bad)) {
      const rest = await restStatus(token);
      assert.equal(rest.status, 401, `REST: ${what}`);
      assert.equal(rest.body.error?.code, ErrorCode.Unauthenticated, `REST: ${what}`);
      const ws = await upgrade(server, token);
      assert.equal(ws.status, 401, `WebSocket: ${what}`);
      assert.equal(JSON.parse(ws.body).error.code, ErrorCode.Unauthenticated, `WebSocket: ${what}`);
    }
    assert.equal((await restStatus(bad.expired!)).body.error?.message, 'token expired');
    // The control: the genuine token passes both doors.
    assert.equal((await restStatus(admin.token)).status, 200);
    assert.equal((await upgrade(server, admin.token)).status, 101);
  });

  test('refresh gives a new, later-expiring token for a valid one and refuses an expired one', async () => {
    const short = server.tokens.issue((await loginStaff(server, 'expert.kela')).principal, 2);
    const refreshed = await postJson(`${server.url}/api/auth/refresh`, {}, { authorization: `Bearer ${short.token}` });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.token, short.token);
    assert.ok(refreshed.body.expiresAt > short.expiresAt + 60_000);
    assert.equal(refreshed.body.principal.subjectId, 'u-expert-kela');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const late = await postJson(`${server.url}/api/auth/refresh`, {}, { authorization: `Bearer ${short.token}` });
    assert.equal(late.status, 401);
    assert.equal(late.body.error.code, ErrorCode.Unauthenticated);
    assert.equal((await upgrade(server, short.token)).status, 401, 'the expired token no longer opens a socket');
    const client = await connectClient(server, refreshed.body.token);
    assert.equal((await client.request('queue.overview', {})).agencyId, 'kela', 'the refreshed token works');
    client.close();
  });

  test('password guessing is throttled per account: 429 RATE_LIMITED with Retry-After; other accounts still log in', async () => {
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor.kela', password: `guess-${attempt}` }),
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const body = (await limited!.json()) as { error: { code: string; details: { retryAfterSeconds: number } } };
    assert.equal(body.error.code, ErrorCode.RateLimited);
    assert.equal(body.error.details.retryAfterSeconds, retryAfter);
    // Even the right password waits out the window; another account is not affected.
    assert.equal((await postJson(`${server.url}/api/auth/login`, { username: 'supervisor.kela', password: 'etapiste-demo' })).status, 429);
    assert.equal((await postJson(`${server.url}/api/auth/login`, { username: 'expert2.kela', password: 'etapiste-demo' })).status, 200);
  });
});
