import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BridgeHealth, PaymentState, PreviewResult, PrintResult } from '@etapiste/shared';
import { testPdf } from '../../../test/support/test-pdf.ts';
import { startBridge, type RunningBridge } from './bridge-server.ts';
import { paymentReceiptText } from './payment/payment-receipt.ts';
import { SimulatedPaymentTerminal } from './payment/simulated-payment-terminal.ts';
import { CupsPrinter } from './printer/cups-printer.ts';
import { runCommand } from './run-command.ts';
import { SaneScanner } from './scanner/sane-scanner.ts';
import { startCupsSandbox, type CupsSandbox } from './testing/cups-sandbox.ts';
import { saneTestConfig } from './testing/sane-test-config.ts';

const TOKEN = 'bridge-test-token-0123456789';
const KIOSK = 'http://localhost:8080';

/** The device bridge against a real cupsd (file-backed PDF queue), SANE's test backend and the payment simulator. */
describe('device bridge', () => {
  let cups: CupsSandbox;
  let sane: Awaited<ReturnType<typeof saneTestConfig>>;
  let terminal: SimulatedPaymentTerminal;
  let bridge: RunningBridge;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${bridge.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, origin: KIOSK, ...(init.headers ?? {}) } });

  before(async () => {
    [cups, sane] = await Promise.all([startCupsSandbox(), saneTestConfig()]);
    terminal = new SimulatedPaymentTerminal({ timeoutMs: 400 });
    const registry = {
      printer: new CupsPrinter({ queue: cups.queue, server: cups.server, jobTimeoutMs: 15_000 }),
      scanner: new SaneScanner({ device: sane.device, configDir: sane.configDir }),
      paymentTerminal: terminal,
      idCardReader: null,
    };
    bridge = await startBridge({ registry, token: TOKEN, kioskOrigin: KIOSK, port: 0 });
  });
  after(async () => {
    terminal?.close();
    await bridge?.close();
    await cups?.close();
    await sane?.remove();
  });

  test('only the kiosk origin with the booth token gets in; 127.0.0.1 only', async () => {
    assert.equal((await fetch(`${bridge.url}/health`)).status, 401);
    assert.equal((await fetch(`${bridge.url}/health`, { headers: { authorization: 'Bearer wrong-token-0123456789xx' } })).status, 401);
    const foreign = await fetch(`${bridge.url}/health`, { headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    const preflight = await fetch(`${bridge.url}/print`, { method: 'OPTIONS', headers: { origin: KIOSK, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), KIOSK);
    assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:/);
  });

  test('health reports every device kind', async () => {
    const health = BridgeHealth.parse(await (await call('/health')).json());
    assert.deepEqual(
      health.devices.map((device) => `${device.kind}:${device.state}`),
      ['printer:ready', 'scanner:ready', 'paymentTerminal:ready', 'idCardReader:absent'],
    );
  });

  test('a PDF is previewed, printed through CUPS and comes out with the same page count', async () => {
    const pdf = await testPdf(3);
    const preview = PreviewResult.parse(await (await call('/print/preview', { method: 'POST', body: pdf })).json());
    assert.equal(preview.pages, 3);
    assert.equal(preview.images.length, 3);
    assert.ok(preview.images.every((image) => image.startsWith('data:image/png;base64,')));
    const printed = await call('/print?name=Decision', { method: 'POST', body: pdf });
    assert.equal(printed.status, 200);
    const result = PrintResult.parse(await printed.json());
    assert.equal(result.pages, 3);
    const info = await runCommand('pdfinfo', [cups.outputFile]);
    assert.match(info.stdout.toString(), /^Pages:\s+3$/m, 'the printer output has 3 pages');
    assert.match(await cups.pageLog(), /total 3/);
    const bad = await call('/print', { method: 'POST', body: Buffer.from('not a pdf') });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, 'invalidDocument');
  });

  test('printer offline: health says so and a print fails at once with printerOffline', async () => {
    await cups.setOnline(false);
    try {
      const health = BridgeHealth.parse(await (await call('/health')).json());
      assert.equal(health.devices.find((device) => device.kind === 'printer')?.state, 'offline');
      const started = Date.now();
      const response = await call('/print', { method: 'POST', body: await testPdf(1) });
      assert.equal(response.status, 503);
      assert.equal(((await response.json()) as { error: string }).error, 'printerOffline');
      assert.ok(Date.now() - started < 5000);
    } finally {
      await cups.setOnline(true);
    }
  });

  test('a scan is an A4 PNG from SANE', async () => {
    const response = await call('/scan', { method: 'POST' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    const png = Buffer.from(await response.arrayBuffer());
    assert.equal(png.readUInt32BE(16), 1240, 'A4 width at 150 dpi');
    assert.ok(Math.abs(png.readUInt32BE(20) - 1754) <= 1, 'A4 height at 150 dpi');
  });

  test('payment: approve, decline, cancel and the terminal timeout', async () => {
    const start = async () => PaymentState.parse(await (await call('/payment', { method: 'POST', body: JSON.stringify({ amountCents: 2550, currency: 'EUR', reference: 'KELA-123' }) })).json());
    const card = async (outcome: string) => PaymentState.parse(await (await call('/simulator/payment-terminal/card', { method: 'POST', body: JSON.stringify({ outcome }) })).json());

    const first = await start();
    assert.equal(first.status, 'waitingForCard');
    const busy = await call('/payment', { method: 'POST', body: JSON.stringify({ amountCents: 1, currency: 'EUR', reference: 'X' }) });
    assert.equal(busy.status, 409);
    const approved = await card('approve');
    assert.equal(approved.status, 'approved');
    assert.match(approved.approvalCode ?? '', /^\d{6}$/);
    const receipt = await call(`/payment/${first.paymentId}/receipt`, { method: 'POST' });
    assert.equal(receipt.status, 200, 'the approved payment has a printable receipt');
    assert.match((await runCommand('pdfinfo', [cups.outputFile])).stdout.toString(), /^Pages:\s+1$/m, 'CUPS printed the receipt on one page');
    const receiptText = paymentReceiptText(approved);
    for (const part of ['KELA-123', '25,50 EUR', approved.approvalCode!, '0119']) assert.ok(receiptText.includes(part), part);

    const second = await start();
    assert.equal((await card('decline')).status, 'declined');
    const noReceipt = await call(`/payment/${second.paymentId}/receipt`, { method: 'POST' });
    assert.equal(noReceipt.status, 404, 'a declined payment has no receipt');

    const third = await start();
    assert.equal(PaymentState.parse(await (await call(`/payment/${third.paymentId}/cancel`, { method: 'POST' })).json()).status, 'cancelled');

    const fourth = await start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(PaymentState.parse(await (await call(`/payment/${fourth.paymentId}`)).json()).status, 'timeout');
    const invalid = await call('/payment', { method: 'POST', body: JSON.stringify({ amountCents: -5, currency: 'EUR', reference: 'X' }) });
    assert.equal(invalid.status, 400);
  });
});
