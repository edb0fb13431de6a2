import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import type { Booking, BookingSlot } from '@etapiste/shared';
import { loginStaff, startTestServer } from '../../signaling/src/testing/test-server.ts';
import { defaultDispatchConfig } from '../../signaling/src/interpreting/interpreting-service.ts';
import { localDateOf, localTimeOf } from '../../signaling/src/time/helsinki-time.ts';
import {
  attributeOfTestId,
  boothUrl,
  click,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  typeOnKeypad,
  waitForTestId,
  waitForTwoWayMedia,
} from '../support/browser.ts';
import { openInterpreterDesk, ringingOffers, waitForMediaFrom } from '../support/interpreting.ts';
import { expertCameraFile, interpreterCameraFile } from '../support/media-files.ts';

const LIBRARY = 'sp-kallio-library';
const FINSL = { modality: 'signLanguage', language: 'fse' } as const;
const usernames: Record<string, string> = { 'u-interpreter': 'interpreter.demo', 'u-interpreter-2': 'interpreter2.demo' };

/** Today's bookable window ends at 23:55: the last slot that can be checked in starts at 23:50. */
const helsinkiNow = localTimeOf(Date.now());
const tooLateInTheDay = helsinkiNow >= '23:49' ? `needs a bookable slot today; it is ${helsinkiNow} in Helsinki` : false;

/**
 * Booked interpreting, issue 4's second "done when": a booking that requires FinSL gets an
 * interpreter of a contracted provider assigned; when the expert takes the checked-in customer
 * the assigned interpreter is invited automatically (only they ring) and joins; and when the
 * assigned interpreter does not answer within the booked wait, on-demand dispatch rings the
 * other contracted interpreter, who joins.
 */
describe('interpreting by booking: automatic invitation and the fallback to on demand', () => {
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let interpreterBrowser: Browser;
  let server: EtapisteServer | null = null;
  let pages: Page[] = [];

  before(async () => {
    [boothBrowser, expertBrowser, interpreterBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
      launchChromium({ videoFile: interpreterCameraFile() }),
    ]);
  });
  afterEach(async () => {
    await Promise.allSettled(pages.map((page) => page.close()));
    pages = [];
    await server?.close();
    server = null;
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close(), interpreterBrowser?.close()]);
  });

  /** A server with a bookable Kela window over all of today, and a FinSL booking in the current slot. */
  async function bookedServer(bookedWaitMs: number): Promise<{ booking: Booking; assigned: string; other: string }> {
    server = await startTestServer({ interpreting: { ...defaultDispatchConfig, bookedWaitMs } });
    const today = localDateOf(Date.now());
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
    const { token } = await loginStaff(server, 'expert.kela');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const slots = (await (await fetch(`${server.url}/api/bookings/slots?servicePointId=${LIBRARY}&agencyId=kela&date=${today}`, { headers })).json()) as BookingSlot[];
    const slot = slots.find((candidate) => candidate.available);
    assert.ok(slot && slot.startsAt - Date.now() <= 5 * 60_000, 'a free slot starts within 5 minutes');
    const response = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        servicePointId: LIBRARY,
        agencyId: 'kela',
        serviceId: 'kela-housing-allowance',
        date: slot.date,
        from: slot.from,
        stopId: null,
        language: 'fi',
        interpreterNeed: FINSL,
      }),
    });
    const booking = (await response.json()) as Booking;
    assert.equal(response.status, 201, JSON.stringify(booking));
    assert.deepEqual(booking.interpreterNeed, FINSL);
    assert.ok(booking.interpreterId && usernames[booking.interpreterId], `an interpreter of Kela's contracted provider is assigned: ${booking.interpreterId}`);
    const other = Object.keys(usernames).find((id) => id !== booking.interpreterId)!;
    return { booking, assigned: usernames[booking.interpreterId]!, other: usernames[other]! };
  }

  /** The customer checks in with the code and the expert takes them: returns the booth and expert pages. */
  async function checkInAndTake(booking: Booking): Promise<{ booth: Page; expert: Page }> {
    const booth = await openPage(boothBrowser, boothUrl(server!));
    const expert = await openPage(expertBrowser, `${server!.url}/agent/`);
    pages.push(booth, expert);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');
    await click(booth, 'language-fi');
    await click(booth, 'have-booking');
    await typeOnKeypad(booth, booking.code);
    await click(booth, 'booking-submit');
    await waitForTestId(booth, 'waiting-screen');
    await click(expert, 'take-next');
    await waitForTestId(booth, 'called-screen');
    return { booth, expert };
  }

  test('the assigned interpreter is invited when the expert takes the customer, and joins', { skip: tooLateInTheDay }, async () => {
    const { booking, assigned, other } = await bookedServer(120_000);
    const assignedDesk = await openInterpreterDesk(interpreterBrowser, server!.url, assigned, false);
    const otherDesk = await openInterpreterDesk(interpreterBrowser, server!.url, other, true);
    pages.push(assignedDesk, otherDesk);
    await waitForTestId(assignedDesk, 'assignment');

    const { booth, expert } = await checkInAndTake(booking);
    // Only the booked interpreter rings (an invitation, even while not available for on demand).
    await assignedDesk.bringToFront();
    await poll('the booked interpreter to be invited', () => ringingOffers(assignedDesk), (offers) => offers.length === 1, 10_000);
    assert.deepEqual(await ringingOffers(otherDesk), [], 'nobody else rings');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await poll('the expert to see the invitation', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'invitingAssigned', 10_000);
    await poll('the booth to say an interpreter is called', () => attributeOfTestId(booth, 'interpreter-status', 'data-state'), (state) => state === 'invitingAssigned', 10_000);

    await assignedDesk.bringToFront();
    await click(assignedDesk, 'accept-offer');
    await waitForTestId(assignedDesk, 'interpreter-in-call');
    await poll('the expert to see the booked interpreter join', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'joined', 20_000);
    await waitForMediaFrom(assignedDesk, ['customer', 'expert'], 'the interpreter to receive the customer and the expert');
    await waitForMediaFrom(booth, ['expert', 'interpreter'], 'the booth to receive the expert and the interpreter');
    await waitForMediaFrom(expert, ['customer', 'interpreter'], 'the expert to receive the customer and the interpreter');
    const [request] = await server!.storage.interpreting.listRequests({});
    assert.equal(request?.mode, 'booked');
    assert.equal(request?.origin, 'booking');
    assert.equal(request?.batch, 0, 'no on-demand batch was needed');
    assert.equal(request?.state, 'joined');
  });

  test('the assigned interpreter does not answer: on-demand dispatch rings the other contracted interpreter, who joins', { skip: tooLateInTheDay }, async () => {
    const { booking, assigned, other } = await bookedServer(3000);
    const assignedDesk = await openInterpreterDesk(interpreterBrowser, server!.url, assigned, false);
    const otherDesk = await openInterpreterDesk(interpreterBrowser, server!.url, other, true);
    pages.push(assignedDesk, otherDesk);

    const { booth, expert } = await checkInAndTake(booking);
    await poll('the booked interpreter to be invited', () => ringingOffers(assignedDesk), (offers) => offers.length === 1, 10_000);
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await waitForTwoWayMedia(booth, expert);

    // Nobody answers the invitation: after the booked wait the other contracted interpreter rings.
    await poll('the other interpreter to ring', () => ringingOffers(otherDesk), (offers) => offers.length === 1, 15_000);
    assert.deepEqual(await ringingOffers(assignedDesk), [], "the booked interpreter's invitation stopped");
    await poll('the expert to see on-demand ringing', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'ringing', 5000);

    await otherDesk.bringToFront();
    await click(otherDesk, 'accept-offer');
    await waitForTestId(otherDesk, 'interpreter-in-call');
    await poll('the expert to see the interpreter join', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'joined', 20_000);
    await poll('the booth to say the interpreter joined', () => attributeOfTestId(booth, 'interpreter-status', 'data-state'), (state) => state === 'joined', 20_000);
    await waitForMediaFrom(booth, ['expert', 'interpreter'], 'the booth to receive the expert and the interpreter');
    await waitForMediaFrom(otherDesk, ['customer', 'expert'], 'the interpreter to receive the customer and the expert');
    const [request] = await server!.storage.interpreting.listRequests({});
    assert.equal(request?.mode, 'booked');
    assert.equal(request?.batch, 1, 'one on-demand batch after the invitation');
    assert.equal(request?.interpreterName, (await server!.storage.catalogue.findStaffByUsername(other))?.displayName);
  });
});
