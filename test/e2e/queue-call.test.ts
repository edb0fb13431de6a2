import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, demoBooths } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import { translate } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import {
  boothUrl,
  click,
  launchChromium,
  loginStaffInPage,
  openPage,
  poll,
  textOfTestId,
  waitForTestId,
  waitForTwoWayMedia,
  wcagViolations,
} from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

const LIBRARY = 'sp-kallio-library';
const libraryBooth = demoBooths[0];

/**
 * The walk-in queue in the browsers: the kiosk takes a number, the Kela expert sees it in the
 * agency's queue and takes the next customer, the kiosk shows the call, the customer answers,
 * media flows both ways, the expert hangs up and the ticket is done. The library's queue board
 * (the same device token, in the expert's browser) shows the number while it is being called
 * and does not push the kiosk off the line.
 */
describe('queue: take a number, be called, answer, be served', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;

  before(async () => {
    server = await startTestServer();
    [boothBrowser, expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
  });

  test('number → queue table → take next → called (on the board too) → answer → media both ways → hang-up → done', async () => {
    const booth: Page = await openPage(boothBrowser, boothUrl(server));
    const expert: Page = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');

    // The queue board of the library, beside the kiosk, with the kiosk's device token.
    const board: Page = await openPage(expertBrowser, `${server.url}/booth/board.html?deviceToken=${libraryBooth.deviceToken}`);
    await waitForTestId(board, 'board-calling');
    await waitForTestId(board, 'board-agency-kela');
    // A page in the background gets no animation frames (clicks wait for them): the expert's console stays in front.
    await expert.bringToFront();

    // The kiosk takes a Kela number.
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    const number = await textOfTestId(booth, 'ticket-number');
    assert.match(number, /^\d{1,4}$/, 'a short numeric number');
    assert.equal(await textOfTestId(booth, 'ticket-position'), translate('fi', 'booth.positionNext'), 'first in the queue');
    assert.deepEqual(await wcagViolations(booth), [], 'waiting screen meets WCAG 2.1 AA');

    const [ticket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(ticket, 'the server has the waiting ticket');
    assert.equal(ticket.number, number);
    assert.equal(ticket.agencyId, 'kela');
    assert.equal(ticket.serviceId, 'kela-housing-allowance');
    assert.equal(ticket.boothId, libraryBooth.id);
    assert.equal(ticket.priority, 'normal');
    assert.equal((await server.queue.views.ticketView(ticket)).position, 1);

    // The expert's queue table shows it; the board counts one Kela customer waiting.
    await waitForTestId(expert, `queue-row-${ticket.ticketId}`);
    const row = await expert.$eval(`[data-testid="queue-row-${ticket.ticketId}"]`, (element) => element.textContent ?? '');
    assert.ok(row.startsWith(number), `queue row shows the number: ${row}`);
    await poll(
      'the board to count one waiting Kela customer',
      () => board.$eval('[data-testid="board-agency-kela"] td', (cell) => cell.textContent?.trim()),
      (waiting) => waiting === '1',
      5000,
    );

    // Take next: the kiosk is called, and the board shows the number being called.
    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    await waitForTestId(booth, 'called-screen');
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(number), 'the called screen shows the number');
    await waitForTestId(board, `board-number-${number}`);
    assert.deepEqual(
      await board.$$eval('[data-testid="board-calling"] li', (items) => items.map((item) => item.textContent?.trim())),
      [number],
      'the board shows exactly the called number',
    );
    assert.equal((await server.storage.queue.getTicket(ticket.ticketId))?.status, 'called');
    assert.deepEqual(await wcagViolations(booth), [], 'called screen meets WCAG 2.1 AA');

    // The board did not replace the kiosk: the kiosk still answers the call.
    assert.equal(await booth.$('[data-testid="booth-status"]'), null, 'the kiosk was not disconnected');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    assert.equal((await server.storage.queue.getTicket(ticket.ticketId))?.status, 'serving');

    const stats = await waitForTwoWayMedia(booth, expert);
    assert.ok(stats.expert.inbound.filter((stat) => stat.kind === 'video').every((stat) => stat.framesDecoded > 0));
    assert.ok(stats.booth.inbound.some((stat) => stat.source === 'faceCamera' && stat.participantRole === 'expert' && stat.framesDecoded > 0));
    assert.ok(stats.booth.outbound.some((stat) => stat.kind === 'video' && stat.packetsSent > 0), 'the booth sends video');
    assert.ok(stats.expert.outbound.some((stat) => stat.kind === 'video' && stat.packetsSent > 0), 'the expert sends video');

    // An answered number leaves the board.
    await board.waitForSelector(`[data-testid="board-number-${number}"]`, { hidden: true, timeout: 5000 });

    await click(expert, 'end-session');
    await waitForTestId(booth, 'call-ended');
    await waitForTestId(expert, 'take-next');
    const done = await poll('the ticket to be done', () => server.storage.queue.getTicket(ticket.ticketId), (stored) => stored?.status === 'done', 5000);
    assert.equal(done?.expertId, 'u-expert-kela');

    // The kiosk still works with the board open: it takes a new number, and leaves the queue.
    await click(booth, 'start-again');
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    const [again] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(again && again.ticketId !== ticket.ticketId, 'a new ticket');
    assert.equal(await textOfTestId(booth, 'ticket-number'), again.number);
    await click(booth, 'leave-queue');
    await waitForTestId(booth, 'language-fi');
    await poll('the new ticket to be cancelled', () => server.storage.queue.getTicket(again.ticketId), (stored) => stored?.status === 'cancelled', 5000);
    assert.equal(await board.$('[data-testid="board-status"]'), null, 'the board is still connected');
  });
});
