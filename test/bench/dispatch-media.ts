import type { Browser } from 'puppeteer-core';
import { connectClient, loginStaff, startTestServer } from '../../signaling/src/testing/test-server.ts';
import { click, launchChromium, waitForTestId } from '../support/browser.ts';
import { openInterpreterDesk } from '../support/interpreting.ts';
import { expertCameraFile, interpreterCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';
import { firstFrameAt, loopbackBaseline, watchFirstFrame } from './first-frame.ts';

/**
 * Accept → first interpreter frame at the booth, in real Chromium: a booth and a Kela expert in
 * a served call, the expert asks for FinSL (over the protocol, as the console does), the
 * interpreter's console rings and the interpreter presses Accept; the clock runs from that press
 * to the first decoded frame of the interpreter's camera at the booth.
 */
export async function measureAcceptToFirstFrame(runs: number): Promise<{ acceptToFrame: number[]; baseline: number[] }> {
  if (runs === 0) return { acceptToFrame: [], baseline: [] };
  const server = await startTestServer({ interpreting: { ringBatchSize: 3, ringMs: 20_000, bookedWaitMs: 120_000 } });
  const browsers: Browser[] = [];
  try {
    const [boothBrowser, expertBrowser, interpreterBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
      launchChromium({ videoFile: interpreterCameraFile() }),
    ]);
    browsers.push(boothBrowser, expertBrowser, interpreterBrowser);
    const interpreter = await openInterpreterDesk(interpreterBrowser, server.url, 'interpreter.demo');
    const expertProtocol = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);

    const baseline: number[] = [];
    for (let run = 0; run < 5; run++) baseline.push(await loopbackBaseline(interpreter));
    const acceptToFrame: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { booth, expert } = await startServedCall(server, boothBrowser, expertBrowser);
      await watchFirstFrame(booth, 'faceCamera', 'interpreter');
      const sessionId = await booth.evaluate(() => [...(globalThis as any).__etapisteCalls][0].sessionId as string);
      await expertProtocol.request('interpreting.request', { sessionId, skill: { modality: 'signLanguage', language: 'fse' } });
      await interpreter.bringToFront();
      const accept = await interpreter.waitForSelector('[data-testid="accept-offer"]', { visible: true, timeout: 10_000 });
      const acceptedAt = await accept!.evaluate((button) => {
        const now = Date.now();
        (button as HTMLButtonElement).click();
        return now;
      });
      await booth.bringToFront();
      const frameAt = await firstFrameAt(booth);
      acceptToFrame.push(frameAt - acceptedAt);
      process.stdout.write(`call ${run + 1}/${runs}: accept → interpreter frame at the booth ${frameAt - acceptedAt} ms\n`);
      await click(expert, 'end-session');
      await waitForTestId(booth, 'call-ended');
      await interpreter.bringToFront();
      await waitForTestId(interpreter, 'availability', 20_000);
      await Promise.all([booth.close(), expert.close()]);
    }
    expertProtocol.close();
    return { acceptToFrame, baseline };
  } finally {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
    await server.close();
  }
}
