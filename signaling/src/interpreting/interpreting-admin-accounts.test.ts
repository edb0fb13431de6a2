import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InterpretingCatalogue, InterpreterAccount } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { loginStaff, startTestServer } from '../testing/test-server.ts';

/** The admin screens list every interpreter with their account, including deactivated ones (to activate them again). */
describe('interpreting admin: interpreter accounts', () => {
  let server: EtapisteServer;
  let headers: Record<string, string>;
  before(async () => {
    server = await startTestServer();
    headers = { authorization: `Bearer ${(await loginStaff(server, 'admin')).token}`, 'content-type': 'application/json' };
  });
  after(() => server.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/admin/interpreting${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  test('a created interpreter is active; deactivated, it stays listed as inactive and is never dispatched; activated again', async () => {
    const created = await call('POST', '/interpreters', {
      username: 'interpreter.arabic',
      displayName: 'Arabic interpreter',
      password: 'a long enough password',
      providerId: 'prov-viittoen',
      skills: [{ modality: 'spoken', language: 'ar' }],
    });
    assert.equal(created.status, 201);
    const account = created.body as InterpreterAccount;
    assert.equal(account.active, true);
    assert.equal(account.username, 'interpreter.arabic');

    const deactivated = await call('PUT', `/interpreters/${account.interpreterId}`, { active: false });
    assert.equal(deactivated.status, 200);
    assert.equal((deactivated.body as InterpreterAccount).active, false);
    const listed = (await call('GET', '/')).body as InterpretingCatalogue;
    const entry = listed.interpreters.find((interpreter) => interpreter.interpreterId === account.interpreterId);
    assert.equal(entry?.active, false, 'still listed, as inactive');
    assert.equal(listed.interpreters.find((interpreter) => interpreter.username === 'interpreter.demo')?.active, true);
    const dispatchable = await server.storage.interpreting.listInterpreters();
    assert.ok(!dispatchable.some((interpreter) => interpreter.interpreterId === account.interpreterId), 'inactive interpreters are not matched');

    const activated = await call('PUT', `/interpreters/${account.interpreterId}`, { active: true });
    assert.equal((activated.body as InterpreterAccount).active, true);
  });
});
