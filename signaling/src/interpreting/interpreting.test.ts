import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type NotificationData, type InterpretingSkill } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, nextNotification, startTestServer } from '../testing/test-server.ts';
import { addDays, localDateOf } from '../time/helsinki-time.ts';

const KELA_SERVICE = 'kela-housing-allowance';
const FINSL: InterpretingSkill = { modality: 'signLanguage', language: 'fse' };
const CONTRACTED = ['interpreter.demo', 'interpreter2.demo'] as const;
const NOT_CONTRACTED = 'interpreter3.demo';

/** Every notification of one name a client receives, in order. */
function record<N extends Parameters<SignalingClient['on']>[0]>(client: SignalingClient, name: N): unknown[] {
  const seen: unknown[] = [];
  client.on(name, (data) => seen.push(data));
  return seen;
}

async function until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Cast {
  server: EtapisteServer;
  booth: SignalingClient;
  expert: SignalingClient;
  interpreters: Record<string, SignalingClient>;
  close(): Promise<void>;
}

async function startCast(interpreting: { ringBatchSize?: number; ringMs?: number; bookedWaitMs?: number } = {}): Promise<Cast> {
  const server = await startTestServer({ interpreting: { ringBatchSize: 3, ringMs: 20_000, bookedWaitMs: 120_000, ...interpreting } });
  const booth = await connectClient(server, (await loginBooth(server)).token);
  const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
  const interpreters: Record<string, SignalingClient> = {};
  for (const username of [...CONTRACTED, NOT_CONTRACTED]) {
    interpreters[username] = await connectClient(server, (await loginStaff(server, username)).token);
    await interpreters[username].request('interpreter.setAvailability', { available: true });
  }
  return {
    server,
    booth,
    expert,
    interpreters,
    async close() {
      for (const client of [booth, expert, ...Object.values(interpreters)]) client.close();
      await server.close();
    },
  };
}

/** The booth takes a number (optionally asking for an interpreter), the expert takes it, the customer answers. */
async function startCall(cast: Cast, interpreter?: InterpretingSkill): Promise<string> {
  const visit = await cast.booth.request('queue.takeNumber', { serviceId: KELA_SERVICE, language: 'fi', ...(interpreter ? { interpreter } : {}) });
  await cast.expert.request('queue.takeNext', {});
  const { session } = await cast.booth.request('queue.answer', { ticketId: visit.view.ticket.ticketId });
  return session.sessionId;
}

describe('interpreter dispatch on demand', () => {
  let cast: Cast;
  before(async () => {
    cast = await startCast();
  });
  after(async () => cast.close());

  test('the expert asks for FinSL: only the contracted interpreters ring; the first to accept joins and the other ring stops', async () => {
    const sessionId = await startCall(cast);
    const rings = Object.fromEntries(Object.entries(cast.interpreters).map(([name, client]) => [name, record(client, 'interpreting.ringing')]));
    const stops = Object.fromEntries(Object.entries(cast.interpreters).map(([name, client]) => [name, record(client, 'interpreting.ringStopped')]));
    const progress = record(cast.expert, 'interpreting.requestChanged') as NotificationData<'interpreting.requestChanged'>[];

    const { request } = await cast.expert.request('interpreting.request', { sessionId, skill: FINSL });
    assert.equal(request.mode, 'onDemand');
    await until(() => CONTRACTED.every((name) => rings[name]!.length === 1), 5000, 'both contracted interpreters to ring');
    const offer = (rings['interpreter.demo']![0] as NotificationData<'interpreting.ringing'>).offer;
    assert.deepEqual(offer.skill, FINSL);
    assert.equal(offer.agency.id, 'kela');
    assert.deepEqual(Object.keys(offer).sort(), ['agency', 'mode', 'requestId', 'ringEndsAt', 'servicePoint', 'sessionId', 'skill'], 'no personal data');
    assert.ok(progress.some(({ request: changed }) => changed.state === 'ringing' && changed.ringingNow === 2));

    const booth = nextNotification<NotificationData<'session.participantJoined'>>(cast.booth, 'session.participantJoined', 5000, ({ participant }) => participant.role === 'interpreter');
    const accepted = await cast.interpreters['interpreter2.demo']!.request('interpreting.accept', { requestId: request.requestId });
    assert.equal(accepted.request.state, 'accepted');
    assert.deepEqual(accepted.session.participants.map((participant) => participant.role).sort(), ['customer', 'expert', 'interpreter']);
    await until(() => stops['interpreter.demo']!.length === 1, 2000, 'the other ring to stop');
    assert.equal((stops['interpreter.demo']![0] as NotificationData<'interpreting.ringStopped'>).reason, 'answeredElsewhere');
    assert.equal((await booth).participant.displayName, 'Interpreter 2 (demo)');
    await assert.rejects(cast.interpreters['interpreter.demo']!.request('interpreting.accept', { requestId: request.requestId }), { code: ErrorCode.Conflict });
    assert.equal(rings[NOT_CONTRACTED]!.length, 0, 'an interpreter of a provider the agency has no contract with is never rung');
    assert.equal(cast.server.sessions.roomPriorityProfile(sessionId), 'signLanguage', 'the SFU keeps sign language smooth while the interpreter is in');

    // Joining the media makes the request "joined"; leaving records the minutes.
    await cast.interpreters['interpreter2.demo']!.request('media.getRouterCapabilities', { sessionId });
    await until(() => progress.some(({ request: changed }) => changed.state === 'joined'), 3000, 'joined');
    await cast.interpreters['interpreter2.demo']!.request('interpreting.leave', { sessionId });
    await until(() => progress.some(({ request: changed }) => changed.state === 'left'), 3000, 'left');
    const info = cast.server.sessions.infoOf(sessionId)!;
    assert.equal(info.status, 'active', 'the session goes on without the interpreter');
    assert.equal(cast.server.sessions.roomPriorityProfile(sessionId), 'standard', 'back to the standard priorities without a sign-language interpreter');
    assert.deepEqual(info.participants.map((participant) => participant.role).sort(), ['customer', 'expert']);
    await cast.expert.request('session.end', { sessionId });

    const events = (await cast.server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31' })).filter(
      (event) => event.sessionId === sessionId && event.kind.startsWith('interpreter'),
    );
    assert.deepEqual(events.map((event) => event.kind), ['interpreterRequested', 'interpreterRung', 'interpreterRung', 'interpreterAnswered', 'interpreterJoined', 'interpreterLeft']);
    const answered = events.find((event) => event.kind === 'interpreterAnswered')!;
    assert.equal(answered.data.providerId, 'prov-viittoen');
    assert.equal(answered.data.language, 'fse');
    assert.equal(typeof answered.data.answerMs, 'number');
    assert.equal(typeof events.at(-1)!.data.minutes, 'number');
    for (const event of events) assert.ok(!JSON.stringify(event).includes('Interpreter 2'), 'no names in statistics');
  });

  test('an interpreter in a call or not available is not rung; the expert may cancel and every ring stops', async () => {
    await cast.interpreters['interpreter.demo']!.request('interpreter.setAvailability', { available: false });
    const sessionId = await startCall(cast);
    const rings = record(cast.interpreters['interpreter2.demo']!, 'interpreting.ringing');
    const unavailableRings = record(cast.interpreters['interpreter.demo']!, 'interpreting.ringing');
    const stops = record(cast.interpreters['interpreter2.demo']!, 'interpreting.ringStopped') as NotificationData<'interpreting.ringStopped'>[];
    const { request } = await cast.expert.request('interpreting.request', { sessionId, skill: FINSL });
    await until(() => rings.length === 1, 3000, 'the available interpreter to ring');
    await assert.rejects(cast.expert.request('interpreting.request', { sessionId, skill: FINSL }), { code: ErrorCode.Conflict }, 'one open request per skill');
    const { request: cancelled } = await cast.expert.request('interpreting.cancel', { requestId: request.requestId });
    assert.equal(cancelled.state, 'cancelled');
    await until(() => stops.length === 1, 2000, 'the ring to stop');
    assert.equal(stops[0]!.reason, 'cancelled');
    assert.equal(unavailableRings.length, 0);
    await cast.expert.request('session.end', { sessionId });
    await cast.interpreters['interpreter.demo']!.request('interpreter.setAvailability', { available: true });
  });

  test('roles: a booth cannot request, an interpreter cannot request, another agency’s expert cannot touch the session', async () => {
    const sessionId = await startCall(cast);
    await assert.rejects(cast.booth.request('interpreting.request', { sessionId, skill: FINSL }), { code: ErrorCode.Forbidden });
    await assert.rejects(cast.interpreters['interpreter.demo']!.request('interpreting.request', { sessionId, skill: FINSL }), { code: ErrorCode.Forbidden });
    const vero = await connectClient(cast.server, (await loginStaff(cast.server, 'expert.vero')).token);
    await assert.rejects(vero.request('interpreting.request', { sessionId, skill: FINSL }), { code: ErrorCode.Forbidden });
    await assert.rejects(vero.request('interpreting.requests', { sessionId }), { code: ErrorCode.Forbidden });
    await assert.rejects(cast.expert.request('interpreting.request', { sessionId, skill: { modality: 'signLanguage', language: 'xx' } }), { code: ErrorCode.ValidationFailed });
    vero.close();
    const { skills } = await cast.expert.request('interpreting.skills', {});
    assert.ok(skills.some((skill) => skill.modality === 'signLanguage' && skill.language === 'fse'));
    assert.ok(!skills.some((skill) => skill.modality === 'spoken' && skill.language === 'so'), 'Somali is only with the provider Kela has no contract with');
    await cast.expert.request('session.end', { sessionId });
  });
});

describe('interpreter dispatch in batches and from the customer’s need', () => {
  let cast: Cast;
  before(async () => {
    cast = await startCast({ ringBatchSize: 1, ringMs: 400 });
  });
  after(async () => cast.close());

  test('one at a time: a timed-out batch gives way to the next, a decline to the next at once; nobody left → unanswered', async () => {
    const sessionId = await startCall(cast);
    const rings = Object.fromEntries(Object.entries(cast.interpreters).map(([name, client]) => [name, record(client, 'interpreting.ringing')]));
    const progress = record(cast.expert, 'interpreting.requestChanged') as NotificationData<'interpreting.requestChanged'>[];
    await cast.expert.request('interpreting.request', { sessionId, skill: FINSL });
    await until(() => CONTRACTED.some((name) => rings[name]!.length === 1), 2000, 'the first batch');
    const first = CONTRACTED.find((name) => rings[name]!.length === 1)!;
    const second = CONTRACTED.find((name) => name !== first)!;
    assert.equal(rings[second]!.length, 0, 'batch size 1');
    await until(() => rings[second]!.length === 1, 2000, 'the second batch after the ring time');
    const offer = (rings[second]![0] as NotificationData<'interpreting.ringing'>).offer;
    await cast.interpreters[second]!.request('interpreting.decline', { requestId: offer.requestId });
    await until(() => progress.some(({ request }) => request.state === 'unanswered'), 2000, 'unanswered');
    const final = progress.at(-1)!.request;
    assert.equal(final.batch, 2);
    assert.equal(final.rungCount, 2);
    assert.equal(rings[NOT_CONTRACTED]!.length, 0);
    await cast.expert.request('session.end', { sessionId });
  });

  test('a customer who asks for an interpreter when taking the number gets dispatch the moment an expert takes it', async () => {
    const ringsOf = Object.fromEntries(CONTRACTED.map((name) => [name, record(cast.interpreters[name]!, 'interpreting.ringing')]));
    const visit = await cast.booth.request('queue.takeNumber', { serviceId: KELA_SERVICE, language: 'fi', interpreter: FINSL });
    assert.deepEqual(visit.view.ticket.interpreterNeed, FINSL);
    await sleep(200);
    assert.ok(CONTRACTED.every((name) => ringsOf[name]!.length === 0), 'nobody rings while the customer waits');
    const boothProgress = nextNotification<NotificationData<'interpreting.requestChanged'>>(cast.booth, 'interpreting.requestChanged');
    await cast.expert.request('queue.takeNext', {});
    const { request } = await boothProgress;
    assert.equal(request.origin, 'customer');
    await until(() => CONTRACTED.some((name) => ringsOf[name]!.length === 1), 2000, 'a ring');
    const name = CONTRACTED.find((candidate) => ringsOf[candidate]!.length === 1)!;
    const accepted = await cast.interpreters[name]!.request('interpreting.accept', { requestId: request.requestId });
    assert.equal(accepted.session.status, 'waiting', 'the interpreter joins while the number is being called');
    const { session } = await cast.booth.request('queue.answer', { ticketId: visit.view.ticket.ticketId });
    assert.equal(session.participants.length, 3);
    await cast.expert.request('session.end', { sessionId: session.sessionId });
  });
});

describe('booked interpreting', () => {
  let cast: Cast;
  let adminToken: string;
  before(async () => {
    cast = await startCast({ bookedWaitMs: 700 });
    adminToken = (await loginStaff(cast.server, 'admin')).token;
  });
  after(async () => cast.close());

  async function bookWithInterpreter(date: string): Promise<{ bookingId: string; code: string; interpreterId: string | null; from: string }> {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const slots = await (await fetch(`${cast.server.url}/api/bookings/slots?servicePointId=sp-kallio-library&agencyId=kela&date=${date}`, { headers })).json();
    const slot = (slots as { from: string; available: boolean; stopId: string | null }[]).find((candidate) => candidate.available);
    assert.ok(slot, `a free slot on ${date}`);
    const response = await fetch(`${cast.server.url}/api/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ servicePointId: 'sp-kallio-library', agencyId: 'kela', serviceId: KELA_SERVICE, date, from: slot.from, stopId: slot.stopId, language: 'fi', interpreterNeed: FINSL }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as { bookingId: string; code: string; interpreterId: string | null; from: string };
  }

  test('a booking that requires an interpreter gets a contracted one, never one at the same time twice, and staff can change it within the rules', async () => {
    const date = addDays(localDateOf(Date.now()), 7);
    const first = await bookWithInterpreter(date);
    assert.ok(first.interpreterId === 'u-interpreter' || first.interpreterId === 'u-interpreter-2', `assigned ${first.interpreterId}`);
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const refused = await fetch(`${cast.server.url}/api/bookings/${first.bookingId}/interpreter`, { method: 'PUT', headers, body: JSON.stringify({ interpreterId: 'u-interpreter-3' }) });
    assert.equal(refused.status, 409, 'the provider of interpreter3 has no contract with Kela');
    const other = first.interpreterId === 'u-interpreter' ? 'u-interpreter-2' : 'u-interpreter';
    const changed = await fetch(`${cast.server.url}/api/bookings/${first.bookingId}/interpreter`, { method: 'PUT', headers, body: JSON.stringify({ interpreterId: other }) });
    assert.equal(changed.status, 200);
    assert.equal(((await changed.json()) as { interpreterId: string }).interpreterId, other);
  });

  test('the session of a booking invites the assigned interpreter; when they do not come, on-demand dispatch rings the others', async () => {
    // A booking for now, assigned to interpreter.demo (the REST path is tested above).
    const stored = await cast.server.storage.bookings.createBooking({
      agencyId: 'kela', serviceId: KELA_SERVICE, servicePointId: 'sp-kallio-library', stopId: null, date: localDateOf(Date.now()),
      from: '00:00', to: '23:59', startsAt: Date.now(), language: 'fi', status: 'booked', createdBy: 'u-admin', createdAt: Date.now(),
      interpreterNeed: FINSL, interpreterId: 'u-interpreter',
    });
    const assignedRings = record(cast.interpreters['interpreter.demo']!, 'interpreting.ringing') as NotificationData<'interpreting.ringing'>[];
    const otherRings = record(cast.interpreters['interpreter2.demo']!, 'interpreting.ringing') as NotificationData<'interpreting.ringing'>[];
    const assignedStops = record(cast.interpreters['interpreter.demo']!, 'interpreting.ringStopped') as NotificationData<'interpreting.ringStopped'>[];
    const checkIn = await cast.booth.request('booking.checkIn', { code: stored.code });
    assert.equal(checkIn.outcome, 'checkedIn');
    const progress = record(cast.expert, 'interpreting.requestChanged') as NotificationData<'interpreting.requestChanged'>[];
    await cast.expert.request('queue.takeNext', {});
    await until(() => assignedRings.length === 1, 2000, 'the assigned interpreter to be invited');
    assert.equal(assignedRings[0]!.offer.mode, 'booked');
    assert.equal(otherRings.length, 0, 'only the assigned interpreter first');
    assert.ok(progress.some(({ request }) => request.state === 'invitingAssigned' && request.origin === 'booking'));
    // They do not answer within the booked wait: on demand.
    await until(() => otherRings.length === 1, 3000, 'on-demand fallback');
    assert.equal(assignedStops[0]?.reason, 'timeout');
    const accepted = await cast.interpreters['interpreter2.demo']!.request('interpreting.accept', { requestId: otherRings[0]!.offer.requestId });
    assert.equal(accepted.request.mode, 'booked', 'it stays a booked request in the statistics');
    await cast.booth.request('queue.answer', { ticketId: checkIn.visit!.view.ticket.ticketId });
    await cast.expert.request('session.end', { sessionId: accepted.session.sessionId });
  });
});

describe('interpreting administration', () => {
  let server: EtapisteServer;
  let admin: string;
  let supervisor: string;
  before(async () => {
    server = await startTestServer();
    admin = (await loginStaff(server, 'admin')).token;
    supervisor = (await loginStaff(server, 'supervisor.kela')).token;
  });
  after(async () => server.close());

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/admin/interpreting${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as any) };
  };

  test('an admin adds a provider, a contract and an interpreter with an account; the interpreter logs in and is rung for the agency', async () => {
    const provider = await call(admin, 'POST', '/providers', { name: 'Tulkkipiste Oy' });
    assert.equal(provider.status, 201);
    assert.equal((await call(supervisor, 'POST', '/providers', { name: 'Not allowed' })).status, 403, 'supervisors read only');
    assert.equal((await call(admin, 'POST', '/contracts', { agencyId: 'vero', providerId: provider.body.id })).status, 201);
    const invalid = await call(admin, 'POST', '/interpreters', { username: 'new.interpreter', displayName: 'New', password: 'short', providerId: provider.body.id, skills: [] });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, ErrorCode.ValidationFailed);
    const created = await call(admin, 'POST', '/interpreters', {
      username: 'new.interpreter',
      displayName: 'New Interpreter',
      password: 'a-long-enough-password',
      providerId: provider.body.id,
      skills: [{ modality: 'spoken', language: 'uk' }],
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.username, 'new.interpreter');
    const listed = await call(supervisor, 'GET', '/');
    assert.equal(listed.status, 200);
    assert.ok(listed.body.contracts.some((contract: { agencyId: string; providerId: string }) => contract.agencyId === 'vero' && contract.providerId === provider.body.id));

    const interpreter = await connectClient(server, (await loginStaff(server, 'new.interpreter', 'a-long-enough-password')).token);
    const state = await interpreter.request('interpreter.state', {});
    assert.deepEqual(state.interpreter.skills, [{ modality: 'spoken', language: 'uk' }]);
    const vero = await connectClient(server, (await loginStaff(server, 'expert.vero')).token);
    assert.ok((await vero.request('interpreting.skills', {})).skills.some((skill) => skill.language === 'uk'), 'the contract gives Vero Ukrainian');

    assert.equal((await call(admin, 'DELETE', `/contracts/vero/${provider.body.id}`)).status, 204);
    assert.ok(!(await vero.request('interpreting.skills', {})).skills.some((skill) => skill.language === 'uk'), 'without the contract, not any more');
    const deactivated = await call(admin, 'PUT', `/interpreters/${created.body.interpreterId}`, { active: false });
    assert.equal(deactivated.status, 200);
    interpreter.close();
    vero.close();
  });
});
