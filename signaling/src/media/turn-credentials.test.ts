import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { turnConfigFromEnv, turnIceServers } from './turn-credentials.ts';

test('TURN credentials are short-lived HMACs of an expiring username, per participant', () => {
  const config = turnConfigFromEnv({ ETAPISTE_TURN_URLS: 'turn:turn.example:3478?transport=udp, turns:turn.example:443?transport=tcp', ETAPISTE_TURN_SECRET: 's3cret', ETAPISTE_TURN_TTL_SECONDS: '600' });
  assert.ok(config);
  const [server] = turnIceServers(config, 'booth-1', 1_700_000_000_000);
  assert.deepEqual(server!.urls, ['turn:turn.example:3478?transport=udp', 'turns:turn.example:443?transport=tcp']);
  assert.equal(server!.username, '1700000600:booth-1');
  assert.equal(server!.credential, createHmac('sha1', 's3cret').update('1700000600:booth-1').digest('base64'));
  assert.deepEqual(turnIceServers(null, 'booth-1'), []);
  assert.equal(turnConfigFromEnv({ ETAPISTE_TURN_URLS: 'turn:x' }), null, 'no secret, no TURN');
});
