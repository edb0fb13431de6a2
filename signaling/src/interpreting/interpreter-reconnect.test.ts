import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NotificationData } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, nextNotification, startTestServer } from '../testing/test-server.ts';
import { defaultDispatchConfig } from './interpreting-service.ts';

const FINSL = { modality: 'signLanguage', language: 'fse' } as const;
const GRACE_MS = 1500;

/**
 * An interpreter's console that drops (a reload, a network blip) must not end the customer's
 * session, and keeps its place for the reconnect grace; gone for longer, it leaves the session.
 */
describe('an interpreter whose console drops', () => {
  let server: EtapisteServer;
  let booth: SignalingClient;
  let expert: SignalingClient;
  before(async () => {
    server = await startTestServer({ interpreting: { ...defaultDispatchConfig, reconnectGraceMs: GRACE_MS } });
    booth = await connectClient(server, (await loginBooth(server)).token);
    expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
  });
  after(async () => {
    booth.close();
    expert.close();
    await server.close();
  });

  async function interpreterInSession(): Promise<{ interpreter: SignalingClient; sessionId: string; token: string }> {
    const { token } = await loginStaff(server, 'interpreter.demo');
    const interpreter = await connectClient(server, token);
    await interpreter.request('interpreter.setAvailability', { available: true });
    const visit = await booth.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    await expert.request('queue.takeNext', {});
    const { session } = await booth.request('queue.answer', { ticketId: visit.view.ticket.ticketId });
    const ringing = nextNotification<NotificationData<'interpreting.ringing'>>(interpreter, 'interpreting.ringing');
    await expert.request('interpreting.request', { sessionId: session.sessionId, skill: FINSL });
    const { offer } = await ringing;
    await interpreter.request('interpreting.accept', { requestId: offer.requestId });
    return { interpreter, sessionId: session.sessionId, token };
  }

  test('reconnecting within the grace keeps the session and the interpreter in it', async () => {
    const { interpreter, sessionId, token } = await interpreterInSession();
    let ended = false;
    const offEnded = booth.on('session.ended', () => (ended = true));
    let left = false;
    const offLeft = booth.on('session.participantLeft', () => (left = true));
    interpreter.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await connectClient(server, token);
    const state = await again.request('interpreter.state', {});
    assert.equal(state.session?.sessionId, sessionId, 'the reloaded console finds its session');
    assert.equal(state.available, true, 'availability survives a reload');
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500));
    assert.equal(ended, false, "the customer's session goes on");
    assert.equal(left, false, 'the interpreter is still a participant');
    assert.equal((await again.request('interpreter.state', {})).session?.sessionId, sessionId);
    offEnded();
    offLeft();
    await again.request('interpreting.leave', { sessionId });
    await expert.request('session.end', { sessionId });
    again.close();
  });

  test('gone for longer than the grace, the interpreter leaves and the customer and the expert go on', async () => {
    const { interpreter, sessionId } = await interpreterInSession();
    let ended = false;
    const offEnded = booth.on('session.ended', () => (ended = true));
    const left = nextNotification<NotificationData<'session.participantLeft'>>(expert, 'session.participantLeft', GRACE_MS + 3000);
    interpreter.close();
    assert.equal((await left).participant.role, 'interpreter');
    assert.equal(ended, false);
    const { requests } = await expert.request('interpreting.requests', { sessionId });
    assert.equal(requests[0]?.state, 'left');
    offEnded();
    await expert.request('session.end', { sessionId });
  });
});
