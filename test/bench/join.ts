/**
 * bench:join — how fast a call connects. Runs N booth ↔ expert calls in headless Chromium and
 * measures, from the customer answering the call of their number ("Start"), the time until the
 * first decoded video frame at the expert (the customer's face) and at the booth (the expert's
 * face). Baseline, same run: a
 * plain RTCPeerConnection loopback inside one page (offer → first decoded frame), i.e. what
 * WebRTC alone costs on this machine. Writes docs/benchmarks.md and ends with one JSON line.
 */
import type { Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, click, launchChromium, loginStaffInPage, openPage, waitForTestId } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { percentile, writeBenchmarkSection } from './report.ts';
import { firstFrameAt, loopbackBaseline, watchFirstFrame } from './first-frame.ts';

const CALLS = Number(process.env.BENCH_JOIN_CALLS ?? 20);
const COLD_CALLS = Number(process.env.BENCH_JOIN_COLD_CALLS ?? 5);
const BASELINE_RUNS = 10;

const server = await startTestServer();
const [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
try {
  const booth = await openPage(boothBrowser, boothUrl(server));
  const expert = await openPage(expertBrowser, `${server.url}/agent/`);
  await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
  await waitForTestId(expert, 'take-next');

  const baseline: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) baseline.push(await loopbackBaseline(expert));

  const atExpert: number[] = [];
  const atBooth: number[] = [];
  const coldAtExpert: number[] = [];
  const coldAtBooth: number[] = [];
  for (let call = 0; call < CALLS + COLD_CALLS; call++) {
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    const warm = call < CALLS;
    if (warm) {
      // A waiting customer's booth has published its media, paused (the warm start).
      await booth.waitForFunction(
        () => [...((globalThis as any).__etapisteCalls ?? [])][0]?.timeline.some((mark: { step: string }) => mark.step === 'produced:documentCamera'),
        { timeout: 20_000, polling: 20 },
      );
    }
    await click(expert, 'take-next');
    const answer = await booth.waitForSelector('[data-testid="answer-call"]', { visible: true, timeout: 10_000 });
    await Promise.all([watchFirstFrame(expert, 'faceCamera'), watchFirstFrame(booth, 'faceCamera')]);
    const acceptedAt = await answer!.evaluate((button) => {
      const now = Date.now();
      (button as HTMLButtonElement).click();
      return now;
    });
    const [expertFrame, boothFrame] = await Promise.all([firstFrameAt(expert), firstFrameAt(booth)]);
    if (process.env.BENCH_JOIN_TRACE) {
      for (const [name, page] of [['expert', expert], ['booth', booth]] as const) {
        const timeline = await page.evaluate(() => [...((globalThis as any).__etapisteCalls ?? [])][0]?.timeline ?? []);
        console.log(name, timeline.map((mark: { step: string; at: number }) => `${mark.step}+${mark.at - acceptedAt}`).join(' '));
      }
    }
    (warm ? atExpert : coldAtExpert).push(expertFrame - acceptedAt);
    (warm ? atBooth : coldAtBooth).push(boothFrame - acceptedAt);
    await click(expert, 'end-session');
    await waitForTestId(booth, 'call-ended');
    await click(booth, 'start-again');
    await waitForTestId(booth, 'language-fi');
    process.stdout.write(
      `${warm ? 'warm' : 'cold'} call ${call + 1}/${CALLS + COLD_CALLS}: expert ${expertFrame - acceptedAt} ms, booth ${boothFrame - acceptedAt} ms\n`,
    );
  }

  const round = (value: number) => Math.round(value);
  const figures = {
    bench: 'join',
    calls: CALLS,
    expert_p50_ms: round(percentile(atExpert, 50)),
    expert_p95_ms: round(percentile(atExpert, 95)),
    booth_p50_ms: round(percentile(atBooth, 50)),
    booth_p95_ms: round(percentile(atBooth, 95)),
    baseline_loopback_p50_ms: round(percentile(baseline, 50)),
    expert_p50_vs_baseline: Number((percentile(atExpert, 50) / percentile(baseline, 50)).toFixed(2)),
    cold_expert_p50_ms: round(percentile(coldAtExpert, 50)),
    cold_booth_p50_ms: round(percentile(coldAtBooth, 50)),
    target_p50_ms: 400,
  };
  writeBenchmarkSection(
    'join',
    `## bench:join — the customer answers → first decoded frame

Booth (face camera 1280×720 + document camera 1920×1080 + microphone) ↔ expert (camera +
microphone), both headless Chromium on this one 2-core machine together with the server, so
both ends' encoders and decoders share the two cores. Clock: from the customer pressing
"Start" when their number is called to the first decoded frame of the other side's face camera
(\`requestVideoFrameCallback\`).

- **warm** (${CALLS} calls, the normal case): the customer has been waiting long enough for the
  booth to connect and publish its media paused (it does so right after taking the call
  request, in well under a second); the expert's camera is open because a customer is waiting.
- **cold** (${COLD_CALLS} calls): the expert takes the number the instant it appears and the
  customer answers at once, while the booth may still be setting up.
- **baseline**: a bare RTCPeerConnection loopback in one page (offer → first decoded frame,
  no signalling, no SFU), ${BASELINE_RUNS} runs.

| measure | p50 | p95 |
|---|---|---|
| warm: Start → first frame at the expert | ${figures.expert_p50_ms} ms | ${figures.expert_p95_ms} ms |
| warm: Start → first frame at the booth | ${figures.booth_p50_ms} ms | ${figures.booth_p95_ms} ms |
| cold: Start → first frame at the expert | ${figures.cold_expert_p50_ms} ms | ${round(percentile(coldAtExpert, 95))} ms |
| cold: Start → first frame at the booth | ${figures.cold_booth_p50_ms} ms | ${round(percentile(coldAtBooth, 95))} ms |
| baseline: WebRTC loopback, no server | ${figures.baseline_loopback_p50_ms} ms | ${round(percentile(baseline, 95))} ms |

Warm expert p50 is ${figures.expert_p50_vs_baseline}× the loopback baseline. Target (warm): p50 ≤ 400 ms —
${figures.expert_p50_ms <= 400 && figures.booth_p50_ms <= 400 ? 'met' : 'NOT met'}. Measured ${new Date().toISOString().slice(0, 10)}.`,
  );
  console.log(JSON.stringify(figures));
} finally {
  await Promise.allSettled([boothBrowser.close(), expertBrowser.close()]);
  await server.close();
}
