import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { EtapisteServer } from '@etapiste/signaling';
import { runCommand } from '../../booth-client/bridge/src/run-command.ts';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { startBoothDevices, type BoothDevices } from '../support/booth-devices.ts';
import { attributeOfTestId, click, fillInput, launchChromium, poll, textOfTestId, waitForTestId, wcagViolations } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';
import { testPdf } from '../support/test-pdf.ts';
import { deviceRequestOutcome } from '../support/device-requests.ts';
import { logDataChannelMilestones } from '../support/faults.ts';

/**
 * The booth's devices end to end in a served call, two real Chromium pages: the expert prints
 * a PDF (real CUPS, the printed file has the same page count), asks for a scan (SANE test
 * backend) and a full-resolution document-camera still, takes a payment (approve and decline on
 * the simulator) and gets an acknowledgement receipt whose hash matches the document sent.
 */
describe('booth devices in a served call', () => {
  let server: EtapisteServer;
  let devices: BoothDevices;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;
  const files = mkdtempSync(join(tmpdir(), 'etapiste-device-files-'));
  const printPdf = join(files, 'decision.pdf');
  const ackPdf = join(files, 'consent.pdf');

  before(async () => {
    server = await startTestServer();
    devices = await startBoothDevices(server);
    writeFileSync(printPdf, await testPdf(3, 'Decision'));
    writeFileSync(ackPdf, await testPdf(2, 'Consent'));
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
    ({ booth, expert } = await startServedCall(server, boothBrowser, expertBrowser, { boothUrl: devices.kioskUrl }));
    booth.on('console', (message) => {
      if (message.type() === 'warn' || message.type() === 'error') console.log('[booth]', message.text());
    });
    await poll('the devices channel to open', () => attributeOfTestId(expert, 'print-send', 'disabled'), (disabled) => disabled === null);
    // The data-channel milestones of both ends (diagnostics when a device test fails).
    await logDataChannelMilestones({ booth, expert });
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await devices?.close();
    await server?.close();
    rmSync(files, { recursive: true, force: true });
  });

  const outcomeOf = (action: string) => attributeOfTestId(expert, `device-request-${action}`, 'data-outcome');
  const finished = (action: string) => poll(`the ${action} to finish`, () => outcomeOf(action), (outcome) => !!outcome, 30_000);
  const upload = async (testId: string, path: string) => {
    const input = await expert.waitForSelector(`[data-testid="${testId}"]`);
    await (input as any).uploadFile(path);
  };

  test('print: the booth previews the pages, CUPS prints them, the page count matches', async () => {
    await upload('print-file', printPdf);
    await click(expert, 'print-send');
    await waitForTestId(booth, 'device-print');
    await poll('the preview', () => booth.$$eval('.device-dialog__pages img', (images) => images.length), (count) => count === 3);
    assert.equal(await finished('print'), 'success');
    assert.match(await textOfTestId(expert, 'device-request-text'), /3/);
    const info = await runCommand('pdfinfo', [devices.cups.outputFile]);
    assert.match(info.stdout.toString(), /^Pages:\s+3$/m, 'CUPS wrote a 3-page PDF');
    assert.match(await devices.cups.pageLog(), /total 3/);
    await poll('the booth to say printed', () => attributeOfTestId(booth, 'device-print', 'data-step'), (step) => step === 'done');
    assert.deepEqual(await wcagViolations(booth), [], 'print dialog meets WCAG 2.1 AA');
    await click(booth, 'device-close');
  });

  test('scan: the customer places the paper, checks the scan, and only then the expert gets it', async () => {
    await click(expert, 'scan-request');
    await waitForTestId(booth, 'device-scan');
    assert.equal(await outcomeOf('scan'), '');
    assert.deepEqual(await wcagViolations(booth), [], 'scan dialog meets WCAG 2.1 AA');
    await click(booth, 'scan-now');
    await waitForTestId(booth, 'scan-preview');
    assert.equal(await outcomeOf('scan'), '', 'nothing reaches the expert before the customer sends');
    await click(booth, 'scan-send');
    assert.equal(await finished('scan'), 'success');
    const size = await textOfTestId(expert, 'received-image-size');
    assert.match(size, /1240 × 175[34]/, 'an A4 page at 150 dpi from SANE');
    await click(booth, 'device-close');
  });

  test('still: a document-camera still at full resolution arrives as an image file', async () => {
    await click(expert, 'take-still');
    assert.equal(await finished('stillCapture'), 'success', await textOfTestId(expert, 'device-request-stillCapture'));
    const [, width, height] = /(\d+) × (\d+)/.exec(await textOfTestId(expert, 'device-request-stillCapture'))!.map(Number);
    assert.ok(width! >= 1920 && height! >= 1080, `still ${width}×${height} is at least 1920×1080`);
    const live = await poll('the live document stream again at its cap', () => booth.evaluate(() => {
      const engine = [...(globalThis as any).__etapisteCalls][0];
      return engine.getStats().then((stats: any) => stats.outbound.find((stat: any) => stat.source === 'documentCamera')?.frameWidth ?? 0);
    }), (frameWidth: number) => frameWidth > 0 && frameWidth <= 1920);
    assert.ok(live <= 1920);
    const href = await expert.$eval('[data-testid="device-request-stillCapture"] [data-testid="received-image-download"]', (link) => link.getAttribute('href'));
    assert.match(href ?? '', /^blob:/);
    await click(booth, 'device-close');
  });

  test('payment: approved and declined on the terminal simulator', async () => {
    await fillInput(expert, 'payment-amount-input', '25,50');
    await fillInput(expert, 'payment-reference-input', 'KELA-2026-001');
    await click(expert, 'payment-request');
    await waitForTestId(booth, 'simulate-approve');
    assert.match(await textOfTestId(booth, 'payment-amount'), /25,50/);
    assert.deepEqual(await wcagViolations(booth), [], 'payment dialog meets WCAG 2.1 AA');
    await click(booth, 'simulate-approve');
    assert.equal(await finished('payment'), 'success');
    assert.match(await textOfTestId(expert, 'device-request-text'), /25,50 €.*\d{6}/);
    // The customer asks for a receipt: the booth printer prints it from the terminal's record.
    const jobsBefore = (await devices.cups.pageLog()).trim().split('\n').length;
    await click(booth, 'payment-receipt');
    await poll('the receipt to come out of CUPS', async () => (await devices.cups.pageLog()).trim().split('\n').length, (jobs) => jobs > jobsBefore, 20_000);
    assert.match((await runCommand('pdfinfo', [devices.cups.outputFile])).stdout.toString(), /^Pages:\s+1$/m);
    await click(booth, 'device-close');

    const declined = await deviceRequestOutcome(expert, async () => {
      await click(expert, 'payment-request');
      await waitForTestId(booth, 'simulate-decline');
      await click(booth, 'simulate-decline');
    });
    assert.equal(declined, 'declined');
    await poll('the booth to say declined', () => textOfTestId(booth, 'device-status'), (text) => /hylättiin/.test(text));
    await click(booth, 'device-close');
  });

  test('acknowledgement: the customer signs; the receipt carries the document’s hash, time, session and signature', async () => {
    await upload('ack-file', ackPdf);
    await fillInput(expert, 'ack-title-input', 'Consent to share the decision');
    await click(expert, 'ack-request');
    await waitForTestId(booth, 'signature-pad');
    assert.deepEqual(await wcagViolations(booth), [], 'acknowledgement dialog meets WCAG 2.1 AA');
    const pad = (await booth.$('[data-testid="signature-pad"]'))!;
    const box = (await pad.boundingBox())!;
    await booth.mouse.move(box.x + 20, box.y + box.height / 2);
    await booth.mouse.down();
    for (let step = 1; step <= 10; step++) await booth.mouse.move(box.x + 20 + step * 30, box.y + box.height / 2 + (step % 2 ? 20 : -20));
    await booth.mouse.up();
    await click(booth, 'ack-confirm');
    assert.equal(await finished('acknowledgement'), 'success');
    const expected = createHash('sha256').update(await import('node:fs').then((fs) => fs.readFileSync(ackPdf))).digest('hex');
    assert.equal(await textOfTestId(expert, 'ack-receipt-hash'), expected);
    assert.equal(await attributeOfTestId(expert, 'ack-receipt', 'data-matches'), 'true');
    const sessionId = await textOfTestId(expert, 'ack-receipt-session');
    assert.match(sessionId, /^s_/);
    await waitForTestId(expert, 'received-image-download');

    // Every device action became a statistics event: kind, outcome, duration; never content.
    const events = await server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31', kinds: ['deviceUsed'] });
    const summary = events.map((event) => `${event.data.action}:${event.data.outcome}`).sort();
    assert.deepEqual(summary, ['acknowledgement:success', 'payment:declined', 'payment:success', 'print:success', 'scan:success', 'stillCapture:success']);
    for (const event of events) {
      assert.deepEqual(Object.keys(event.data).sort(), ['action', 'durationMs', 'error', 'outcome']);
      assert.equal(event.sessionId, sessionId);
    }
  });
});
