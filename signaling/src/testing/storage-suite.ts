import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Storage } from '../storage/repositories.ts';
import type { StorageHooks } from '../storage/rows.ts';
import { defineCatalogueTests } from './storage-suite-catalogue.ts';
import { DAY, NEXT_DAY, T0, bookingDraft, busPoint, outboxDraft, roomPoint, seedCatalogue, sessionRecord, ticketDraft } from './storage-fixtures.ts';

export interface StorageSuiteOptions {
  /** Reopening sees the same data (a directory or a server, not ':memory:'). */
  persistent: boolean;
}

/**
 * The storage contract, run against every backend. `reset` empties the backend before each
 * test; `open` opens (and migrates) a storage on it; every storage opened is closed afterwards.
 */
export function defineStorageSuite(
  name: string,
  open: (hooks?: StorageHooks) => Promise<Storage>,
  reset: () => Promise<void>,
  options: StorageSuiteOptions,
): void {
  describe(name, () => {
    let storage: Storage;
    const opened: Storage[] = [];
    const openTracked = async (hooks?: StorageHooks) => {
      const instance = await open(hooks);
      opened.push(instance);
      return instance;
    };
    beforeEach(async () => {
      await reset();
      storage = await openTracked();
      await seedCatalogue(storage);
    });
    afterEach(async () => {
      for (const instance of opened.splice(0)) await instance.close();
    });

    defineCatalogueTests(() => storage);

    test('ticket numbers run 1, 2, 3 per point and per local day', async () => {
      const issue = (servicePointId: string, localDate: string, agencyId = 'kela') =>
        storage.queue.issueTicket(ticketDraft({ servicePointId, agencyId, serviceId: agencyId === 'kela' ? 'kela-general' : 'vero-tax-card' }), localDate);
      const numbers = async (...calls: Promise<{ number: string }>[]) => (await Promise.all(calls)).map((t) => t.number);
      assert.deepEqual([(await issue('p-room', DAY)).number, (await issue('p-room', DAY, 'vero')).number, (await issue('p-room', DAY)).number], ['1', '2', '3']);
      assert.deepEqual(await numbers(issue('p-bus', DAY)), ['1']);
      assert.deepEqual(await numbers(issue('p-room', NEXT_DAY)), ['1']);
      assert.deepEqual(await numbers(issue('p-room', DAY)), ['4']);
      const ticket = await issue('p-bus', DAY);
      assert.match(ticket.ticketId, /^t_[0-9a-f]{20}$/);
      assert.deepEqual(await storage.queue.getTicket(ticket.ticketId), ticket);
      assert.deepEqual(ticket, { ...ticketDraft({ servicePointId: 'p-bus' }), ticketId: ticket.ticketId, number: '2' });
      assert.equal(await storage.queue.getTicket('t_nope'), null);
    });

    test('a chained ticket reuses its number in another agency, never twice in one agency', async () => {
      const first = await storage.queue.issueTicket(ticketDraft(), DAY);
      const chained = await storage.queue.issueTicket(
        ticketDraft({ number: first.number, agencyId: 'vero', serviceId: 'vero-tax-card', priority: 'transfer' }),
        DAY,
      );
      assert.equal(chained.number, first.number);
      assert.notEqual(chained.ticketId, first.ticketId);
      await assert.rejects(storage.queue.issueTicket(ticketDraft({ number: first.number }), DAY));
      assert.equal((await storage.queue.issueTicket(ticketDraft(), DAY)).number, '2');
      // a number carried past the counter (e.g. over midnight) pushes later numbers above it
      await storage.queue.issueTicket(ticketDraft({ number: '7', agencyId: 'vero', serviceId: 'vero-tax-card' }), NEXT_DAY);
      assert.equal((await storage.queue.issueTicket(ticketDraft(), NEXT_DAY)).number, '8');
    });

    test('50 parallel issueTicket calls get 50 distinct numbers 1…50', async () => {
      const tickets = await Promise.all(
        Array.from({ length: 50 }, (_, i) => storage.queue.issueTicket(ticketDraft({ visitId: `v_${i}`, agencyId: i % 2 ? 'kela' : 'vero', serviceId: i % 2 ? 'kela-general' : 'vero-tax-card' }), DAY)),
      );
      const numbers = tickets.map((ticket) => Number(ticket.number)).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 50 }, (_, i) => i + 1));
      assert.equal((await storage.queue.listTickets({ servicePointId: 'p-room' })).length, 50);
    });

    test('updateTicketIf is compare-and-set: of two parallel claims exactly one wins', async () => {
      const ticket = await storage.queue.issueTicket(ticketDraft(), DAY);
      const claims = await Promise.all(
        ['expert-a', 'expert-b'].map((expertId) => storage.queue.updateTicketIf(ticket.ticketId, 'waiting', { status: 'called', calledAt: T0 + 1, expertId })),
      );
      const winners = claims.filter((claim) => claim !== null);
      assert.equal(winners.length, 1);
      assert.deepEqual(winners[0], { ...ticket, status: 'called', calledAt: T0 + 1, expertId: winners[0]!.expertId });
      assert.deepEqual(await storage.queue.getTicket(ticket.ticketId), winners[0]);
      assert.equal(await storage.queue.updateTicketIf(ticket.ticketId, 'waiting', { status: 'cancelled' }), null);
      assert.equal(await storage.queue.updateTicketIf('t_nope', 'waiting', { status: 'cancelled' }), null);
      // only the given fields change; null is a value, undefined is "not given"
      const back = await storage.queue.updateTicketIf(ticket.ticketId, 'called', { status: 'waiting', expertId: null, calledAt: null, sessionId: undefined });
      assert.deepEqual(back, ticket);
      assert.deepEqual(await storage.queue.updateTicketIf(ticket.ticketId, 'waiting', {}), ticket);
      await assert.rejects(storage.queue.updateTicketIf(ticket.ticketId, 'waiting', { ticketId: 'x' } as never));
    });

    test('listTickets filters by agency, point, statuses and issuedSince, in queue order', async () => {
      const make = (agencyId: string, queuedAt: number, issuedAt: number, servicePointId = 'p-room') =>
        storage.queue.issueTicket(ticketDraft({ agencyId, serviceId: agencyId === 'kela' ? 'kela-general' : 'vero-tax-card', queuedAt, issuedAt, servicePointId }), DAY);
      const a = await make('kela', T0 + 30, T0 + 30);
      const b = await make('kela', T0 + 10, T0 + 20);
      const c = await make('vero', T0 + 10, T0 + 10);
      const d = await make('kela', T0 + 5, T0 + 5, 'p-bus');
      await storage.queue.updateTicketIf(b.ticketId, 'waiting', { status: 'done' });
      const ids = async (filter: Parameters<Storage['queue']['listTickets']>[0]) => (await storage.queue.listTickets(filter)).map((t) => t.ticketId);
      assert.deepEqual(await ids({}), [d.ticketId, c.ticketId, b.ticketId, a.ticketId]);
      assert.deepEqual(await ids({ agencyId: 'kela', servicePointId: 'p-room' }), [b.ticketId, a.ticketId]);
      assert.deepEqual(await ids({ statuses: ['waiting'], servicePointId: 'p-room' }), [c.ticketId, a.ticketId]);
      assert.deepEqual(await ids({ statuses: ['done', 'called'] }), [b.ticketId]);
      assert.deepEqual(await ids({ statuses: [] }), []);
      assert.deepEqual(await ids({ issuedSince: T0 + 20 }), [b.ticketId, a.ticketId]);
    });

    test('bookings get distinct six-digit codes; open ones are found by code; updateBookingIf is CAS', async () => {
      const created = [];
      for (let i = 0; i < 30; i++) created.push(await storage.bookings.createBooking(bookingDraft({ startsAt: T0 + (30 - i) * 60_000 })));
      for (const booking of created) assert.match(booking.code, /^\d{6}$/);
      assert.equal(new Set(created.map((booking) => booking.code)).size, 30);
      const first = created[0]!;
      assert.match(first.bookingId, /^b_[0-9a-f]{20}$/);
      assert.deepEqual(first, { ...bookingDraft({ startsAt: T0 + 30 * 60_000 }), bookingId: first.bookingId, code: first.code });
      assert.deepEqual(await storage.bookings.getBooking(first.bookingId), first);
      assert.deepEqual(await storage.bookings.findOpenBookingByCode(first.code), first);

      const checkedIn = await storage.bookings.updateBookingIf(first.bookingId, 'booked', { status: 'checkedIn' });
      assert.equal(checkedIn?.status, 'checkedIn');
      assert.equal(checkedIn?.language, 'sv');
      assert.equal((await storage.bookings.findOpenBookingByCode(first.code))?.status, 'checkedIn');
      assert.equal(await storage.bookings.updateBookingIf(first.bookingId, 'booked', { status: 'cancelled' }), null);
      await storage.bookings.updateBookingIf(first.bookingId, 'checkedIn', { status: 'cancelled' });
      assert.equal(await storage.bookings.findOpenBookingByCode(first.code), null);
      assert.equal((await storage.bookings.getBooking(first.bookingId))?.status, 'cancelled');
      assert.equal(await storage.bookings.findOpenBookingByCode('not-a-code'), null);
    });

    test('a code is retried on collision with an open booking and free again once cancelled', async () => {
      const codes = ['111111', '111111', '111111', '222222'];
      const colliding = await openTracked({ generateBookingCode: () => codes.shift() ?? '111111' });
      await seedCatalogue(colliding); // a second ':memory:' database is a new one
      const a = await colliding.bookings.createBooking(bookingDraft());
      const b = await colliding.bookings.createBooking(bookingDraft());
      assert.deepEqual([a.code, b.code], ['111111', '222222']);
      await assert.rejects(colliding.bookings.createBooking(bookingDraft()), /booking code/);
      await colliding.bookings.updateBookingIf(a.bookingId, 'booked', { status: 'cancelled' });
      const c = await colliding.bookings.createBooking(bookingDraft());
      assert.equal(c.code, '111111');
      assert.equal((await colliding.bookings.findOpenBookingByCode('111111'))?.bookingId, c.bookingId);
    });

    test('listBookings filters and orders by starts_at', async () => {
      const late = await storage.bookings.createBooking(bookingDraft({ startsAt: T0 + 5000 }));
      const early = await storage.bookings.createBooking(bookingDraft({ startsAt: T0 + 1000, agencyId: 'vero', serviceId: 'vero-tax-card' }));
      const bus = await storage.bookings.createBooking(bookingDraft({ servicePointId: 'p-bus', stopId: 'st-9', date: NEXT_DAY, startsAt: T0 + 3000 }));
      const ids = async (filter: Parameters<Storage['bookings']['listBookings']>[0]) => (await storage.bookings.listBookings(filter)).map((b) => b.bookingId);
      assert.deepEqual(await ids({}), [early.bookingId, bus.bookingId, late.bookingId]);
      assert.deepEqual(await ids({ agencyId: 'kela' }), [bus.bookingId, late.bookingId]);
      assert.deepEqual(await ids({ servicePointId: 'p-room', date: DAY }), [early.bookingId, late.bookingId]);
      assert.deepEqual(await ids({ stopId: 'st-9' }), [bus.bookingId]);
      await storage.bookings.updateBookingIf(late.bookingId, 'booked', { status: 'served' });
      assert.deepEqual(await ids({ statuses: ['booked', 'checkedIn'] }), [early.bookingId, bus.bookingId]);
      assert.deepEqual(await ids({ statuses: [] }), []);
    });

    test('sessions: saveSession upserts the whole record; list filters', async () => {
      const waiting = sessionRecord();
      await storage.sessions.saveSession(waiting);
      assert.deepEqual(await storage.sessions.getSession('s_1'), waiting);
      const ended = { ...waiting, status: 'ended' as const, expertId: 'u-1', startedAt: T0 + 10, endedAt: T0 + 20, endReason: 'transferred' as const };
      await storage.sessions.saveSession(ended);
      assert.deepEqual(await storage.sessions.getSession('s_1'), ended);
      const next = sessionRecord({ sessionId: 's_2', agencyId: 'vero', serviceId: 'vero-tax-card', previousSessionId: 's_1', createdAt: T0 + 21 });
      await storage.sessions.saveSession(next);
      await storage.sessions.saveSession(sessionRecord({ sessionId: 's_3', visitId: 'v_2', createdAt: T0 + 5 }));
      assert.deepEqual((await storage.sessions.listSessions({ visitId: 'v_1' })).map((s) => s.sessionId), ['s_1', 's_2']);
      assert.deepEqual((await storage.sessions.listSessions({ statuses: ['waiting'] })).map((s) => s.sessionId), ['s_3', 's_2']);
      assert.deepEqual((await storage.sessions.listSessions({ agencyId: 'vero' })).map((s) => s.sessionId), ['s_2']);
      assert.deepEqual(await storage.sessions.listSessions({ statuses: [] }), []);
      assert.equal(await storage.sessions.getSession('s_nope'), null);
    });

    test('outbox: enqueue gets an id and is listed by booking and unsent', async () => {
      const booking = await storage.bookings.createBooking(bookingDraft());
      const other = await storage.bookings.createBooking(bookingDraft());
      const before = Date.now();
      const reminder = await storage.outbox.enqueue(outboxDraft(booking.bookingId, { dueAt: T0 + 100 }));
      assert.match(reminder.messageId, /^m_[0-9a-f]{20}$/);
      assert.ok(reminder.createdAt >= before && reminder.createdAt <= Date.now());
      assert.equal(reminder.sentAt, null);
      assert.deepEqual(reminder.payload, outboxDraft(booking.bookingId).payload);
      const confirmation = await storage.outbox.enqueue(outboxDraft(booking.bookingId, { kind: 'bookingConfirmation', dueAt: T0 }));
      await storage.outbox.enqueue(outboxDraft(other.bookingId));
      assert.deepEqual(await storage.outbox.list({ bookingId: booking.bookingId }), [confirmation, reminder]);
      assert.equal((await storage.outbox.list({ unsentOnly: true })).length, 3);
      assert.equal((await storage.outbox.list({})).length, 3);
    });

    test('opening the same storage again migrates nothing twice and sees the same data', { skip: !options.persistent }, async () => {
      const second = await openTracked();
      const third = await openTracked();
      assert.deepEqual(await second.catalogue.listServicePoints(), [busPoint, roomPoint]);
      assert.equal((await third.catalogue.listAgencies()).length, 3);
      const ticket = await second.queue.issueTicket(ticketDraft(), DAY);
      assert.deepEqual(await storage.queue.getTicket(ticket.ticketId), ticket);
    });

    test('acknowledged writes survive closing and reopening', { skip: !options.persistent }, async () => {
      const ticket = await storage.queue.issueTicket(ticketDraft(), DAY);
      const booking = await storage.bookings.createBooking(bookingDraft());
      await storage.sessions.saveSession(sessionRecord({ ticketId: ticket.ticketId }));
      const message = await storage.outbox.enqueue(outboxDraft(booking.bookingId));
      await storage.close();
      const reopened = await openTracked();
      assert.deepEqual(await reopened.queue.getTicket(ticket.ticketId), ticket);
      assert.deepEqual(await reopened.bookings.findOpenBookingByCode(booking.code), booking);
      assert.equal((await reopened.sessions.getSession('s_1'))?.ticketId, ticket.ticketId);
      assert.deepEqual(await reopened.outbox.list({ bookingId: booking.bookingId }), [message]);
      assert.deepEqual(await reopened.catalogue.getServicePointDetails('p-room'), roomPoint);
      assert.equal((await reopened.queue.issueTicket(ticketDraft(), DAY)).number, '2');
    });
  });
}
