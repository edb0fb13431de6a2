import type { Page } from 'puppeteer-core';
import type { EtapisteServer } from '@etapiste/signaling';
import { callInfo, callStats, callTimeline, click, poll, waitForTestId, waitForTwoWayMedia } from './browser.ts';

/**
 * Fault-test helpers shared by the fault tests and `bench:faults`: put a booth and an expert
 * in a call, kill what carries it, and measure when media is back on both ends.
 */

/** The booth (on its agency screen) takes a Kela number, the expert takes it, the customer answers; media flows both ways. */
export async function startBoothExpertCall(booth: Page, expert: Page): Promise<{ sessionId: string }> {
  await click(booth, 'language-fi');
  await click(booth, 'agency-kela');
  await click(booth, 'service-kela-housing-allowance');
  await click(booth, 'take-number');
  await waitForTestId(booth, 'waiting-screen');
  await click(expert, 'take-next');
  await waitForTestId(booth, 'called-screen');
  await click(booth, 'answer-call');
  await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
  await waitForTwoWayMedia(booth, expert, 30_000);
  return { sessionId: (await callInfo(booth)).sessionId! };
}

// The page's call engine (session, state, recoveries, timeline): shared with the other browser tests.
export { callInfo, type CallInfo } from './browser.ts';

/** Prints each page's data-channel milestones (diagnostics for the device tests). */
export async function logDataChannelMilestones(pages: Record<string, Page>): Promise<void> {
  for (const [name, page] of Object.entries(pages)) {
    console.log(`${name}: ${await callTimeline(page, (step) => step.startsWith('data:') || step === 'resumedAll')}`);
  }
}

/** SIGKILLs the mediasoup worker carrying the session's room; returns its pid and the kill time (epoch ms). */
export function sigkillSessionWorker(server: Pick<EtapisteServer, 'media'>, sessionId: string): { pid: number; killedAt: number } {
  const pid = server.media.workerOf(sessionId);
  if (!pid) throw new Error(`no media worker carries session ${sessionId}`);
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  return { pid, killedAt };
}

/**
 * Waits until media is back after a fault on one page: the call engine is in a media room other
 * than `oldEpoch` (when given) and every expected video decodes new frames (getStats).
 * Resolves with the time (epoch ms) the first poll saw that; polls every 50 ms.
 */
export async function waitForMediaBack(
  page: Page,
  options: {
    videos: number;
    /** Only these sources count (e.g. the faces: what the other side waits to see); default every video. */
    sources?: string[];
    oldEpoch?: string | null;
    after?: { source: string; framesDecoded: number }[];
    timeoutMs?: number;
  },
): Promise<number> {
  await poll(
    'media back after the fault',
    async () => ({ info: await callInfo(page), stats: await callStats(page) }),
    ({ info, stats }) => {
      if (options.oldEpoch !== undefined && (info.mediaEpoch === null || info.mediaEpoch === options.oldEpoch)) return false;
      const videos = stats.inbound.filter((stat) => stat.kind === 'video' && (!options.sources || options.sources.includes(stat.source)));
      if (videos.length < options.videos) return false;
      return videos.every((stat) => {
        const before = options.after?.find((entry) => entry.source === stat.source)?.framesDecoded ?? 0;
        return stat.framesDecoded > before;
      });
    },
    options.timeoutMs ?? 20_000,
    50,
  );
  return Date.now();
}

/** Video frames decoded so far per source on the page (the baseline for `waitForMediaBack`). */
export async function decodedFrames(page: Page): Promise<{ source: string; framesDecoded: number }[]> {
  const { inbound } = await callStats(page);
  return inbound.filter((stat) => stat.kind === 'video').map(({ source, framesDecoded }) => ({ source, framesDecoded }));
}

/**
 * Cuts (true) or restores (false) the page's live signalling connection as a network fault
 * would: the server drops the socket, and new connection attempts from the page fail until
 * restored. Media (WebRTC) is not touched.
 */
export async function setSignalingCut(page: Page, cut: boolean, server?: Pick<EtapisteServer, 'registry'>, subjectId?: string): Promise<void> {
  await page.evaluate((blocked) => {
    const scope = globalThis as any;
    if (!scope.__realWebSocket) {
      scope.__realWebSocket = scope.WebSocket;
      const Real = scope.__realWebSocket;
      scope.WebSocket = new Proxy(Real, {
        construct(target, args) {
          if (scope.__signalingCut) throw new Error('network unreachable (fault test)');
          return new target(...args);
        },
      });
    }
    scope.__signalingCut = blocked;
  }, cut);
  if (cut && server && subjectId) server.registry.dropSubject(subjectId);
}
