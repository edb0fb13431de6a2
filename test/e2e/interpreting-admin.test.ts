import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { localDateOf, localTimeOf } from '../../signaling/src/time/helsinki-time.ts';
import { click, fillInput, launchChromium, loginStaffInPage, openPage, poll, textOfTestId, waitForTestId, wcagViolations } from '../support/browser.ts';

const LIBRARY = 'sp-kallio-library';
const helsinkiNow = localTimeOf(Date.now());
const tooLateInTheDay = helsinkiNow >= '23:49' ? `needs a bookable slot today; it is ${helsinkiNow} in Helsinki` : false;
const selectedValue = (page: Page, testId: string) => page.$eval(`[data-testid="${testId}"]`, (select) => (select as HTMLSelectElement).value);

/**
 * The admin screens of interpreting in the agent app: a provider, Vero's contract with it, an
 * interpreter with an account and a spoken-Arabic skill; then a Kela booking that requires
 * FinSL gets an interpreter assigned, and the admin changes it to the other contracted one.
 */
describe('interpreting administration in the browser', () => {
  let server: EtapisteServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('provider, contract and interpreter are created; a FinSL booking gets an interpreter, who can be changed', { skip: tooLateInTheDay }, async () => {
    const admin = await openPage(browser, `${server.url}/agent/`);
    await loginStaffInPage(admin, 'admin', DEMO_PASSWORD);
    await click(admin, 'admin-nav-interpreting');
    await waitForTestId(admin, 'interpreter-interpreter.demo');
    assert.deepEqual(await wcagViolations(admin), [], 'the interpreting screen meets WCAG 2.1 AA');

    await click(admin, 'provider-add');
    await fillInput(admin, 'provider-name', 'Tulkkitalo Oy');
    await click(admin, 'provider-save');
    const provider = await poll('the provider to be stored', async () => (await server.storage.interpreting.listProviders()).find((entry) => entry.name === 'Tulkkitalo Oy'), Boolean, 5000);
    await click(admin, `contract-vero-${provider!.id}`);
    await poll('the contract to be stored', () => server.storage.interpreting.listContracts(), (contracts) => contracts.some((c) => c.agencyId === 'vero' && c.providerId === provider!.id), 5000);

    await click(admin, 'interpreter-add');
    await fillInput(admin, 'interpreter-name', 'Ukrainian interpreter');
    await fillInput(admin, 'interpreter-username', 'interpreter.ukrainian');
    await fillInput(admin, 'interpreter-password', 'a long enough password');
    await admin.select('[data-testid="interpreter-provider"]', provider!.id);
    await admin.select('[data-testid="skill-modality"]', 'spoken');
    await fillInput(admin, 'skill-language', 'uk');
    await click(admin, 'skill-add');
    await waitForTestId(admin, 'skill-remove-spoken-uk');
    await click(admin, 'interpreter-save');
    await waitForTestId(admin, 'interpreter-interpreter.ukrainian');
    const row = await textOfTestId(admin, 'interpreter-interpreter.ukrainian');
    assert.match(row, /Tulkkitalo Oy/);
    assert.match(row, /ukrain/i);
    const created = (await server.storage.interpreting.listInterpreters()).find((entry) => entry.displayName === 'Ukrainian interpreter');
    assert.deepEqual(created?.skills, [{ modality: 'spoken', language: 'uk' }]);
    assert.equal(created?.providerId, provider!.id);

    // A Kela booking at the library today that requires FinSL.
    await server.storage.catalogue.saveWindow({
      id: 'w-e2e-today',
      servicePointId: LIBRARY,
      agencyId: 'kela',
      kind: 'bookable',
      weekday: null,
      date: localDateOf(Date.now()),
      stopId: null,
      from: '00:00',
      to: '23:55',
      slotMinutes: 5,
    });
    await click(admin, 'admin-nav-bookings');
    await waitForTestId(admin, 'admin-point-select');
    await admin.select('[data-testid="admin-point-select"]', LIBRARY);
    await waitForTestId(admin, 'booking-agency');
    await admin.select('[data-testid="booking-agency"]', 'kela');
    await waitForTestId(admin, 'booking-interpreter-need');
    const needs = await admin.$$eval('[data-testid="booking-interpreter-need"] option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    assert.ok(needs.includes('signLanguage:fse'), `Kela can book FinSL: ${needs.join(', ')}`);
    assert.ok(!needs.includes('spoken:uk'), 'not a skill of a provider Kela has a contract with');
    await admin.select('[data-testid="booking-interpreter-need"]', 'signLanguage:fse');
    await admin.waitForSelector('[data-testid^="booking-slot-"]:not([disabled])', { timeout: 5000 });
    await admin.click('[data-testid^="booking-slot-"]:not([disabled])');
    await click(admin, 'booking-submit');
    await waitForTestId(admin, 'booking-code');
    const [booking] = await server.storage.bookings.listBookings({ servicePointId: LIBRARY });
    assert.deepEqual(booking?.interpreterNeed, { modality: 'signLanguage', language: 'fse' });
    assert.ok(booking?.interpreterId, 'an interpreter was assigned');
    const selector = `booking-interpreter-${booking.bookingId}`;
    await waitForTestId(admin, selector);
    assert.equal(await selectedValue(admin, selector), booking.interpreterId);
    const other = booking.interpreterId === 'u-interpreter' ? 'u-interpreter-2' : 'u-interpreter';
    const options = await admin.$$eval(`[data-testid="${selector}"] option`, (list) => list.map((option) => (option as HTMLOptionElement).value));
    assert.deepEqual(options.sort(), ['', 'u-interpreter', 'u-interpreter-2'], 'only contracted FinSL interpreters (not interpreter3)');
    await admin.select(`[data-testid="${selector}"]`, other);
    await poll('the new interpreter to be stored', () => server.storage.bookings.getBooking(booking.bookingId), (stored) => stored?.interpreterId === other, 5000);
    assert.deepEqual(await wcagViolations(admin), [], 'the bookings screen with interpreters meets WCAG 2.1 AA');
  });
});
