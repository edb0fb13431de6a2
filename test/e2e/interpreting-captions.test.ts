import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { attributeOfTestId, click, launchChromium, poll, textOfTestId, waitForTestId, waitForTwoWayMedia, wcagViolations } from '../support/browser.ts';
import { openInterpreterDesk, ringingOffers } from '../support/interpreting.ts';
import { expertCameraFile, interpreterCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';

/**
 * Speech-to-text interpreting: the expert asks for a Finnish speech-to-text interpreter, who
 * accepts and types; the text reaches the booth live over the captions data channel (drafts
 * while typing, lines on Enter), large and readable, and the expert sees it too.
 */
describe('interpreting: live captions of a speech-to-text interpreter', () => {
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

  test('typed text appears at the booth and the expert as drafts and lines', async () => {
    const interpreter = await openInterpreterDesk(interpreterBrowser, server.url, 'interpreter.demo');
    const { booth, expert } = await startServedCall(server, boothBrowser, expertBrowser);
    await waitForTwoWayMedia(booth, expert);

    await click(expert, 'interpreter-open');
    await waitForTestId(expert, 'interpreter-skill');
    await expert.select('[data-testid="interpreter-skill"]', 'speechToText:fi');
    await click(expert, 'interpreter-request');
    await interpreter.bringToFront();
    await poll('the interpreter to ring', () => ringingOffers(interpreter), (offers) => offers.length === 1, 10_000);
    await click(interpreter, 'accept-offer');
    await waitForTestId(interpreter, 'interpreter-in-call');
    await poll('the expert to see the interpreter join', () => attributeOfTestId(expert, 'interpreter-request-status', 'data-state'), (state) => state === 'joined', 20_000);

    // The composer opens its channel once the call runs; type a draft, then finish the line.
    await interpreter.waitForSelector('[data-testid="caption-composer"]:not([disabled])', { timeout: 20_000 });
    await interpreter.type('[data-testid="caption-composer"]', 'Hyvää päivää, kuinka voin');
    await booth.bringToFront();
    const draft = await poll('the draft at the booth', () => textOfTestId(booth, 'live-captions-draft', 2000).catch(() => ''), (text) => text.includes('kuinka voin'), 15_000);
    assert.equal(draft, 'Hyvää päivää, kuinka voin');

    await interpreter.bringToFront();
    await interpreter.type('[data-testid="caption-composer"]', ' auttaa?');
    await interpreter.keyboard.press('Enter');
    await booth.bringToFront();
    const captions = await poll('the line at the booth', () => textOfTestId(booth, 'live-captions', 2000).catch(() => ''), (text) => text.includes('auttaa?'), 15_000);
    assert.ok(captions.includes('Hyvää päivää, kuinka voin auttaa?'), captions);
    assert.equal(await booth.$('[data-testid="live-captions-draft"]'), null, 'the draft becomes the line');
    const fontSize = await booth.$eval('[data-testid="live-captions"]', (element) => Number.parseFloat(getComputedStyle(element).fontSize));
    assert.ok(fontSize >= 24, `large text at the booth (${fontSize}px)`);
    assert.deepEqual(await wcagViolations(booth), [], 'the booth with captions meets WCAG 2.1 AA');

    const atExpert = await poll('the line at the expert', () => textOfTestId(expert, 'live-captions', 2000).catch(() => ''), (text) => text.includes('auttaa?'), 15_000);
    assert.ok(atExpert.includes('Hyvää päivää'));
  });
});
