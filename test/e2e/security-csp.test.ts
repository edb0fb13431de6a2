import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, demoBooths, type EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, click, launchChromium, loginStaffInPage, waitForTestId, waitForTwoWayMedia } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

interface Violation {
  directive: string;
  blockedURI: string;
  source: string;
}

/** A page that records every `securitypolicyviolation` event (and CSP console errors) from its first script on. */
async function watchedPage(browser: Browser, url: string): Promise<{ page: Page; violations: () => Promise<Violation[]> }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const consoleReports: Violation[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleReports.push({ directive: 'console', blockedURI: '', source: message.text() });
  });
  page.on('pageerror', (error) => console.error(`[page error] ${url}: ${error}`));
  await page.evaluateOnNewDocument(() => {
    const seen: unknown[] = [];
    (globalThis as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}` }),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    violations: async () => [
      ...((await page.evaluate(() => (globalThis as unknown as { __cspViolations: Violation[] }).__cspViolations)) ?? []),
      ...consoleReports,
    ],
  };
}

/**
 * The strict Content-Security-Policy does not break the apps: the booth, the expert console,
 * the admin statistics area, the host console, the interpreter console and the queue board
 * load, a booth ↔ expert call carries media both ways, and not one securitypolicyviolation
 * event fires. A canary proves the watcher sees violations: an inline script is refused.
 */
describe('Content-Security-Policy in the browser', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let staffBrowser: Browser;
  before(async () => {
    server = await startTestServer();
    [boothBrowser, staffBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), staffBrowser?.close()]);
    await server?.close();
  });

  test('the apps load and a call works with no CSP violation; an injected inline script is blocked', async () => {
    const booth = await watchedPage(boothBrowser, boothUrl(server));
    const expert = await watchedPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert.page, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert.page, 'take-next');
    await click(booth.page, 'language-fi');
    await click(booth.page, 'agency-kela');
    await click(booth.page, 'service-kela-housing-allowance');
    await click(booth.page, 'take-number');
    await waitForTestId(booth.page, 'waiting-screen');
    await click(expert.page, 'take-next');
    await waitForTestId(booth.page, 'called-screen');
    await click(booth.page, 'answer-call');
    await Promise.all([waitForTestId(booth.page, 'in-call'), waitForTestId(expert.page, 'in-call')]);
    await waitForTwoWayMedia(booth.page, expert.page);
    await click(expert.page, 'end-session');
    await waitForTestId(booth.page, 'call-ended');

    const admin = await watchedPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(admin.page, 'admin', DEMO_PASSWORD);
    await click(admin.page, 'stats-nav');
    await waitForTestId(admin.page, 'stats-table');
    await click(admin.page, 'stats-run');
    for (const chart of ['stats-chart-hours', 'stats-chart-wait']) await waitForTestId(admin.page, chart);

    const interpreter = await watchedPage(staffBrowser, `${server.url}/interpreter/`);
    await loginStaffInPage(interpreter.page, 'interpreter.demo', DEMO_PASSWORD);
    await waitForTestId(interpreter.page, 'interpreter-console');

    const host = await watchedPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(host.page, 'host.kallio', DEMO_PASSWORD);
    await waitForTestId(host.page, 'host-console');
    const board = await watchedPage(boothBrowser, `${server.url}/booth/board.html?deviceToken=${demoBooths[0].deviceToken}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    for (const [name, watched] of Object.entries({ booth, expert, admin, interpreter, host, board })) {
      assert.deepEqual(await watched.violations(), [], `${name}: no CSP violation`);
    }

    // Canary: the same watcher reports an inline script the CSP refuses.
    await booth.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = '(globalThis).__inlineRan = true;';
      document.body.append(script);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await booth.page.evaluate(() => (globalThis as unknown as { __inlineRan?: boolean }).__inlineRan ?? false), false, 'inline script did not run');
    const caught = await booth.violations();
    assert.ok(caught.some((violation) => violation.directive.startsWith('script-src')), JSON.stringify(caught));
  });
});
