import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, demoBooths } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import type { ServicePointDetails } from '@etapiste/shared';
import { translate } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import {
  attributeOfTestId,
  boothUrl,
  click,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  textOfTestId,
  waitForTestId,
  wcagViolations,
} from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

const LIBRARY = 'sp-kallio-library';
// Long enough that the first announcement is still on screen when a loaded CI machine first looks (halfway = 5 s).
const GRACE_SECONDS = 10;

async function takeKelaNumber(booth: Page): Promise<string> {
  await click(booth, 'language-fi');
  await click(booth, 'agency-kela');
  await click(booth, 'service-kela-housing-allowance');
  await click(booth, 'take-number');
  await waitForTestId(booth, 'waiting-screen');
  return textOfTestId(booth, 'ticket-number');
}

/**
 * A called number nobody answers: with a 10-second grace for Kela at the library, the kiosk
 * shows the number, announces it a second time halfway, and then says the number was not
 * answered; the expert is told and is free to take the next customer; the ticket is a no-show.
 */
describe('queue: a called number that nobody answers becomes a no-show', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let originalPoint: ServicePointDetails;

  before(async () => {
    server = await startTestServer();
    originalPoint = (await server.storage.catalogue.getServicePointDetails(LIBRARY))!;
    await server.storage.catalogue.saveServicePoint({
      ...originalPoint,
      agencyGraceSeconds: [{ agencyId: 'kela', noShowGraceSeconds: GRACE_SECONDS }],
    });
    [boothBrowser, expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    if (server && originalPoint) await server.storage.catalogue.saveServicePoint(originalPoint);
    await server?.close();
  });

  test('the number is shown and announced twice, then no-show after the grace; the expert can take next again', async () => {
    const booth = await openPage(boothBrowser, boothUrl(server));
    const expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');

    const number = await takeKelaNumber(booth);
    const [ticket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(ticket);
    assert.equal(ticket.number, number);
    await waitForTestId(expert, `queue-row-${ticket.ticketId}`);

    const calledAt = Date.now();
    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    await waitForTestId(booth, 'called-screen');
    assert.equal(await attributeOfTestId(booth, 'called-screen', 'data-announcement'), '1', 'first announcement');
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(translate('fi', 'booth.calledNumber', { number })), 'the number is shown');
    const called = await server.storage.queue.getTicket(ticket.ticketId);
    assert.equal(called?.status, 'called');
    assert.equal(called?.expertId, 'u-expert-kela');
    assert.deepEqual(await wcagViolations(booth), [], 'called screen meets WCAG 2.1 AA');

    // The reminder halfway through the grace, still on the called screen with the number.
    await poll(
      'the second announcement',
      () => booth.$eval('[data-testid="called-screen"]', (element) => element.getAttribute('data-announcement')).catch(() => 'gone'),
      (announcement) => announcement === '2' || announcement === 'gone',
      GRACE_SECONDS * 1000,
      100,
    ).then((announcement) => assert.equal(announcement, '2', 'announced a second time before the grace ended'));
    const secondAt = Date.now() - calledAt;
    assert.ok(secondAt < GRACE_SECONDS * 1000, `second announcement after ${secondAt} ms`);
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(number), 'the reminder still shows the number');

    // Nobody answers: no-show on the kiosk after the grace.
    await waitForTestId(booth, 'no-show', (GRACE_SECONDS + 5) * 1000);
    const noShowAfter = Date.now() - calledAt;
    assert.ok(noShowAfter >= GRACE_SECONDS * 1000 - 300, `no-show only after the grace (${noShowAfter} ms)`);
    assert.ok(noShowAfter < GRACE_SECONDS * 1000 + 3000, `no-show soon after the grace (${noShowAfter} ms)`);
    assert.equal(await booth.$('[data-testid="called-screen"]'), null);
    assert.deepEqual(await wcagViolations(booth), [], 'no-show screen meets WCAG 2.1 AA');

    const stored = await server.storage.queue.getTicket(ticket.ticketId);
    assert.equal(stored?.status, 'noShow');
    const session = await server.storage.sessions.getSession(stored!.sessionId!);
    assert.equal(session?.status, 'ended');
    assert.equal(session?.endReason, 'noShow');

    // The expert is told, and is free again.
    await poll('the expert notice', () => textOfTestId(expert, 'notice'), (text) => text === translate('fi', 'agent.noShow'), 5000);
    assert.equal(await expert.$('[data-testid="calling"]'), null, 'no longer calling');
    assert.equal(await expert.$eval('[data-testid="take-next"]', (button) => (button as HTMLButtonElement).disabled), false);

    // The next customer: the expert takes next again and the kiosk is called with the new number.
    await click(booth, 'start-again');
    const next = await takeKelaNumber(booth);
    const [nextTicket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(nextTicket && nextTicket.ticketId !== ticket.ticketId);
    await waitForTestId(expert, `queue-row-${nextTicket.ticketId}`);
    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    await waitForTestId(booth, 'called-screen');
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(next));
    assert.equal((await server.storage.queue.getTicket(nextTicket.ticketId))?.status, 'called');
  });
});
