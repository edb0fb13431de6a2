import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type NotificationData } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, nextNotification, startTestServer } from '../testing/test-server.ts';

const KELA = 'kela-housing-allowance';
const LAPLAND_BOOTH = 'demo-booth-lapland-servicebus-01';

describe('queue numbers, take-next, no-show and chaining over the live protocol', () => {
  let server: EtapisteServer;
  let booth: SignalingClient;
  let busBooth: SignalingClient;
  let expert: SignalingClient;
  before(async () => {
    server = await startTestServer();
    booth = await connectClient(server, (await loginBooth(server)).token);
    busBooth = await connectClient(server, (await loginBooth(server, LAPLAND_BOOTH)).token);
    expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
  });
  after(async () => {
    for (const client of [booth, busBooth, expert]) client.close();
    await server.close();
  });

  test('a number is short, numeric and per point; experts see place and time only; take-next calls, answer starts, hang-up ends', async () => {
    const changed = nextNotification<NotificationData<'queue.changed'>>(expert, 'queue.changed', 5000, ({ overview }) => overview.waiting.length > 0);
    const first = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'sv' });
    assert.match(first.view.ticket.number, /^\d{1,4}$/);
    assert.equal(first.view.position, 1);
    assert.equal(typeof first.view.estimatedWaitMinutes, 'number');
    assert.equal(first.session.status, 'waiting');
    const { overview } = await changed;
    const row = overview.waiting.find((entry) => entry.ticketId === first.view.ticket.ticketId)!;
    assert.deepEqual(Object.keys(row).sort(), ['bookedFor', 'issuedAt', 'language', 'number', 'priority', 'queuedAt', 'service', 'servicePoint', 'ticketId']);
    const second = await busBooth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    assert.equal(second.view.position, 2, 'one queue per agency over all points');
    await assert.rejects(booth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' }), { code: ErrorCode.Conflict });

    const called = nextNotification<NotificationData<'queue.called'>>(booth, 'queue.called');
    const secondMoved = nextNotification<NotificationData<'queue.ticketChanged'>>(busBooth, 'queue.ticketChanged', 5000, ({ view }) => view.position === 1);
    const { call } = await expert.request('queue.takeNext', {});
    assert.equal(call?.ticket.ticketId, first.view.ticket.ticketId, 'the longest wait first');
    assert.equal((await called).announcement, 1);
    assert.equal((await secondMoved).view.position, 1, 'the other customer moves up');
    await assert.rejects(expert.request('queue.takeNext', {}), { code: ErrorCode.Conflict }, 'one customer at a time');

    const expertAccepted = nextNotification<NotificationData<'session.accepted'>>(expert, 'session.accepted');
    const { session } = await booth.request('queue.answer', { ticketId: first.view.ticket.ticketId });
    assert.equal(session.status, 'active');
    assert.deepEqual(session.participants.map((participant) => participant.role), ['customer', 'expert']);
    assert.equal(session.participants[0]!.displayName, null, 'customers are never named');
    assert.equal((await expertAccepted).session.sessionId, session.sessionId);

    const ended = nextNotification<NotificationData<'session.ended'>>(booth, 'session.ended');
    await expert.request('session.end', { sessionId: session.sessionId });
    assert.equal((await ended).reason, 'hangup');
    assert.equal((await server.storage.queue.getTicket(first.view.ticket.ticketId))?.status, 'done');
    await busBooth.request('queue.leave', { ticketId: second.view.ticket.ticketId });

    // The visit's lifecycle is in the usage log, with place and time, and nothing personal.
    const today = new Date().toISOString().slice(0, 10);
    const events = (await server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31' })).filter(
      (event) => event.visitId === first.view.ticket.visitId,
    );
    assert.deepEqual(events.map((event) => event.kind), ['ticketIssued', 'ticketCalled', 'sessionStarted', 'sessionEnded']);
    for (const event of events) {
      assert.equal(event.servicePointId, 'sp-kallio-library');
      assert.equal(event.region, 'Uusimaa');
      assert.equal(event.agencyId, 'kela');
      assert.ok(Math.abs(Date.parse(event.localDate) - Date.parse(today)) <= 86_400_000);
      assert.deepEqual(Object.keys(event).sort(), [
        'agencyId', 'at', 'channel', 'data', 'eventId', 'hour', 'kind', 'language', 'localDate', 'municipality',
        'pointKind', 'region', 'serviceId', 'servicePointId', 'sessionId', 'stopPlace', 'visitId', 'weekday',
      ]);
    }
    assert.equal(events[0]!.channel, 'walkIn');
    assert.equal(typeof events[3]!.data.serviceMs, 'number');
    assert.equal(events[3]!.data.reason, 'hangup');
  });

  test('a called number that nobody answers is announced twice and becomes a no-show after the grace period', async () => {
    const point = (await server.storage.catalogue.getServicePointDetails('sp-kallio-library'))!;
    await server.storage.catalogue.saveServicePoint({ ...point, agencyGraceSeconds: [{ agencyId: 'kela', noShowGraceSeconds: 5 }] });
    try {
      const { view } = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
      const announcements: number[] = [];
      booth.on('queue.called', ({ announcement }) => announcements.push(announcement));
      const ended = nextNotification<NotificationData<'session.ended'>>(expert, 'session.ended', 10_000);
      const startedAt = Date.now();
      const { call } = await expert.request('queue.takeNext', {});
      assert.ok(call && call.graceEndsAt - startedAt >= 4900 && call.graceEndsAt - startedAt <= 5200);
      assert.equal((await ended).reason, 'noShow');
      assert.ok(Date.now() - startedAt >= 4900);
      assert.deepEqual(announcements, [1, 2]);
      assert.equal((await server.storage.queue.getTicket(view.ticket.ticketId))?.status, 'noShow');
      await assert.rejects(booth.request('queue.answer', { ticketId: view.ticket.ticketId }), { code: ErrorCode.Conflict });
    } finally {
      await server.storage.catalogue.saveServicePoint(point);
    }
  });

  test('chaining: with the customer’s consent the same number goes to the front of the other agency’s queue', async () => {
    const vero = await connectClient(server, (await loginStaff(server, 'expert.vero')).token);
    const earlierVero = await busBooth.request('queue.takeNumber', { serviceId: 'vero-tax-card', language: 'fi' });
    const { view } = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    await expert.request('queue.takeNext', {});
    const { session } = await booth.request('queue.answer', { ticketId: view.ticket.ticketId });

    const offered = nextNotification<NotificationData<'queue.transferOffered'>>(booth, 'queue.transferOffered');
    await assert.rejects(expert.request('queue.transfer', { sessionId: session.sessionId, serviceId: KELA }), { code: ErrorCode.Conflict });
    await expert.request('queue.transfer', { sessionId: session.sessionId, serviceId: 'vero-tax-card' });
    assert.equal((await offered).agency.id, 'vero');
    const answered = nextNotification<NotificationData<'queue.transferAnswered'>>(expert, 'queue.transferAnswered');
    const expertEnded = nextNotification<NotificationData<'session.ended'>>(expert, 'session.ended');
    const { visit } = await booth.request('queue.respondTransfer', { sessionId: session.sessionId, accept: true });
    assert.equal((await answered).accepted, true);
    assert.equal((await expertEnded).reason, 'transferred');
    assert.ok(visit);
    assert.equal(visit.view.ticket.number, view.ticket.number, 'no new number');
    assert.equal(visit.view.ticket.agencyId, 'vero');
    assert.equal(visit.view.ticket.priority, 'transfer');
    assert.equal(visit.session.visitId, session.visitId, 'one visit, two sessions');
    assert.equal(visit.view.position, 1, 'ahead of the earlier Vero walk-in');
    const stored = await server.storage.sessions.getSession(visit.session.sessionId);
    assert.equal(stored?.previousSessionId, session.sessionId);

    const { call } = await vero.request('queue.takeNext', {});
    assert.equal(call?.ticket.ticketId, visit.view.ticket.ticketId);
    await booth.request('queue.leave', { ticketId: visit.view.ticket.ticketId });
    await busBooth.request('queue.leave', { ticketId: earlierVero.view.ticket.ticketId });
    vero.close();
  });

  test('host staff move a ticket to the right agency without jumping the queue; only at their own point', async () => {
    const host = await connectClient(server, (await loginStaff(server, 'host.kallio')).token);
    const { view } = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'en' });
    const { tickets } = await host.request('queue.pointTickets', { servicePointId: 'sp-kallio-library' });
    assert.deepEqual(tickets.map((entry) => entry.number), [view.ticket.number]);
    await assert.rejects(host.request('queue.pointTickets', { servicePointId: 'sp-lapland-bus' }), { code: ErrorCode.Forbidden });
    const { ticket } = await host.request('queue.moveTicket', { ticketId: view.ticket.ticketId, serviceId: 'vero-tax-card' });
    assert.equal(ticket.agencyId, 'vero');
    assert.equal(ticket.priority, 'normal');
    assert.equal(ticket.queuedAt, view.ticket.queuedAt, 'keeps its arrival time, no priority');
    const busTicket = await busBooth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    await assert.rejects(host.request('queue.moveTicket', { ticketId: busTicket.view.ticket.ticketId, serviceId: 'vero-tax-card' }), {
      code: ErrorCode.Forbidden,
    });
    await assert.rejects(booth.request('queue.moveTicket', { ticketId: view.ticket.ticketId, serviceId: KELA }), { code: ErrorCode.Forbidden });
    await booth.request('queue.leave', { ticketId: view.ticket.ticketId });
    await busBooth.request('queue.leave', { ticketId: busTicket.view.ticket.ticketId });
    host.close();
  });

  test('the queue board shows numbers being called and the wait per agency, nothing else', async () => {
    const board = await connectClient(server, (await loginStaff(server, 'host.kallio')).token);
    const initial = await board.request('queue.watchBoard', { servicePointId: 'sp-kallio-library' });
    assert.deepEqual(initial.agencies.map((agency) => agency.agencyId).sort(), ['kela', 'vero']);
    await assert.rejects(board.request('queue.watchBoard', { servicePointId: 'sp-lapland-bus' }), { code: ErrorCode.Forbidden });
    const { view } = await busBooth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    const kallio = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    const calledOnBoard = new Promise<NotificationData<'queue.boardChanged'>>((resolve) => {
      const off = board.on('queue.boardChanged', (data) => {
        if (data.board.calling.length > 0) {
          off();
          resolve(data);
        }
      });
    });
    await expert.request('queue.takeNext', {}); // the bus customer waited longer
    await expert.request('session.end', { sessionId: view.ticket.sessionId! }).catch(() => undefined);
    await busBooth.request('queue.leave', { ticketId: view.ticket.ticketId });
    const expert2 = await connectClient(server, (await loginStaff(server, 'expert2.kela')).token);
    await expert2.request('queue.takeNext', {});
    const { board: shown } = await calledOnBoard;
    assert.deepEqual(shown.calling.map((entry) => entry.number), [kallio.view.ticket.number]);
    assert.deepEqual(Object.keys(shown).sort(), ['agencies', 'calling', 'kind', 'servicePointId', 'servicePointName']);
    await booth.request('queue.leave', { ticketId: kallio.view.ticket.ticketId });
    expert2.close();
    board.close();
  });

  test('an expert who disconnects while calling gives the number back in its place', async () => {
    const leaving = await connectClient(server, (await loginStaff(server, 'expert2.kela')).token);
    const { view } = await booth.request('queue.takeNumber', { serviceId: KELA, language: 'fi' });
    await leaving.request('queue.takeNext', {});
    assert.equal((await server.storage.queue.getTicket(view.ticket.ticketId))?.status, 'called');
    const back = new Promise<void>((resolve) => {
      const off = booth.on('queue.ticketChanged', ({ view: changed }) => {
        if (changed.ticket.status === 'waiting') {
          off();
          resolve();
        }
      });
    });
    leaving.close();
    await back;
    const ticket = await server.storage.queue.getTicket(view.ticket.ticketId);
    assert.equal(ticket?.status, 'waiting');
    assert.equal(ticket?.queuedAt, view.ticket.queuedAt);
    await booth.request('queue.leave', { ticketId: view.ticket.ticketId });
  });
});
