import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import { boothUrl, click, loginStaffInPage, openPage, waitForTestId } from './browser.ts';

/**
 * Brings a booth and a Kela expert into a served call through the real queue flow: the
 * customer takes a number for housing allowance, the expert takes it, the customer answers.
 * Returns both pages once both show the in-call screen.
 */
export async function startServedCall(
  server: { url: string },
  boothBrowser: Browser,
  expertBrowser: Browser,
  options: { boothUrl?: string; expert?: string } = {},
): Promise<{ booth: Page; expert: Page }> {
  const booth = await openPage(boothBrowser, options.boothUrl ?? boothUrl(server));
  const expert = await openPage(expertBrowser, `${server.url}/agent/`);
  await loginStaffInPage(expert, options.expert ?? 'expert.kela', DEMO_PASSWORD);
  await waitForTestId(expert, 'take-next');
  await takeKelaNumberAndCall(booth, expert);
  await click(booth, 'answer-call');
  await Promise.all([waitForTestId(booth, 'in-call', 20_000), waitForTestId(expert, 'in-call', 20_000)]);
  return { booth, expert };
}

/** The customer takes a Kela housing-allowance number and the expert calls it (the booth shows the call). */
export async function takeKelaNumberAndCall(booth: Page, expert: Page): Promise<void> {
  await click(booth, 'language-fi');
  await click(booth, 'agency-kela');
  await click(booth, 'service-kela-housing-allowance');
  await click(booth, 'take-number');
  await waitForTestId(booth, 'waiting-screen');
  await click(expert, 'take-next');
  await waitForTestId(booth, 'called-screen');
}
