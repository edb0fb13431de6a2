import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { DEMO_PASSWORD, demoBooths } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import type { Booking, BookingSlot } from '@etapiste/shared';
import { translate } from '@etapiste/shared/i18n';
import { loginStaff, startTestServer } from '../../signaling/src/testing/test-server.ts';
import { localDateOf, localTimeOf } from '../../signaling/src/time/helsinki-time.ts';
import {
  attributeOfTestId,
  boothUrl,
  click,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  textOfTestId,
  typeOnKeypad,
  waitForTestId,
  waitForTwoWayMedia,
  wcagViolations,
} from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

const LIBRARY = 'sp-kallio-library';
const libraryBooth = demoBooths[0];

/**
 * Today's bookable window ends at 23:55 and a booking can only be checked in on its own day, so
 * a slot more than 30 minutes ahead exists only until about 23:20 Helsinki time.
 */
const helsinkiNow = localTimeOf(Date.now());
const tooLateInTheDay = helsinkiNow >= '23:20' ? `needs a slot today more than 30 min ahead; it is ${helsinkiNow} in Helsinki` : false;

/**
 * Check-in with a booking code at the kiosk: bookings made over REST by a Kela expert; at the
 * kiosk a code whose slot is more than 30 minutes ahead is too early, the code of a slot that
 * starts within 5 minutes (inside the 15-minute check-in window) checks in with booked
 * priority, and the expert's take-next gets that customer.
 */
describe('bookings: check in at the kiosk with the booking code', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let expertToken: string;
  const today = localDateOf(Date.now());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${expertToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const book = async (slot: BookingSlot): Promise<Booking> => {
    const { status, body } = await api('POST', '/bookings', {
      servicePointId: slot.servicePointId,
      agencyId: slot.agencyId,
      serviceId: 'kela-housing-allowance',
      date: slot.date,
      from: slot.from,
      stopId: slot.stopId,
      language: 'fi',
    });
    assert.equal(status, 201, JSON.stringify(body));
    return body as Booking;
  };

  before(async () => {
    server = await startTestServer();
    // A bookable Kela window over all of today at the library, in 5-minute slots.
    await server.storage.catalogue.saveWindow({
      id: 'w-e2e-today',
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
    [boothBrowser, expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
  });

  test('too early for a slot > 30 min ahead; checked in for a slot within 5 min; take-next gets the booked customer', { skip: tooLateInTheDay }, async () => {
    const slots = await api('GET', `/bookings/slots?servicePointId=${LIBRARY}&agencyId=kela&date=${today}`);
    assert.equal(slots.status, 200);
    const available = (slots.body as BookingSlot[]).filter((slot) => slot.available);
    const soonSlot = available[0];
    assert.ok(soonSlot, 'a slot is still free today');
    assert.ok(soonSlot.startsAt - Date.now() <= 5 * 60_000, 'the first free slot starts within 5 minutes');
    const farSlot = available.find((slot) => slot.startsAt > Date.now() + 30 * 60_000);
    assert.ok(farSlot, 'a slot more than 30 minutes ahead');
    const soon = await book(soonSlot);
    const far = await book(farSlot);
    assert.match(soon.code, /^\d{6}$/);
    assert.match(far.code, /^\d{6}$/);
    assert.notEqual(soon.code, far.code);

    const booth = await openPage(boothBrowser, boothUrl(server));
    const expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, `booking-row-${soon.bookingId}`);

    await click(booth, 'language-fi');
    await click(booth, 'have-booking');
    await waitForTestId(booth, 'booking-code');
    assert.deepEqual(await wcagViolations(booth), [], 'booking code keypad meets WCAG 2.1 AA');

    // Too early: the slot is more than 30 minutes ahead (the window opens 15 minutes before).
    await typeOnKeypad(booth, far.code);
    assert.equal(await booth.$eval('[data-testid="booking-code"]', (input) => (input as HTMLInputElement).value), far.code);
    await click(booth, 'booking-submit');
    await poll('the too-early answer', () => attributeOfTestId(booth, 'booking-outcome', 'data-outcome'), (outcome) => outcome === 'tooEarly', 5000);
    assert.equal(await textOfTestId(booth, 'booking-outcome'), translate('fi', 'booth.checkIn.tooEarly', { time: far.from }));
    assert.equal(await booth.$('[data-testid="waiting-screen"]'), null, 'still on the keypad');
    assert.deepEqual(await wcagViolations(booth), [], 'keypad with the too-early answer meets WCAG 2.1 AA');
    assert.equal((await server.storage.bookings.getBooking(far.bookingId))?.status, 'booked', 'the far booking is untouched');
    assert.deepEqual(await server.storage.queue.listTickets({ servicePointId: LIBRARY }), [], 'no ticket for a too-early code');

    // In the window: the code of the slot that starts within 5 minutes.
    for (let index = 0; index < far.code.length; index++) await click(booth, 'booking-key-erase');
    assert.equal(await booth.$('[data-testid="booking-outcome"]'), null, 'editing the code clears the answer');
    await typeOnKeypad(booth, soon.code);
    await click(booth, 'booking-submit');
    await waitForTestId(booth, 'waiting-screen');
    assert.equal(await attributeOfTestId(booth, 'booking-outcome', 'data-outcome'), 'checkedIn');
    assert.equal(await textOfTestId(booth, 'booking-outcome'), translate('fi', 'booth.checkIn.checkedIn', { time: soon.from }));
    const number = await textOfTestId(booth, 'ticket-number');

    const [ticket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(ticket, 'the checked-in customer is in the queue');
    assert.equal(ticket.number, number);
    assert.equal(ticket.priority, 'booked');
    assert.equal(ticket.bookingId, soon.bookingId);
    assert.equal(ticket.queuedAt, soon.startsAt, 'queued at the booked time');
    assert.equal(ticket.boothId, libraryBooth.id);
    assert.equal(ticket.serviceId, 'kela-housing-allowance');
    assert.equal((await server.storage.bookings.getBooking(soon.bookingId))?.status, 'checkedIn');

    // The expert sees the booked customer and takes them next.
    await waitForTestId(expert, `queue-row-${ticket.ticketId}`);
    await poll(
      'the bookings list to show the check-in',
      () => textOfTestId(expert, `booking-row-${soon.bookingId}`),
      (row) => row.includes(translate('fi', 'agent.bookingStatus.checkedIn')),
      5000,
    );
    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    await waitForTestId(booth, 'called-screen');
    const called = await server.storage.queue.getTicket(ticket.ticketId);
    assert.equal(called?.status, 'called');
    assert.equal(called?.expertId, 'u-expert-kela');
    assert.deepEqual(await wcagViolations(booth), [], 'called screen meets WCAG 2.1 AA');

    // The customer answers, the call connects, and the customer leaves by hanging up.
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await waitForTwoWayMedia(booth, expert);
    await click(booth, 'hang-up');
    await waitForTestId(booth, 'call-ended');
    await waitForTestId(expert, 'take-next');
    await poll('the ticket to be done', () => server.storage.queue.getTicket(ticket.ticketId), (stored) => stored?.status === 'done', 5000);
    await poll('the booking to be served', () => server.storage.bookings.getBooking(soon.bookingId), (stored) => stored?.status === 'served', 5000);
    assert.deepEqual(await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting', 'called', 'serving'] }), []);
    await api('POST', `/bookings/${far.bookingId}/cancel`);
  });
});
