import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { launchChromium, poll } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';

/**
 * Data channels through the SFU between two real Chromium pages in a served call: typed
 * messages both ways, and a multi-megabyte file from the booth to the expert in chunks with
 * flow control, arriving byte-identical (SHA-256) with the sender's participant role.
 */
describe('data channels through mediasoup', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;

  before(async () => {
    server = await startTestServer();
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
  });

  test('messages both ways and a 6 MB file booth → expert, intact', async () => {
    const { booth, expert } = await startServedCall(server, boothBrowser, expertBrowser);
    // Both pages record what arrives on other participants' channels.
    for (const page of [booth, expert]) {
      await page.evaluate(() => {
        const engine = [...(globalThis as any).__etapisteCalls][0];
        const got: unknown[] = ((globalThis as any).__dataReceived = []);
        engine.on('data', async (event: any) => {
          if (event.kind === 'message') got.push({ label: event.label, role: event.participantRole, value: event.value });
          else {
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', event.file.bytes));
            const hex = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
            got.push({ label: event.label, role: event.participantRole, name: event.file.name, size: event.file.bytes.byteLength, hex, claimed: event.file.sha256 });
          }
        });
      });
    }
    const received = (page: typeof booth) => page.evaluate(() => (globalThis as any).__dataReceived as any[]);

    await expert.evaluate(async () => {
      const engine = [...(globalThis as any).__etapisteCalls][0];
      const channel = await engine.openDataChannel('test.expert', { protocol: 'test/1', receiverRoles: ['customer'] });
      (globalThis as any).__channel = channel;
    });
    const sent = await booth.evaluate(async () => {
      const engine = [...(globalThis as any).__etapisteCalls][0];
      const channel = await engine.openDataChannel('test.booth', { protocol: 'test/1', receiverRoles: ['expert'] });
      const bytes = new Uint8Array(6 * 1024 * 1024);
      for (let offset = 0; offset < bytes.length; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      // The receiver needs a moment to set up its data consumer after the channel opens.
      await new Promise((resolve) => setTimeout(resolve, 500));
      channel.send({ step: 1 });
      const started = performance.now();
      await channel.sendFile({ name: 'big.bin', mime: 'application/octet-stream', bytes, meta: { note: 'test' } });
      channel.send({ step: 2 });
      return { hex: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join(''), handOverMs: performance.now() - started };
    });
    await expert.evaluate(() => (globalThis as any).__channel.send({ reply: 'ok' }));

    const atExpert = await poll('the expert to receive the file and both messages', () => received(expert), (got) => got.length >= 3, 30_000);
    assert.deepEqual(atExpert[0], { label: 'test.booth', role: 'customer', value: { step: 1 } });
    assert.deepEqual(atExpert[1], { label: 'test.booth', role: 'customer', name: 'big.bin', size: 6 * 1024 * 1024, hex: sent.hex, claimed: sent.hex });
    assert.deepEqual(atExpert[2], { label: 'test.booth', role: 'customer', value: { step: 2 } }, 'order is kept');
    const atBooth = await poll('the booth to receive the reply', () => received(booth), (got) => got.length >= 1);
    assert.deepEqual(atBooth, [{ label: 'test.expert', role: 'expert', value: { reply: 'ok' } }]);
    console.log(`[data-channels] 6 MB handed over in ${Math.round(sent.handOverMs)} ms`);
  });
});
