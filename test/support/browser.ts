import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { demoBooths } from '@etapiste/signaling';

export interface FakeMedia {
  /** A .y4m file Chromium plays as its only camera. */
  videoFile?: string;
  /** Number of synthetic fake cameras (when no file is given). */
  deviceCount?: number;
  /** Frame rate of the synthetic fake cameras (Chromium's default is 20). */
  fps?: number;
  /**
   * Launch through this executable instead of Chromium itself, e.g. the netlab's wrapper that
   * runs Chromium inside a network namespace (test/netlab). Puppeteer then talks to it over
   * pipes, since no DevTools port is reachable across namespaces.
   */
  executablePath?: string;
  /** http origins the page may treat as secure (getUserMedia on a non-localhost address). */
  secureOrigins?: string[];
}

/** Debian's Chromium through puppeteer-core, with fake media devices and no outside traffic. */
export async function launchChromium(media: FakeMedia = {}): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-chromium-'));
  const fakeDevice = media.videoFile ? '' : `=device-count=${media.deviceCount ?? 1}${media.fps ? `,fps=${media.fps}` : ''}`;
  const browser = await puppeteer.launch({
    executablePath: media.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    pipe: !!media.executablePath,
    headless: true,
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--use-fake-ui-for-media-stream',
      `--use-fake-device-for-media-stream${fakeDevice}`,
      ...(media.videoFile ? [`--use-file-for-fake-video-capture=${media.videoFile}`] : []),
      ...(media.secureOrigins?.length ? [`--unsafely-treat-insecure-origin-as-secure=${media.secureOrigins.join(',')}`] : []),
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--window-size=1280,800',
    ],
  });
  browser.once('disconnected', () => fs.rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }, () => undefined));
  return browser;
}

/**
 * The kiosk URL with its device token and camera configuration (see booth-client kiosk-config).
 * Chromium's fake_device_1 is a Y16 depth camera that never feeds a PeerConnection, so the
 * document camera is fake_device_2 (launch the booth browser with deviceCount: 3).
 */
export function boothUrl(server: { url: string }, deviceToken: string = demoBooths[0].deviceToken): string {
  return `${server.url}/booth/?deviceToken=${deviceToken}&faceCamera=fake_device_0&documentCamera=fake_device_2`;
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (error) => console.error(`[page error] ${url}: ${error}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Tokens stay out of the log (a WebSocket URL carries one).
    const line = `${page.url()}: ${message.text()} ${message.location().url ?? ''}`.replace(/(token=)[^&\s'"]+/gi, '$1…');
    console.error(`[page console] ${line}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

export async function click(page: Page, testId: string, timeout = 15_000): Promise<void> {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector, { visible: true, timeout });
  await page.click(selector);
}

export async function waitForTestId(page: Page, testId: string, timeout = 15_000): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"]`, { timeout });
}

export async function loginStaffInPage(page: Page, username: string, password: string): Promise<void> {
  await page.waitForSelector('[data-testid="login-username"]');
  await page.type('[data-testid="login-username"]', username);
  await page.type('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
}

/** Call statistics of the page's active call engine (see CallEngine.getStats). */
export async function callStats(page: Page): Promise<{
  inbound: { source: string; kind: string; participantRole: string; packetsReceived: number; framesDecoded: number; frameWidth: number; frameHeight: number }[];
  outbound: { source: string; kind: string; packetsSent: number; frameWidth: number }[];
}> {
  return page.evaluate(async () => {
    const engines = (globalThis as unknown as { __etapisteCalls?: Set<{ getStats(): Promise<unknown> }> }).__etapisteCalls;
    const engine = engines ? [...engines][0] : undefined;
    return (engine ? await engine.getStats() : { inbound: [], outbound: [] }) as never;
  });
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations on the page, checked with axe-core in the browser. */
export async function wcagViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; nodes: number }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.length }));
  });
}

export async function poll<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe();
  }
  return last;
}

/** The trimmed text content of the element with that test id (waits for it first). */
export async function textOfTestId(page: Page, testId: string, timeout = 15_000): Promise<string> {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector, { timeout });
  return page.$eval(selector, (element) => (element.textContent ?? '').trim());
}

/** An attribute of the element with that test id (waits for it first). */
export async function attributeOfTestId(page: Page, testId: string, attribute: string, timeout = 15_000): Promise<string | null> {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector, { timeout });
  return page.$eval(selector, (element, name) => element.getAttribute(name), attribute);
}

/**
 * Sets the value of a React-controlled input (text, date, time, number) as a user edit would:
 * through the native value setter, then an input event, so React's onChange sees it.
 */
export async function fillInput(page: Page, testId: string, value: string, timeout = 15_000): Promise<void> {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector, { visible: true, timeout });
  await page.$eval(
    selector,
    (element, text) => {
      const input = element as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
      input.focus();
      setter.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
  const actual = await page.$eval(selector, (element) => (element as HTMLInputElement).value);
  if (actual !== value) throw new Error(`${testId}: value is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`);
}

/** Types a number on one of the booth's keypads (booking code, or `pin-key` for the ID card's PIN), one button press per digit. */
export async function typeOnKeypad(page: Page, digits: string, keyPrefix = 'booking-key'): Promise<void> {
  for (const digit of digits) await click(page, `${keyPrefix}-${digit}`);
}

/**
 * Waits until media flows both ways in a booth ↔ expert call: the expert decodes the customer's
 * face and document cameras and receives audio, the booth decodes the expert's video and
 * receives audio (getStats on both pages). Returns both pages' statistics.
 */
export async function waitForTwoWayMedia(booth: Page, expert: Page, timeoutMs = 20_000): Promise<{
  booth: Awaited<ReturnType<typeof callStats>>;
  expert: Awaited<ReturnType<typeof callStats>>;
}> {
  try {
    const expertStats = await poll(
      'expert to decode the customer cameras and receive audio',
      () => callStats(expert),
      ({ inbound }) =>
        inbound.filter((stat) => stat.kind === 'video' && stat.framesDecoded > 0).length === 2 &&
        inbound.some((stat) => stat.kind === 'audio' && stat.packetsReceived > 0),
      timeoutMs,
    );
    const boothStats = await poll(
      'booth to decode the expert video and receive audio',
      () => callStats(booth),
      ({ inbound }) =>
        inbound.some((stat) => stat.kind === 'video' && stat.framesDecoded > 0) &&
        inbound.some((stat) => stat.kind === 'audio' && stat.packetsReceived > 0),
      timeoutMs,
    );
    return { booth: boothStats, expert: expertStats };
  } catch (error) {
    // What each end's call engine did (produced, consumed, transports…), for the diagnosis.
    const [boothTimeline, expertTimeline] = await Promise.all([callTimeline(booth), callTimeline(expert)]);
    throw new Error(`${(error as Error).message}\n  booth timeline: ${boothTimeline}\n  expert timeline: ${expertTimeline}`);
  }
}

export interface CallInfo {
  sessionId: string | null;
  mediaEpoch: string | null;
  state: string | null;
  /** Recoveries of the call with their ladder steps (see ReconnectLadder). */
  recoveries: { trigger: string; startedAt: number; steps: { step: string; at: number }[]; recoveredAt: number | null }[];
  timeline: { step: string; at: number }[];
}

/** The page's active call engine: session, media epoch, state, recoveries and timeline. */
export function callInfo(page: Page): Promise<CallInfo> {
  return page.evaluate(() => {
    const engines = (globalThis as any).__etapisteCalls as Set<any> | undefined;
    const engine = engines ? [...engines][0] : undefined;
    if (!engine) return { sessionId: null, mediaEpoch: null, state: null, recoveries: [], timeline: [] };
    return {
      sessionId: engine.sessionId,
      mediaEpoch: engine.mediaEpoch,
      state: engine.state,
      recoveries: JSON.parse(JSON.stringify(engine.recoveries)),
      timeline: JSON.parse(JSON.stringify(engine.timeline)),
    };
  });
}

/** The steps of the page's call engine since it started (those `keep` accepts), as "step+ms" (empty without a call). */
export async function callTimeline(page: Page, keep: (step: string) => boolean = () => true): Promise<string> {
  try {
    const { timeline } = await callInfo(page);
    const start = timeline[0]?.at ?? 0;
    return timeline
      .filter((mark) => keep(mark.step))
      .map((mark) => `${mark.step}+${mark.at - start}`)
      .join(' ');
  } catch (error) {
    return `(unavailable: ${error})`;
  }
}
