import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { catalogues } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, launchChromium, loginStaffInPage, openPage, poll, textOfTestId, waitForTestId } from '../support/browser.ts';
import { takeKelaNumberAndCall } from '../support/served-call.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Token expiry in the real apps, with tokens of seconds (staff 8 s, booth 6 s): the expert
 * console refreshes over REST and renews its live connection, the kiosk logs in again with its
 * device token and renews, so the very same connections outlive several token lifetimes and
 * still serve a customer. A console whose refresh cannot get through is closed by the server
 * at its token's expiry (4401) and shows the login form with "your login has expired",
 * without reconnecting.
 */
describe('token expiry and renewal in the apps', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let staffBrowser: Browser;
  before(async () => {
    server = await startTestServer({ staffTokenTtlSeconds: 8, boothTokenTtlSeconds: 6 });
    [boothBrowser, staffBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium()]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), staffBrowser?.close()]);
    await server?.close();
  });

  const connectionIds = (subjectId: string) => server.registry.connectionsOf(subjectId).map((connection) => connection.id);

  test('the expert console and the kiosk keep their connections past several token lifetimes, and a customer is still served', async () => {
    const booth = await openPage(boothBrowser, boothUrl(server));
    const expert = await openPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await Promise.all([waitForTestId(expert, 'take-next'), waitForTestId(booth, 'language-fi')]);
    const expertConnections = connectionIds('u-expert-kela');
    const boothConnections = connectionIds('booth-kallio-1');
    assert.equal(expertConnections.length, 1);
    assert.equal(boothConnections.length, 1);
    await sleep(20_000);
    assert.deepEqual(connectionIds('u-expert-kela'), expertConnections, 'the expert’s connection was kept (renewed, not closed)');
    assert.deepEqual(connectionIds('booth-kallio-1'), boothConnections, 'the kiosk’s connection was kept');
    assert.equal(await expert.$('[data-testid="login-username"]'), null, 'the expert was not sent to the login form');

    await takeKelaNumberAndCall(booth, expert);
    await Promise.all([booth.close(), expert.close()]);
  });

  test('a console whose token cannot be refreshed is closed at its expiry and shows the login form with "login expired"', async () => {
    const page = await staffBrowser.newPage();
    await page.setRequestInterception(true);
    let refreshesBlocked = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/refresh')) {
        refreshesBlocked += 1;
        void request.abort();
      } else void request.continue();
    });
    await page.goto(`${server.url}/agent/`, { waitUntil: 'load' });
    await loginStaffInPage(page, 'expert2.kela', DEMO_PASSWORD);
    await waitForTestId(page, 'take-next');
    assert.equal(connectionIds('u-expert-kela-2').length, 1);
    const notice = await textOfTestId(page, 'login-error', 20_000);
    const expected = Object.values(catalogues).map((catalogue) => catalogue['staff.sessionExpired']);
    assert.ok(expected.includes(notice), `login notice: ${notice}`);
    assert.ok(refreshesBlocked >= 1, 'the console did try to refresh');
    await poll('the server closed the connection', async () => connectionIds('u-expert-kela-2').length, (count) => count === 0, 5000);
    await sleep(3000);
    assert.equal(connectionIds('u-expert-kela-2').length, 0, 'no reconnection with the expired token');
    await waitForTestId(page, 'login-username');
    await page.close();
  });
});
