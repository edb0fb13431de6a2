import type { Browser, Page } from 'puppeteer-core';
import { sfuConfigFromEnv } from '@etapiste/sfu';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, callStats, click, launchChromium, loginStaffInPage, openPage, waitForTestId, waitForTwoWayMedia } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { createNetLab, type NetLab } from './netlab.ts';

/**
 * A booth ↔ expert call across a netlab link, for the fault tests and bench:faults:
 *   - the server (signalling + mediasoup) runs in this process, in the root namespace, with
 *     mediasoup listening on the lab link's root-side address;
 *   - the booth's Chromium runs inside the lab, so everything it sends or receives crosses
 *     the impairable veth link;
 *   - the expert's Chromium runs in the root namespace: an unimpaired path to the same address.
 * The booth's fake cameras run at 30 fps, like a kiosk webcam, so "≥ 20 fps" has room to fail.
 */
export interface LabCall {
  lab: NetLab;
  server: EtapisteServer;
  boothBrowser: Browser;
  expertBrowser: Browser;
  booth: Page;
  expert: Page;
  /** The booth's origin as the booth sees it (through the lab link). */
  boothOrigin: string;
  close(): Promise<void>;
}

export const BOOTH_CAMERA_FPS = 30;

export async function startLabCall(): Promise<LabCall> {
  const lab = await createNetLab();
  const resources: { server?: EtapisteServer; boothBrowser?: Browser; expertBrowser?: Browser } = {};
  const close = async () => {
    await Promise.allSettled([resources.boothBrowser?.close(), resources.expertBrowser?.close()]);
    await resources.server?.close().catch(() => undefined);
    await lab.close();
  };
  try {
    const sfu = { ...sfuConfigFromEnv({ ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0' }), listenIp: lab.serverAddress };
    resources.server = await startTestServer({ host: '0.0.0.0', sfu });
    const port = new URL(resources.server.url).port;
    const boothOrigin = `http://${lab.serverAddress}:${port}`;
    [resources.boothBrowser, resources.expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3, fps: BOOTH_CAMERA_FPS, executablePath: lab.chromiumPath, secureOrigins: [boothOrigin] }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
    const booth = await openPage(resources.boothBrowser, boothUrl({ url: boothOrigin }));
    const expert = await openPage(resources.expertBrowser, `${resources.server.url}/agent/`);
    return { lab, server: resources.server, boothBrowser: resources.boothBrowser, expertBrowser: resources.expertBrowser, booth, expert, boothOrigin, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The customer takes a Kela number, the expert calls it, the customer answers; media flows both ways. */
export async function connectCall({ booth, expert }: LabCall): Promise<void> {
  await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
  await waitForTestId(expert, 'take-next');
  await click(booth, 'language-fi');
  await click(booth, 'agency-kela');
  await click(booth, 'service-kela-housing-allowance');
  await click(booth, 'take-number');
  await waitForTestId(booth, 'waiting-screen');
  await click(expert, 'take-next');
  await click(booth, 'answer-call', 30_000);
  await Promise.all([waitForTestId(booth, 'in-call', 30_000), waitForTestId(expert, 'in-call', 30_000)]);
  await waitForTwoWayMedia(booth, expert, 30_000);
}

/** Frames of the customer's face decoded so far at the expert (getStats). */
export async function customerFaceFrames(expert: Page): Promise<number> {
  const { inbound } = await callStats(expert);
  return inbound.find((stat) => stat.source === 'faceCamera' && stat.participantRole === 'customer')?.framesDecoded ?? 0;
}

/** Decoded frames per second of the customer's face at the expert, one value per second. */
export async function sampleCustomerFaceFps(expert: Page, seconds: number): Promise<number[]> {
  const rates: number[] = [];
  let frames = await customerFaceFrames(expert);
  let at = performance.now();
  for (let second = 0; second < seconds; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - ((performance.now() - at) % 1000)));
    const nextFrames = await customerFaceFrames(expert);
    const nextAt = performance.now();
    rates.push(Math.round(((nextFrames - frames) / ((nextAt - at) / 1000)) * 10) / 10);
    frames = nextFrames;
    at = nextAt;
  }
  return rates;
}

/**
 * Milliseconds from `since` until the expert decodes new frames of the customer's face again
 * (polled every 50 ms), or null after `timeoutMs`.
 */
export async function customerFaceBack(expert: Page, since: number, timeoutMs: number): Promise<number | null> {
  const start = await customerFaceFrames(expert);
  while (performance.now() - since < timeoutMs) {
    if ((await customerFaceFrames(expert)) > start) return Math.round(performance.now() - since);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Frames of the expert's face decoded so far at the booth (getStats). */
export async function expertFaceFrames(booth: Page): Promise<number> {
  const { inbound } = await callStats(booth);
  return inbound.find((stat) => stat.source === 'faceCamera' && stat.participantRole === 'expert')?.framesDecoded ?? 0;
}

/**
 * After an outage: milliseconds from `since` until both directions decode new frames again
 * (the customer's face at the expert, the expert's face at the booth), polled every 50 ms;
 * null for a direction that did not come back within `timeoutMs`.
 */
export async function mediaBack(call: LabCall, since: number, timeoutMs: number): Promise<{ toExpertMs: number | null; toBoothMs: number | null }> {
  const [atExpert, atBooth] = await Promise.all([customerFaceFrames(call.expert), expertFaceFrames(call.booth)]);
  let toExpertMs: number | null = null;
  let toBoothMs: number | null = null;
  while (performance.now() - since < timeoutMs && (toExpertMs === null || toBoothMs === null)) {
    const [expertNow, boothNow] = await Promise.all([
      toExpertMs === null ? customerFaceFrames(call.expert) : Promise.resolve(0),
      toBoothMs === null ? expertFaceFrames(call.booth).catch(() => 0) : Promise.resolve(0),
    ]);
    const elapsed = Math.round(performance.now() - since);
    if (toExpertMs === null && expertNow > atExpert) toExpertMs = elapsed;
    if (toBoothMs === null && boothNow > atBooth) toBoothMs = elapsed;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { toExpertMs, toBoothMs };
}

/** The page's call engine state ('connected', 'disconnected', 'failed', …) and its session id. */
export async function callState(page: Page): Promise<{ state: string | null; sessionId: string | null }> {
  return page.evaluate(() => {
    const engine = [...((globalThis as { __etapisteCalls?: Set<{ state: string; sessionId: string }> }).__etapisteCalls ?? [])][0];
    return { state: engine?.state ?? null, sessionId: engine?.sessionId ?? null };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
