import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import {
  attributeOfTestId,
  boothUrl,
  callStats,
  click,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  textOfTestId,
  waitForTestId,
  waitForTwoWayMedia,
  wcagViolations,
} from '../support/browser.ts';
import { openInterpreterDesk, ringingOffers, ringSounds, waitForMediaFrom } from '../support/interpreting.ts';
import { expertCameraFile, interpreterCameraFile } from '../support/media-files.ts';

/**
 * On-demand interpreting, issue 4's first "done when": a booth and a Kela expert in a call; the
 * expert asks for Finnish Sign Language; Kela's two matching interpreters (prov-viittoen) ring,
 * while interpreter3 (prov-kielisilta, no contract with Kela, also FinSL, logged in and
 * available) never rings; one accepts and the other's ring stops at once; then media flows
 * three ways, proved with getStats() on all three pages.
 *
 * Browsers: the booth (three synthetic fake devices), the expert (a .y4m camera) and one
 * Chromium for the three interpreter consoles (their own .y4m camera, shared by the tabs).
 */
describe('interpreting on demand: the expert requests FinSL during a call', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let interpreterBrowser: Browser;

  before(async () => {
    server = await startTestServer();
    [boothBrowser, expertBrowser, interpreterBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
      launchChromium({ videoFile: interpreterCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close(), interpreterBrowser?.close()]);
    await server?.close();
  });

  test('two contracted interpreters ring, the uncontracted one never does; one accepts, the other stops at once; three-way media', async () => {
    const first = await openInterpreterDesk(interpreterBrowser, server.url, 'interpreter.demo');
    const second = await openInterpreterDesk(interpreterBrowser, server.url, 'interpreter2.demo');
    const uncontracted = await openInterpreterDesk(interpreterBrowser, server.url, 'interpreter3.demo');

    const booth = await openPage(boothBrowser, boothUrl(server));
    const expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    await click(expert, 'take-next');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await waitForTwoWayMedia(booth, expert);

    // The expert asks for FinSL: the skills offered are those of Kela's contracted providers.
    await click(expert, 'interpreter-open');
    await waitForTestId(expert, 'interpreter-skill');
    const offered = await expert.$$eval('[data-testid="interpreter-skill"] option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    assert.ok(offered.includes('signLanguage:fse'), `FinSL offered: ${offered.join(', ')}`);
    await expert.select('[data-testid="interpreter-skill"]', 'signLanguage:fse');
    await click(expert, 'interpreter-request');
    await poll('the expert to see the ringing', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'ringing', 10_000);
    const progress = await textOfTestId(expert, 'interpreter-request-status');
    assert.match(progress, /2/, `the progress says how many were rung: ${progress}`);

    // Both contracted interpreters ring, with the need, the agency and the place, and a ring tone.
    const [firstOffers, secondOffers] = await Promise.all(
      [first, second].map((page) => poll('the interpreter to ring', () => ringingOffers(page), (offers) => offers.length === 1, 10_000)),
    );
    assert.equal(firstOffers?.[0], secondOffers?.[0], 'the same request rings at both');
    for (const page of [first, second]) {
      assert.match(await textOfTestId(page, 'offer-skill'), /Finnish Sign Language|suomalainen viittomakieli/i);
      assert.match(await textOfTestId(page, 'offer-place'), /Kela/);
      assert.equal(await ringSounds(page), true, 'the ring tone sounds');
    }
    // The interpreter of a provider Kela has no contract with: available, FinSL, never rung.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(await ringingOffers(uncontracted), []);
    assert.equal(await ringSounds(uncontracted), false);

    // The first accepts; the second's ring stops at once.
    await first.bringToFront();
    await click(first, 'accept-offer');
    const acceptedAt = Date.now();
    await poll('the second ring to stop', () => ringingOffers(second), (offers) => offers.length === 0, 3000, 50);
    const stoppedAfterMs = Date.now() - acceptedAt;
    assert.equal(await ringSounds(second), false, "the second interpreter's ring tone stops");
    assert.ok(stoppedAfterMs < 3000, `stopped after ${stoppedAfterMs} ms`);
    await waitForTestId(first, 'interpreter-in-call');
    assert.equal(await ringSounds(first), false);
    await poll('the expert to see the interpreter join', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'joined', 20_000);
    await poll('the booth to say the interpreter joined', () => attributeOfTestId(booth, 'interpreter-status', 'data-state'), (state) => state === 'joined', 20_000);

    // Three-way media: each page decodes video and receives audio from each of the other two.
    await first.bringToFront();
    await waitForMediaFrom(first, ['customer', 'expert'], 'the interpreter to receive the customer and the expert');
    await waitForMediaFrom(booth, ['expert', 'interpreter'], 'the booth to receive the expert and the interpreter');
    await waitForMediaFrom(expert, ['customer', 'interpreter'], 'the expert to receive the customer and the interpreter');
    // Which participants' streams arrive (a receiver's stats can list one stream twice while a new consumer settles).
    const sources = (stats: Awaited<ReturnType<typeof callStats>>) => [...new Set(stats.inbound.map((stat) => `${stat.participantRole}:${stat.source}`))].sort();
    // Under the sign-language profile the document camera is served last: it arrives once a
    // receiver's bandwidth estimate has room past the faces, so wait for the whole set. The
    // interpreter sees the document camera only on demand, so its faces and voices are checked.
    const allSources = (page: Page, wanted: string[]) =>
      poll(`${wanted.join(', ')}`, () => callStats(page), (stats) => wanted.every((source) => sources(stats).includes(source)), 30_000, 500);
    const interpreterStats = await allSources(first, ['customer:faceCamera', 'customer:microphone', 'expert:faceCamera', 'expert:microphone']);
    const boothStats = await allSources(booth, ['expert:faceCamera', 'expert:microphone', 'interpreter:faceCamera', 'interpreter:microphone']);
    const expertStats = await allSources(expert, ['customer:documentCamera', 'customer:faceCamera', 'customer:microphone', 'interpreter:faceCamera', 'interpreter:microphone']);
    assert.deepEqual(sources(boothStats), ['expert:faceCamera', 'expert:microphone', 'interpreter:faceCamera', 'interpreter:microphone']);
    assert.deepEqual(sources(expertStats), [
      'customer:documentCamera',
      'customer:faceCamera',
      'customer:microphone',
      'interpreter:faceCamera',
      'interpreter:microphone',
    ]);
    for (const source of ['customer:faceCamera', 'customer:microphone', 'expert:faceCamera', 'expert:microphone']) {
      assert.ok(sources(interpreterStats).includes(source), `the interpreter receives ${source}`);
    }
    // Sign language: once the SFU has planned the booth's link, the interpreter arrives at CIF or better.
    const interpreterWidth = async () => (await callStats(booth)).inbound.find((stat) => stat.participantRole === 'interpreter' && stat.kind === 'video')?.frameWidth ?? 0;
    const width = await poll('the interpreter at ≥ CIF at the booth', interpreterWidth, (value) => value >= 352, 20_000, 500);
    assert.ok(width >= 352, `the interpreter at ≥ CIF at the booth: ${width} px`);
    await waitForTestId(booth, 'interpreter-video');
    await waitForTestId(expert, 'interpreter-video');
    await waitForTestId(first, 'customer-video');
    await waitForTestId(first, 'expert-video');
    assert.deepEqual(await wcagViolations(booth), [], 'the three-way call screen meets WCAG 2.1 AA');

    // A reload of the interpreter's console (within the reconnect grace) rejoins the session.
    await first.reload({ waitUntil: 'load' });
    await waitForTestId(first, 'interpreter-in-call', 20_000);
    await waitForMediaFrom(first, ['customer', 'expert'], 'the reloaded interpreter to receive the customer and the expert again');
    await waitForMediaFrom(booth, ['interpreter'], "the booth to receive the reloaded interpreter's media");
    assert.equal(await attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), 'joined', 'the interpreter never left');

    // The document camera is shown to the interpreter on demand: until then the SFU sends
    // none of it (its consumer stays paused), so the interpreter's link carries sign language.
    assert.equal(await first.$('[data-testid="document-video"]'), null, 'hidden by default');
    const documentAtInterpreter = async () =>
      (await callStats(first)).inbound.find((stat) => stat.participantRole === 'customer' && stat.source === 'documentCamera') ?? null;
    assert.equal((await documentAtInterpreter())?.packetsReceived ?? 0, 0, 'no document-camera packets reach the interpreter while hidden');
    await click(first, 'toggle-document');
    await waitForTestId(first, 'document-video');
    await poll('the interpreter to decode the document camera once shown', documentAtInterpreter, (stat) => (stat?.framesDecoded ?? 0) > 0, 20_000, 250);
    await click(first, 'toggle-document');
    const hiddenAgain = (await documentAtInterpreter())?.packetsReceived ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(((await documentAtInterpreter())?.packetsReceived ?? 0) - hiddenAgain < 50, 'hidden again: the document camera stops');

    // Nobody else was rung, and the uncontracted provider's interpreter never.
    const rung = await server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31', kinds: ['interpreterRung'] });
    assert.equal(rung.length, 2);
    assert.ok(rung.every((event) => event.data.providerId === 'prov-viittoen'));

    // The interpreter leaves; the customer and the expert go on and are told.
    await click(first, 'end-session');
    await poll('the expert to see the interpreter leave', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'left', 10_000);
    await poll('the booth to say the interpreter left', () => attributeOfTestId(booth, 'interpreter-status', 'data-state'), (state) => state === 'left', 10_000);
    await poll('the interpreter tile to go at the booth', async () => (await booth.$('[data-testid="interpreter-video"]')) === null, (gone) => gone, 10_000);
    await waitForTestId(first, 'availability');
    await waitForTwoWayMedia(booth, expert);

    await click(expert, 'end-session');
    await waitForTestId(booth, 'call-ended');
    await Promise.all([first, second, uncontracted].map((page) => page.close()));
  });
});
