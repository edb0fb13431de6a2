import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import { attributeOfTestId, callStats, click, loginStaffInPage, openPage, poll, waitForTestId } from './browser.ts';

/** An interpreter's console, logged in and (by default) available for on-demand requests. */
export async function openInterpreterDesk(browser: Browser, serverUrl: string, username: string, available = true): Promise<Page> {
  const page = await openPage(browser, `${serverUrl}/interpreter/`);
  await loginStaffInPage(page, username, DEMO_PASSWORD);
  await waitForTestId(page, 'availability');
  if (available) {
    await page.bringToFront();
    await click(page, 'availability');
    await poll(`${username} to be available`, () => attributeOfTestId(page, 'availability', 'aria-checked'), (value) => value === 'true', 10_000);
  }
  return page;
}

/** The request ids ringing on an interpreter's console now. */
export async function ringingOffers(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="offer"]', (offers) => offers.map((offer) => offer.getAttribute('data-request-id') ?? ''));
}

/** Whether the console's ring tone is sounding. */
export async function ringSounds(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { __etapisteRing?: () => boolean }).__etapisteRing?.() ?? false);
}

/**
 * Waits until the page decodes video and receives audio from each of the given participants
 * (by role; the face camera's video), and returns the page's call statistics.
 */
export async function waitForMediaFrom(page: Page, roles: string[], what: string, timeoutMs = 30_000) {
  return poll(
    what,
    () => callStats(page),
    ({ inbound }) =>
      roles.every(
        (role) =>
          inbound.some((stat) => stat.participantRole === role && stat.kind === 'video' && stat.source === 'faceCamera' && stat.framesDecoded > 0) &&
          inbound.some((stat) => stat.participantRole === role && stat.kind === 'audio' && stat.packetsReceived > 0),
      ),
    timeoutMs,
  );
}
