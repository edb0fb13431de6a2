import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { startBoothDevices, type BoothDevices } from '../support/booth-devices.ts';
import { attributeOfTestId, click, fillInput, launchChromium, loginStaffInPage, openPage, poll, textOfTestId, waitForTestId } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';
import { deviceRequestOutcome } from '../support/device-requests.ts';
import { logDataChannelMilestones } from '../support/faults.ts';
import { testPdf } from '../support/test-pdf.ts';

/**
 * Device faults: the printer goes offline (CUPS stops the queue) and the payment terminal gets
 * no card before its timeout. The expert and the customer each get a clear message within
 * seconds, nothing hangs, the next action works, and host staff see the printer offline.
 */
describe('booth device faults', () => {
  let server: EtapisteServer;
  let devices: BoothDevices;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;
  const files = mkdtempSync(join(tmpdir(), 'etapiste-device-faults-'));
  const pdf = join(files, 'letter.pdf');

  before(async () => {
    server = await startTestServer();
    // A stuck job would only fail after 120 s: a quick failure proves the offline printer was noticed at once.
    devices = await startBoothDevices(server, { paymentTimeoutMs: 8000, printJobTimeoutMs: 120_000 });
    writeFileSync(pdf, await testPdf(2, 'Letter'));
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
    ({ booth, expert } = await startServedCall(server, boothBrowser, expertBrowser, { boothUrl: devices.kioskUrl }));
    await poll('the devices channel to open', () => attributeOfTestId(expert, 'print-send', 'disabled'), (disabled) => disabled === null);
  });
  after(async () => {
    // The data-channel milestones of both ends (diagnostics when a device test fails).
    if (booth && expert) await logDataChannelMilestones({ booth, expert });
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await devices?.close();
    await server?.close();
    rmSync(files, { recursive: true, force: true });
  });

  test('printer offline: both sides are told at once, host staff see it, and printing works again after', async () => {
    await devices.cups.setOnline(false);
    const input = await expert.waitForSelector('[data-testid="print-file"]');
    await (input as any).uploadFile(pdf);
    const started = Date.now();
    assert.equal(await deviceRequestOutcome(expert, () => click(expert, 'print-send'), 60_000), 'failure');
    assert.ok(Date.now() - started < 60_000, `no hanging job (failed after ${Date.now() - started} ms)`);
    assert.match(await textOfTestId(expert, 'device-request-text'), /Epäonnistui: Tulostimeen ei ole yhteyttä/);
    await poll('the booth to show the failure', () => textOfTestId(booth, 'device-status'), (text) => /Tulostimeen ei ole yhteyttä/.test(text));
    assert.equal(await attributeOfTestId(booth, 'device-print', 'data-step'), 'failed');
    await click(booth, 'device-close');

    // Host staff of the point see the printer offline from the kiosk's heartbeat.
    const hostPage = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(hostPage, 'host.kallio', DEMO_PASSWORD);
    await waitForTestId(hostPage, 'booth-device-status');
    await poll(
      'host staff to see the printer offline',
      () => attributeOfTestId(hostPage, 'device-booth-kallio-1-printer', 'data-state', 20_000),
      (state) => state === 'offline',
      45_000,
      500,
    );
    await devices.cups.setOnline(true);
    await poll('host staff to see the printer ready again', () => attributeOfTestId(hostPage, 'device-booth-kallio-1-printer', 'data-state'), (state) => state === 'ready', 45_000, 500);
    await hostPage.close();

    const outcome = await deviceRequestOutcome(expert, () => click(expert, 'print-send'), 60_000);
    assert.equal(outcome, 'success', `the second print: ${await textOfTestId(expert, 'device-request-text')}`);
    await click(booth, 'device-close');
  });

  test('terminal timeout: no card in time gives both sides a clear message and frees the terminal', async () => {
    await fillInput(expert, 'payment-amount-input', '12');
    await fillInput(expert, 'payment-reference-input', 'VERO-7');
    const outcome = await deviceRequestOutcome(
      expert,
      async () => {
        await click(expert, 'payment-request');
        await waitForTestId(booth, 'device-payment');
      },
      40_000,
    );
    assert.equal(outcome, 'timeout');
    assert.match(await textOfTestId(expert, 'device-request-text'), /Maksupääte ei saanut korttia ajoissa/);
    await poll('the booth to show the timeout', () => textOfTestId(booth, 'device-status'), (text) => /ei saanut korttia ajoissa/.test(text), 20_000);
    await click(booth, 'device-close');

    // The terminal is free again: the next payment can be approved.
    const next = await deviceRequestOutcome(expert, async () => {
      await click(expert, 'payment-request');
      await click(booth, 'simulate-approve');
    });
    assert.equal(next, 'success');
    await click(booth, 'device-close');
    const events = await server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31', kinds: ['deviceUsed'] });
    assert.deepEqual(
      events.map((event) => `${event.data.action}:${event.data.outcome}:${event.data.error}`).sort(),
      ['payment:success:null', 'payment:timeout:terminalTimeout', 'print:failure:printerOffline', 'print:success:null'],
    );
  });
});
