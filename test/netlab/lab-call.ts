import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { sfuConfigFromEnv } from '../../sfu/src/config.ts';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { freePort } from '../../signaling/src/testing/free-port.ts';
import { killServerProcess, startServerProcess as startRealServer } from '../../signaling/src/testing/server-process.ts';
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
  /** The in-process server (absent when the server runs as its own process). */
  server: EtapisteServer | null;
  /** The server process (with `serverProcess: true`). */
  serverProcess: ServerProcess | null;
  boothBrowser: Browser;
  expertBrowser: Browser;
  booth: Page;
  expert: Page;
  /** The booth's origin as the booth sees it (through the lab link). */
  boothOrigin: string;
  close(): Promise<void>;
}

/** `signaling/src/main.ts --demo` in its own process, on a data folder that survives restarts. */
export interface ServerProcess {
  readonly port: number;
  pid(): number;
  /** kill -9, then start again on the same port and data; resolves when it listens again. */
  killAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

export const BOOTH_CAMERA_FPS = 30;

async function startServerProcess(lab: NetLab): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-lab-server-'));
  const port = await freePort();
  const start = () => startRealServer(dataDir, port, { ETAPISTE_HOST: '0.0.0.0', ETAPISTE_RTC_LISTEN_IP: lab.serverAddress });
  let child = await start();
  return {
    port,
    pid: () => child.pid!,
    async killAndRestart() {
      await killServerProcess(child);
      child = await start();
    },
    async stop() {
      await killServerProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startLabCall(options: { serverProcess?: boolean } = {}): Promise<LabCall> {
  const lab = await createNetLab();
  const resources: { server?: EtapisteServer; serverProcess?: ServerProcess; boothBrowser?: Browser; expertBrowser?: Browser } = {};
  const close = async () => {
    await Promise.allSettled([resources.boothBrowser?.close(), resources.expertBrowser?.close()]);
    await resources.server?.close().catch(() => undefined);
    await resources.serverProcess?.stop().catch(() => undefined);
    await lab.close();
  };
  try {
    let port: number;
    if (options.serverProcess) {
      resources.serverProcess = await startServerProcess(lab);
      port = resources.serverProcess.port;
    } else {
      const sfu = { ...sfuConfigFromEnv({ ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0' }), listenIp: lab.serverAddress };
      resources.server = await startTestServer({ host: '0.0.0.0', sfu });
      port = resources.server.port;
    }
    const boothOrigin = `http://${lab.serverAddress}:${port}`;
    [resources.boothBrowser, resources.expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3, fps: BOOTH_CAMERA_FPS, executablePath: lab.chromiumPath, secureOrigins: [boothOrigin] }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
    const booth = await openPage(resources.boothBrowser, boothUrl({ url: boothOrigin }));
    const expert = await openPage(resources.expertBrowser, `http://localhost:${port}/agent/`);
    return {
      lab,
      server: resources.server ?? null,
      serverProcess: resources.serverProcess ?? null,
      boothBrowser: resources.boothBrowser,
      expertBrowser: resources.expertBrowser,
      booth,
      expert,
      boothOrigin,
      close,
    };
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

/**
 * Decoded frames per second of the customer's face at the expert, one value per second, and
 * over the whole window (`mean`: frames decoded ÷ seconds elapsed).
 */
export async function sampleCustomerFaceFps(expert: Page, seconds: number): Promise<number[] & { mean: number }> {
  const rates: number[] = [];
  let frames = await customerFaceFrames(expert);
  let at = performance.now();
  const firstFrames = frames;
  const firstAt = at;
  for (let second = 0; second < seconds; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - ((performance.now() - at) % 1000)));
    const nextFrames = await customerFaceFrames(expert);
    const nextAt = performance.now();
    rates.push(Math.round(((nextFrames - frames) / ((nextAt - at) / 1000)) * 10) / 10);
    frames = nextFrames;
    at = nextAt;
  }
  const mean = Math.round(((frames - firstFrames) / ((at - firstAt) / 1000)) * 10) / 10;
  return Object.assign(rates, { mean });
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
export async function mediaBack(
  call: LabCall,
  since: number,
  timeoutMs: number,
  options: { awaitStall?: boolean } = {},
): Promise<{ toExpertMs: number | null; toBoothMs: number | null }> {
  // Progress = the count grew since the previous poll. A recovery may replace the consumers
  // (new transports, rejoin): their counts start again from 0, which resets the reference.
  // With awaitStall (a fault that has just happened, e.g. a killed worker), frames still in the
  // receiver's buffers are not a recovery: progress counts only after a 300 ms stall was seen,
  // or after 2 s if no stall shows by then (the fault did not interrupt that direction).
  const watch = (read: () => Promise<number>) => {
    let last: number | null = null;
    let lastProgressAt = performance.now();
    let stalled = !options.awaitStall;
    return async (): Promise<boolean> => {
      const now = await read().catch(() => 0);
      const progressed = last !== null && now > last;
      last = now;
      const at = performance.now();
      if (!stalled && (at - lastProgressAt >= 300 || at - since >= 2000)) stalled = true;
      if (progressed) lastProgressAt = at;
      return progressed && stalled;
    };
  };
  const expertSees = watch(() => customerFaceFrames(call.expert));
  const boothSees = watch(() => expertFaceFrames(call.booth));
  await Promise.all([expertSees(), boothSees()]);
  let toExpertMs: number | null = null;
  let toBoothMs: number | null = null;
  while (performance.now() - since < timeoutMs && (toExpertMs === null || toBoothMs === null)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [expertProgress, boothProgress] = await Promise.all([toExpertMs === null ? expertSees() : false, toBoothMs === null ? boothSees() : false]);
    const elapsed = Math.round(performance.now() - since);
    if (expertProgress) toExpertMs = elapsed;
    if (boothProgress) toBoothMs = elapsed;
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
