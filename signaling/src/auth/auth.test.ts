import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { postJson, startTestServer } from '../testing/test-server.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('authentication', () => {
  let server: EtapisteServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('scrypt hashes verify and differ per salt', async () => {
    const first = await hashPassword('correct horse');
    assert.notEqual(first, await hashPassword('correct horse'));
    assert.equal(await verifyPassword('correct horse', first), true);
    assert.equal(await verifyPassword('wrong horse', first), false);
    assert.equal(await verifyPassword('x', 'plain-text'), false);
  });

  test('staff login returns a JWT for the principal; wrong password and bad bodies get typed errors', async () => {
    const ok = await postJson(`${server.url}/api/auth/login`, { username: 'expert.kela', password: 'etapiste-demo' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.principal.role, 'expert');
    assert.equal(ok.body.principal.agencyId, 'kela');
    assert.ok(ok.body.expiresAt > Date.now());
    const wrong = await postJson(`${server.url}/api/auth/login`, { username: 'expert.kela', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, ErrorCode.Unauthenticated);
    const unknown = await postJson(`${server.url}/api/auth/login`, { username: 'nobody', password: 'nope' });
    assert.equal(unknown.status, 401);
    const malformed = await postJson(`${server.url}/api/auth/login`, '{"username":');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, ErrorCode.BadJson);
    const invalid = await postJson(`${server.url}/api/auth/login`, { username: 'expert.kela' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, ErrorCode.ValidationFailed);
  });

  test('booth login binds the token to the booth’s service point; unknown device tokens are refused', async () => {
    const ok = await postJson(`${server.url}/api/auth/booth`, { deviceToken: 'demo-booth-lapland-servicebus-01' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.principal.role, 'booth');
    assert.equal(ok.body.principal.servicePointId, 'sp-lapland-bus');
    const bad = await postJson(`${server.url}/api/auth/booth`, { deviceToken: 'x'.repeat(32) });
    assert.equal(bad.status, 401);
  });

  test('repeated wrong passwords are throttled', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      last = (await postJson(`${server.url}/api/auth/login`, { username: 'expert.vero', password: `guess-${attempt}` })).status;
    }
    assert.equal(last, 429);
  });

  test('media counters need an admin token', async () => {
    const anonymous = await fetch(`${server.url}/api/media/counters`);
    assert.equal(anonymous.status, 401);
    const login = await postJson(`${server.url}/api/auth/login`, { username: 'admin', password: 'etapiste-demo' });
    const counters = await fetch(`${server.url}/api/media/counters`, { headers: { authorization: `Bearer ${login.body.token}` } });
    assert.equal(counters.status, 200);
    assert.deepEqual(Object.keys(await counters.json()).sort(), ['consumers', 'producers', 'routers', 'transports']);
  });
});
