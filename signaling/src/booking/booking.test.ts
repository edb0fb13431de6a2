import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type Booking, type BookingSlot } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, startTestServer } from '../testing/test-server.ts';
import { addDays, localDateOf, weekdayOf } from '../time/helsinki-time.ts';

const LIBRARY = 'sp-kallio-library';

describe('bookings: slots, book, cancel, rebook, reminders, check-in at the booth', () => {
  let server: EtapisteServer;
  let expertToken: string;
  let booth: SignalingClient;
  const today = localDateOf(Date.now());

  const api = async (method: string, path: string, body?: unknown, token = expertToken) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const slots = async (date: string, agencyId = 'kela', point = LIBRARY): Promise<BookingSlot[]> =>
    (await api('GET', `/bookings/slots?servicePointId=${point}&agencyId=${agencyId}&date=${date}`)).body;
  const book = async (slot: BookingSlot, serviceId = 'kela-housing-allowance'): Promise<Booking> => {
    const { status, body } = await api('POST', '/bookings', {
      servicePointId: slot.servicePointId,
      agencyId: slot.agencyId,
      serviceId,
      date: slot.date,
      from: slot.from,
      stopId: slot.stopId,
      language: 'fi',
    });
    assert.equal(status, 201, JSON.stringify(body));
    return body;
  };
  /** A bookable window covering all of today at the library, 5-minute slots. */
  before(async () => {
    server = await startTestServer();
    await server.storage.catalogue.saveWindow({
      id: 'w-test-today',
      servicePointId: LIBRARY,
      agencyId: 'kela',
      kind: 'bookable',
      weekday: null,
      date: today,
      stopId: null,
      from: '00:00',
      to: '23:55',
      slotMinutes: 5,
    });
    expertToken = (await loginStaff(server, 'expert.kela')).token;
    booth = await connectClient(server, (await loginBooth(server)).token);
  });
  after(async () => {
    booth.close();
    await server.close();
  });

  test('slots come from the bookable windows; a booked slot is no longer available; staff of another agency may not book', async () => {
    const todaySlots = await slots(today);
    assert.ok(todaySlots.length > 100);
    const next = todaySlots.find((slot) => slot.available)!;
    assert.ok(next.startsAt > Date.now());
    const booking = await book(next);
    assert.match(booking.code, /^\d{6}$/);
    assert.equal(booking.status, 'booked');
    assert.equal((await slots(today)).find((slot) => slot.startsAt === next.startsAt)?.available, false, 'one booth: one booking per slot');
    const taken = await api('POST', '/bookings', { servicePointId: LIBRARY, agencyId: 'kela', serviceId: 'kela-housing-allowance', date: next.date, from: next.from, stopId: null, language: 'fi' });
    assert.equal(taken.status, 409);
    const veroToken = (await loginStaff(server, 'expert.vero')).token;
    assert.equal((await api('GET', `/bookings/slots?servicePointId=${LIBRARY}&agencyId=kela&date=${today}`, undefined, veroToken)).status, 403);
    const boothToken = (await loginBooth(server, 'demo-booth-lapland-servicebus-01')).token;
    assert.equal((await api('GET', `/bookings?date=${today}`, undefined, boothToken)).status, 403);
    const messages = await server.storage.outbox.list({ bookingId: booking.bookingId });
    assert.ok(messages.some((message) => message.kind === 'bookingConfirmation'));
    await api('POST', `/bookings/${booking.bookingId}/cancel`);
  });

  test('cancel frees the slot; rebook moves it and keeps the code; reminders go to the outbox', async () => {
    const weekday = addDays(today, 15 - weekdayOf(today)); // Monday of next week: more than a day ahead
    const later = (await slots(weekday)).filter((slot) => slot.available);
    assert.ok(later.length >= 2, 'the demo library has bookable weekday windows');
    const booking = await book(later[0]!);
    const reminders = (await server.storage.outbox.list({ bookingId: booking.bookingId })).filter((message) => message.kind === 'bookingReminder');
    assert.deepEqual(reminders.map((message) => booking.startsAt - message.dueAt).sort((a, b) => a - b), [3_600_000, 86_400_000]);
    const moved = await api('POST', `/bookings/${booking.bookingId}/rebook`, { date: later[1]!.date, from: later[1]!.from, stopId: null });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.code, booking.code);
    assert.equal(moved.body.from, later[1]!.from);
    const afterMove = (await server.storage.outbox.list({ bookingId: booking.bookingId })).filter((message) => message.kind === 'bookingReminder');
    assert.deepEqual(afterMove.map((message) => moved.body.startsAt - message.dueAt).sort((a, b) => a - b), [3_600_000, 86_400_000], 'only the new slot’s reminders');
    const cancelled = await api('POST', `/bookings/${booking.bookingId}/cancel`);
    assert.equal(cancelled.body.status, 'cancelled');
    const afterCancel = await server.storage.outbox.list({ bookingId: booking.bookingId, unsentOnly: true });
    assert.deepEqual(afterCancel.map((message) => message.kind), ['bookingCancelled'], 'no reminders for a cancelled booking');
    assert.equal((await api('POST', `/bookings/${booking.bookingId}/cancel`)).status, 409);
    assert.equal((await slots(weekday)).find((slot) => slot.from === later[1]!.from)?.available, true);
    const bad = await api('POST', '/bookings', { servicePointId: LIBRARY, agencyId: 'kela', date: 'tomorrow' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, ErrorCode.ValidationFailed);
  });

  test('check-in: in the window the customer goes to the front at their slot; unknown, early, other day, other point are explained', async () => {
    assert.equal((await booth.request('booking.checkIn', { code: '000000' })).outcome, 'unknownCode');
    const upcoming = (await slots(today)).filter((slot) => slot.available);
    const soon = await book(upcoming[0]!); // starts within 5 minutes: inside the 15-minute early window
    const farSlot = upcoming.find((slot) => slot.startsAt > Date.now() + 30 * 60_000);
    if (farSlot) {
      const far = await book(farSlot);
      assert.equal((await booth.request('booking.checkIn', { code: far.code })).outcome, 'tooEarly');
      await api('POST', `/bookings/${far.bookingId}/cancel`);
    }
    const tomorrow = (await slots(addDays(today, 1), 'kela', 'sp-lapland-bus')).find((slot) => slot.available)!;
    const busBooking = await book(tomorrow);
    assert.equal((await booth.request('booking.checkIn', { code: busBooking.code })).outcome, 'wrongPoint');
    const busBooth = await connectClient(server, (await loginBooth(server, 'demo-booth-lapland-servicebus-01')).token);
    assert.equal((await busBooth.request('booking.checkIn', { code: busBooking.code })).outcome, 'notToday');
    busBooth.close();

    // A walk-in who came earlier is still served after a booked customer whose slot has started.
    const walkInBooth = await connectClient(server, (await loginBooth(server, 'demo-booth-lapland-servicebus-01')).token);
    const walkIn = await walkInBooth.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    await server.storage.bookings.updateBookingIf(soon.bookingId, 'booked', { startsAt: Date.now() - 60_000 });
    const checkedIn = await booth.request('booking.checkIn', { code: soon.code });
    assert.equal(checkedIn.outcome, 'checkedIn');
    assert.equal(checkedIn.visit?.view.ticket.priority, 'booked');
    assert.equal(checkedIn.visit?.view.position, 1, 'ahead of the earlier walk-in');
    assert.equal((await booth.request('booking.checkIn', { code: soon.code })).outcome, 'alreadyUsed');
    const expert = await connectClient(server, expertToken);
    const { overview } = { overview: await expert.request('queue.overview', {}) };
    assert.ok(overview.bookingsToday.some((booking) => booking.bookingId === soon.bookingId && booking.status === 'checkedIn'));
    const { call } = await expert.request('queue.takeNext', {});
    assert.equal(call?.ticket.bookingId, soon.bookingId);
    await booth.request('queue.leave', { ticketId: checkedIn.visit!.view.ticket.ticketId });
    await walkInBooth.request('queue.leave', { ticketId: walkIn.view.ticket.ticketId });
    expert.close();
    walkInBooth.close();
  });

  test('check-in after the late limit gives a walk-in number instead', async () => {
    const slot = (await slots(today)).find((candidate) => candidate.available)!;
    const booking = await book(slot);
    await server.storage.bookings.updateBookingIf(booking.bookingId, 'booked', { startsAt: Date.now() - 30 * 60_000 });
    const late = await booth.request('booking.checkIn', { code: booking.code });
    assert.equal(late.outcome, 'lateWalkIn');
    assert.equal(late.visit?.view.ticket.priority, 'normal');
    assert.equal(late.visit?.view.ticket.bookingId, booking.bookingId);
    await booth.request('queue.leave', { ticketId: late.visit!.view.ticket.ticketId });
  });
});
