import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, demoBooths } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import { translate } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { localDateOf, localTimeOf } from '../../signaling/src/time/helsinki-time.ts';
import {
  attributeOfTestId,
  boothUrl,
  click,
  fillInput,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  textOfTestId,
  typeOnKeypad,
  waitForTestId,
  wcagViolations,
} from '../support/browser.ts';

const BUS = 'sp-lapland-bus';
const busBooth = demoBooths[1];
const PLACE = 'Kittilä, market square';

/** The stop is today until 23:55 in 5-minute slots: a free slot starting within 5 minutes exists until about 23:45. */
const helsinkiNow = localTimeOf(Date.now());
const tooLateInTheDay = helsinkiNow >= '23:45' ? `needs a free 5-minute slot later today; it is ${helsinkiNow} in Helsinki` : false;

/** The value of the select with that test id. */
const selectedValue = (page: Page, testId: string) => page.$eval(`[data-testid="${testId}"]`, (select) => (select as HTMLSelectElement).value);

/**
 * A service bus's day built in the admin UI: the administrator adds today's stop, a Kela
 * bookable window at that stop with 5-minute slots, and books a housing-allowance slot; the
 * bus kiosk then shows where the bus stands and checks the customer in with the code.
 */
describe('service bus: timetable, window and booking in the admin UI, check-in at the bus', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let staffBrowser: Browser;
  const today = localDateOf(Date.now());

  before(async () => {
    server = await startTestServer();
    // Today's demo stop goes (with its windows), so that the admin builds today in the UI.
    await server.storage.catalogue.deleteStop('st-bus-0');
    [boothBrowser, staffBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium()]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), staffBrowser?.close()]);
    await server?.close();
  });

  test('admin adds the stop, the window and a booking; the bus kiosk shows the stop and checks in the code', { skip: tooLateInTheDay }, async () => {
    assert.deepEqual(await server.storage.catalogue.listStops(BUS, { from: today, to: today }), [], 'no stop today to begin with');
    assert.deepEqual(await server.storage.catalogue.listWindows({ stopId: 'st-bus-0' }), [], 'its windows went with it');

    const admin = await openPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(admin, 'admin', DEMO_PASSWORD);

    // Timetable: today's stop at the market square in Kittilä.
    await click(admin, 'admin-nav-timetable');
    await waitForTestId(admin, 'admin-point-select');
    await poll('the bus to be chosen', () => selectedValue(admin, 'admin-point-select'), (value) => value === BUS, 5000);
    await admin.type('[data-testid="stop-place"]', PLACE);
    await fillInput(admin, 'stop-date', today);
    await fillInput(admin, 'stop-from', '00:00');
    await fillInput(admin, 'stop-to', '23:55');
    await click(admin, 'stop-add');
    const stopFormStatus = () =>
      admin.$eval('form[aria-labelledby="stop-form-heading"]', (form) => ({
        saved: form.querySelector('[data-testid="form-saved"]')?.textContent ?? null,
        error: form.querySelector('[data-testid="form-error"]')?.textContent ?? null,
      }));
    const added = await poll('the stop form to answer', stopFormStatus, ({ saved, error }) => !!saved || !!error, 5000);
    assert.deepEqual(added, { saved: translate('fi', 'admin.timetable.stopAdded'), error: null });
    const [stop] = await server.storage.catalogue.listStops(BUS, { from: today, to: today });
    assert.ok(stop, 'the stop is stored');
    assert.deepEqual({ ...stop, id: undefined }, { id: undefined, servicePointId: BUS, place: PLACE, date: today, from: '00:00', to: '23:55' });
    await waitForTestId(admin, `stop-${stop.id}`);
    assert.ok((await textOfTestId(admin, `stop-${stop.id}`)).includes(PLACE), 'the timetable lists the stop');

    // Windows: Kela, bookable, at that stop, 5-minute slots.
    await click(admin, 'admin-nav-windows');
    await waitForTestId(admin, 'admin-point-select');
    assert.equal(await selectedValue(admin, 'admin-point-select'), BUS);
    await click(admin, 'window-new');
    await waitForTestId(admin, 'window-stop');
    await admin.select('[data-testid="window-agency"]', 'kela');
    await admin.select('[data-testid="window-stop"]', stop.id);
    assert.equal(await admin.$eval('[data-testid="window-from"]', (input) => (input as HTMLInputElement).value), '00:00', 'the window takes the stop time');
    assert.equal(await admin.$eval('[data-testid="window-to"]', (input) => (input as HTMLInputElement).value), '23:55');
    await click(admin, 'window-kind-bookable');
    await fillInput(admin, 'window-slot-minutes', '5');
    await click(admin, 'window-add');
    const [window] = await poll(
      'the window to be stored',
      () => server.storage.catalogue.listWindows({ stopId: stop.id }),
      (stored) => stored.length > 0,
      5000,
    );
    assert.ok(window);
    assert.deepEqual(
      { ...window, id: undefined },
      { id: undefined, servicePointId: BUS, agencyId: 'kela', kind: 'bookable', weekday: null, date: null, stopId: stop.id, from: '00:00', to: '23:55', slotMinutes: 5 },
    );
    await waitForTestId(admin, `window-${window.id}`);

    // Bookings: Kela housing allowance at the bus, today's first free slot.
    await click(admin, 'admin-nav-bookings');
    await waitForTestId(admin, 'booking-agency');
    assert.equal(await selectedValue(admin, 'admin-point-select'), BUS);
    await admin.select('[data-testid="booking-agency"]', 'kela');
    await admin.select('[data-testid="booking-service"]', 'kela-housing-allowance');
    await fillInput(admin, 'booking-date', today);
    await admin.waitForSelector('[data-testid^="booking-slot-"]:not([disabled])', { timeout: 5000 });
    const slotTestId = await admin.$eval('[data-testid^="booking-slot-"]:not([disabled])', (button) => button.getAttribute('data-testid')!);
    const slotFrom = slotTestId.replace('booking-slot-', '');
    await click(admin, slotTestId);
    await click(admin, 'booking-submit');
    const code = await textOfTestId(admin, 'booking-code');
    assert.match(code, /^\d{6}$/, 'a six-digit code');

    const booking = await server.storage.bookings.findOpenBookingByCode(code);
    assert.ok(booking, 'the booking is stored');
    assert.equal(booking.servicePointId, BUS);
    assert.equal(booking.agencyId, 'kela');
    assert.equal(booking.serviceId, 'kela-housing-allowance');
    assert.equal(booking.stopId, stop.id);
    assert.equal(booking.date, today);
    assert.equal(booking.from, slotFrom);
    assert.equal(booking.status, 'booked');
    assert.ok(booking.startsAt > Date.now() - 1000 && booking.startsAt - Date.now() <= 5 * 60_000, 'the first free slot starts within 5 minutes');

    // The bus kiosk: where the bus is, and the check-in with the code.
    const booth = await openPage(boothBrowser, boothUrl(server, busBooth.deviceToken));
    await click(booth, 'language-fi');
    assert.equal(await textOfTestId(booth, 'stop-info'), translate('fi', 'booth.stopInfo', { place: PLACE, from: '00:00', to: '23:55' }));
    assert.equal(await booth.$('[data-testid="closed-notice"]'), null, 'the bus is open at its stop');
    await click(booth, 'have-booking');
    await waitForTestId(booth, 'booking-code');
    assert.deepEqual(await wcagViolations(booth), [], 'booking code keypad meets WCAG 2.1 AA');
    await typeOnKeypad(booth, code);
    await click(booth, 'booking-submit');
    await waitForTestId(booth, 'waiting-screen');
    assert.equal(await attributeOfTestId(booth, 'booking-outcome', 'data-outcome'), 'checkedIn');

    const [ticket] = await server.storage.queue.listTickets({ servicePointId: BUS, statuses: ['waiting'] });
    assert.ok(ticket, 'the customer is in the queue');
    assert.equal(ticket.bookingId, booking.bookingId);
    assert.equal(ticket.priority, 'booked');
    assert.equal(ticket.boothId, busBooth.id);
    assert.equal(await textOfTestId(booth, 'ticket-number'), ticket.number);
    assert.equal((await server.storage.bookings.getBooking(booking.bookingId))?.status, 'checkedIn');

    await click(booth, 'leave-queue');
    await poll('the ticket to be cancelled', () => server.storage.queue.getTicket(ticket.ticketId), (stored) => stored?.status === 'cancelled', 5000);
  });
});
