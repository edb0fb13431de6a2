import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import { translate } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, click, launchChromium, loginStaffInPage, openPage, poll, textOfTestId, waitForTestId, wcagViolations } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

const LIBRARY = 'sp-kallio-library';

/**
 * Host staff correct the queue: a customer at the library took a Kela number but needs Vero.
 * The librarian sees the number (and nothing personal) in their console and moves it to Vero's
 * tax card service; it keeps its arrival time and gets no priority, the kiosk still shows the
 * same number, and the Vero expert's next customer is that number.
 */
describe('queue: host staff move a number to the right agency', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let staffBrowser: Browser;

  before(async () => {
    server = await startTestServer();
    [boothBrowser, staffBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), staffBrowser?.close()]);
    await server?.close();
  });

  test('Kela number → host console → moved to Vero: tax card → same place by arrival → the Vero expert takes it', async () => {
    const booth: Page = await openPage(boothBrowser, boothUrl(server));
    const host: Page = await openPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(host, 'host.kallio', DEMO_PASSWORD);
    await waitForTestId(host, 'host-console');
    assert.equal(
      await host.$eval('#host-heading', (heading) => heading.textContent?.trim()),
      'Kallion kirjasto',
      "the heading names the host's point (from its board)",
    );

    // The kiosk takes a Kela number.
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    const number = await textOfTestId(booth, 'ticket-number');
    const [ticket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(ticket, 'the server has the waiting ticket');
    assert.equal(ticket.number, number);
    assert.equal(ticket.agencyId, 'kela');

    // The host console lists it (refreshed by the board change): number, agency, service, language, waited. No names.
    await waitForTestId(host, `host-ticket-${ticket.ticketId}`);
    const cells = await host.$$eval(`[data-testid="host-ticket-${ticket.ticketId}"] > *`, (nodes) => nodes.map((node) => node.textContent?.trim() ?? ''));
    assert.equal(cells[0], number);
    assert.equal(cells[1], 'Kela');
    assert.equal(cells[2], 'Asumistuki');
    assert.equal(cells[3], 'Suomi');
    assert.equal(cells[4], translate('fi', 'host.waitedMinutes', { minutes: 0 }));
    assert.equal(cells.length, 6, 'nothing but number, agency, service, language, waited and the move control');
    assert.equal(await textOfTestId(host, 'host-calling'), '', 'nobody is being called');

    // Only the other agency's remote-capable services are offered.
    const options = await host.$$eval(`[data-testid="host-move-select-${ticket.ticketId}"] option`, (nodes) =>
      nodes.map((node) => (node as HTMLOptionElement).value).filter(Boolean),
    );
    assert.deepEqual(options, ['vero-tax-card']);
    assert.deepEqual(await wcagViolations(host), [], 'host console meets WCAG 2.1 AA');

    // Move it to Vero: tax card.
    await host.bringToFront();
    await host.select(`[data-testid="host-move-select-${ticket.ticketId}"]`, 'vero-tax-card');
    await click(host, `host-move-${ticket.ticketId}`);
    const notice = await poll('the move notice', () => textOfTestId(host, 'host-notice'), (text) => text.length > 0, 10_000);
    assert.equal(notice, translate('fi', 'host.moved', { number, agency: 'Verohallinto', service: 'Verokortti' }));

    const moved = await server.storage.queue.getTicket(ticket.ticketId);
    assert.equal(moved?.status, 'waiting');
    assert.equal(moved?.agencyId, 'vero');
    assert.equal(moved?.serviceId, 'vero-tax-card');
    assert.equal(moved?.priority, 'normal', 'no priority: it does not jump the queue');
    assert.equal(moved?.queuedAt, ticket.queuedAt, 'it keeps its place by arrival time');
    assert.equal(moved?.number, number);

    // The row follows: now Vero, and the move offers Kela instead.
    await poll(
      'the row to show Vero',
      () => host.$eval(`[data-testid="host-ticket-${ticket.ticketId}"] td`, (cell) => cell.textContent?.trim()),
      (agency) => agency === 'Verohallinto',
      5000,
    );
    assert.deepEqual(await wcagViolations(host), [], 'host console with the notice meets WCAG 2.1 AA');

    // The kiosk still waits with the same number.
    await waitForTestId(booth, 'waiting-screen');
    assert.equal(await textOfTestId(booth, 'ticket-number'), number, 'the same number at the kiosk');

    // The Vero expert takes next and gets that number.
    const expert: Page = await openPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.vero', DEMO_PASSWORD);
    await waitForTestId(expert, `queue-row-${ticket.ticketId}`);
    await expert.bringToFront();
    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    const called = await poll('the ticket to be called', () => server.storage.queue.getTicket(ticket.ticketId), (stored) => stored?.status === 'called', 5000);
    assert.equal(called?.expertId, 'u-expert-vero');
    await waitForTestId(booth, 'called-screen');
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(number), 'the kiosk is called with the same number');

    // The host sees the number being called on their point's board, and it left the waiting list.
    await host.bringToFront();
    await poll('the host console to show the called number', () => textOfTestId(host, 'host-calling'), (text) => text === number, 5000);
    await host.waitForSelector(`[data-testid="host-ticket-${ticket.ticketId}"]`, { hidden: true, timeout: 5000 });
  });
});
