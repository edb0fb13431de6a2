import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '@etapiste/shared';
import { ParticipantPresence, type Participation } from './participant-presence.ts';

const booth: Principal = { role: 'booth', subjectId: 'booth-1', displayName: 'Booth', agencyId: null, servicePointId: 'sp-1' };

function setup(graceMs = 80) {
  const told: { to: string; state: string; graceEndsAt: number | null }[] = [];
  const expired: string[] = [];
  let active = true;
  const presence = new ParticipantPresence({
    graceMs,
    secret: Buffer.alloc(48, 7),
    registry: { notifySubject: (to, _name, data) => void told.push({ to, state: (data as { state: string }).state, graceEndsAt: (data as { graceEndsAt: number | null }).graceEndsAt }) },
    participationsOf: (subjectId): Participation[] =>
      active && subjectId === 'booth-1'
        ? [{ sessionId: 's_1', participant: { participantId: 'p_customer', role: 'customer', displayName: null }, otherSubjectIds: ['expert-1'] }]
        : [],
    onGraceExpired: async (principal) => void expired.push(principal.subjectId),
  });
  return { presence, told, expired, endSession: () => (active = false) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('participant presence', () => {
  test('present → reconnecting → present: the others are told both, nothing expires, one reconnect is counted', async () => {
    const { presence, told, expired } = setup();
    assert.equal(presence.wentOffline(booth), true);
    assert.equal(presence.isReconnecting('booth-1'), true);
    assert.equal(told[0]?.to, 'expert-1');
    assert.equal(told[0]?.state, 'reconnecting');
    assert.ok(told[0]!.graceEndsAt! > Date.now());
    assert.equal(presence.wentOffline(booth), true, 'a second drop in the same absence changes nothing');
    assert.equal(told.length, 1);
    assert.equal(presence.cameBack('booth-1'), true);
    assert.deepEqual(told.map((entry) => entry.state), ['reconnecting', 'reconnected']);
    await sleep(150);
    assert.deepEqual(expired, []);
    assert.equal(presence.reconnectsOf('s_1'), 1);
    assert.equal(presence.cameBack('booth-1'), false, 'coming back twice counts once');
  });

  test('reconnecting → left: after the grace period the old offline handling runs once', async () => {
    const { presence, told, expired } = setup();
    presence.wentOffline(booth);
    await sleep(150);
    assert.deepEqual(expired, ['booth-1']);
    assert.deepEqual(told.map((entry) => entry.state), ['reconnecting', 'left']);
    assert.equal(presence.isReconnecting('booth-1'), false);
    assert.equal(presence.cameBack('booth-1'), false, 'too late: nothing to come back to');
    assert.equal(presence.reconnectsOf('s_1'), 0);
  });

  test('a subject without an active session is not held: the old handling applies at once', () => {
    const { presence, endSession } = setup();
    endSession();
    assert.equal(presence.wentOffline(booth), false);
    assert.equal(presence.isReconnecting('booth-1'), false);
  });

  test('resume tokens are bound to session and subject, and survive a new instance with the same secret', () => {
    const { presence } = setup();
    const token = presence.resumeTokenOf('s_1', 'booth-1');
    assert.match(token, /^[A-Za-z0-9_-]{20,100}$/);
    assert.equal(presence.verifyResumeToken('s_1', 'booth-1', token), true);
    assert.equal(presence.verifyResumeToken('s_2', 'booth-1', token), false);
    assert.equal(presence.verifyResumeToken('s_1', 'booth-2', token), false);
    assert.equal(presence.verifyResumeToken('s_1', 'booth-1', token.slice(1)), false);
    assert.equal(setup().presence.verifyResumeToken('s_1', 'booth-1', token), true, 'a restarted server accepts it');
  });

  test('stop() cancels every pending grace period', async () => {
    const { presence, expired } = setup(50);
    presence.wentOffline(booth);
    presence.stop();
    await sleep(100);
    assert.deepEqual(expired, []);
  });
});
