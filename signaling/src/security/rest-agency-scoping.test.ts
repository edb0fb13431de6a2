import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type Booking, type BookingSlot } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { loginStaff, startTestServer } from '../testing/test-server.ts';
import { addDays, localDateOf, weekdayOf } from '../time/helsinki-time.ts';

const LIBRARY = 'sp-kallio-library';

/**
 * Agency scoping over REST with real objects of both agencies: a Kela expert or supervisor
 * may not see, book, cancel or rebook Vero's bookings, nor read Vero's statistics; the admin
 * may. (The role half of the matrix is route-policy.test.ts.)
 */
describe('agency scoping on REST (Kela vs Vero)', () => {
  let server: EtapisteServer;
  const tokens: Record<string, string> = {};
  const monday = addDays(localDateOf(Date.now()), 15 - weekdayOf(localDateOf(Date.now())));
  const api = async (who: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  let veroBooking: Booking;
  let veroSlots: BookingSlot[];

  before(async () => {
    server = await startTestServer();
    for (const username of ['expert.kela', 'supervisor.kela', 'expert.vero', 'admin']) tokens[username] = (await loginStaff(server, username)).token;
    veroSlots = (await api('expert.vero', 'GET', `/bookings/slots?servicePointId=${LIBRARY}&agencyId=vero&date=${monday}`)).body;
    const slot = veroSlots.find((candidate) => candidate.available)!;
    const booked = await api('expert.vero', 'POST', '/bookings', {
      servicePointId: LIBRARY, agencyId: 'vero', serviceId: 'vero-tax-card', date: slot.date, from: slot.from, stopId: null, language: 'fi',
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    veroBooking = booked.body;
  });
  after(() => server.close());

  test('Kela staff cannot read Vero slots, book for Vero, or cancel and rebook a Vero booking', async () => {
    const free = veroSlots.filter((slot) => slot.available)[1]!;
    for (const who of ['expert.kela', 'supervisor.kela']) {
      const slots = await api(who, 'GET', `/bookings/slots?servicePointId=${LIBRARY}&agencyId=vero&date=${monday}`);
      assert.equal(slots.status, 403, who);
      assert.equal(slots.body.error.code, ErrorCode.Forbidden);
      const book = await api(who, 'POST', '/bookings', {
        servicePointId: LIBRARY, agencyId: 'vero', serviceId: 'vero-tax-card', date: free.date, from: free.from, stopId: null, language: 'fi',
      });
      assert.equal(book.status, 403, `${who} books for Vero`);
      const cancel = await api(who, 'POST', `/bookings/${veroBooking.bookingId}/cancel`, {});
      assert.equal(cancel.status, 403, `${who} cancels Vero's booking`);
      assert.equal(cancel.body.error.code, ErrorCode.Forbidden);
      const rebook = await api(who, 'POST', `/bookings/${veroBooking.bookingId}/rebook`, { date: free.date, from: free.from, stopId: null });
      assert.equal(rebook.status, 403, `${who} rebooks Vero's booking`);
      const list = await api(who, 'GET', `/bookings?date=${monday}&agencyId=vero`);
      assert.equal(list.status, 200);
      assert.ok(!list.body.some((booking: Booking) => booking.bookingId === veroBooking.bookingId), `${who} does not list Vero's booking`);
    }
    const stillBooked = await api('expert.vero', 'GET', `/bookings?date=${monday}`);
    assert.equal(stillBooked.body.find((booking: Booking) => booking.bookingId === veroBooking.bookingId)?.status, 'booked', 'nothing changed');
    const adminList = await api('admin', 'GET', `/bookings?date=${monday}&agencyId=vero`);
    assert.ok(adminList.body.some((booking: Booking) => booking.bookingId === veroBooking.bookingId), 'the admin sees every agency');
  });

  test('a Kela supervisor reads only Kela statistics; the admin reads any agency', async () => {
    const period = `from=${addDays(monday, -30)}&to=${monday}&groupBy=agency`;
    const vero = await api('supervisor.kela', 'GET', `/statistics/visits?${period}&agencyId=vero`);
    assert.equal(vero.status, 403);
    assert.equal(vero.body.error.code, ErrorCode.Forbidden);
    assert.equal((await api('supervisor.kela', 'GET', `/statistics/visits?${period}&agencyId=kela`)).status, 200);
    assert.equal((await api('supervisor.kela', 'GET', `/statistics/billing?month=${monday.slice(0, 7)}&agencyId=vero`)).status, 403);
    assert.equal((await api('admin', 'GET', `/statistics/visits?${period}&agencyId=vero`)).status, 200);
  });
});
