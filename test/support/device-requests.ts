import type { Page } from 'puppeteer-core';
import { poll } from './browser.ts';

/** Rows of the expert console's device activity, newest first. */
const ROWS = 'li[data-testid^="device-request-"]';

/**
 * Sends a device request from the expert console (`send`: the clicks that do it) and returns the
 * outcome of that request once it has one. It reads the new request's row: right after the click
 * the newest row can still be the previous request's (the console lists a request only once it
 * has read the file to send, which takes a moment on a loaded machine).
 */
export async function deviceRequestOutcome(expert: Page, send: () => Promise<void>, timeoutMs = 30_000): Promise<string> {
  const rows = () => expert.$$eval(ROWS, (elements) => elements.length);
  const before = await rows();
  await send();
  await poll('the request to be listed', rows, (count) => count > before, 15_000);
  return poll(
    'the request to finish',
    () => expert.$eval(ROWS, (element) => element.getAttribute('data-outcome') ?? ''),
    (outcome) => outcome !== '',
    timeoutMs,
  );
}
