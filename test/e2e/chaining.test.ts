import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
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

/**
 * Chaining between agencies: in a Kela call the expert offers Vero's tax card service, the
 * customer consents on the kiosk, keeps the same number and waits at the front of Vero's
 * queue; a Vero expert (another tab of the expert browser) takes next and calls that number.
 */
describe('chaining: a Kela call continues in the Vero queue with the same number', () => {
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

  test('transfer offer → consent → same number in the Vero queue → the Vero expert calls it', async () => {
    const booth = await openPage(boothBrowser, boothUrl(server));
    const vero = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(vero, 'expert.vero', DEMO_PASSWORD);
    await waitForTestId(vero, 'take-next');
    const kela = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(kela, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(kela, 'take-next');

    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    const number = await textOfTestId(booth, 'ticket-number');
    const [kelaTicket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['waiting'] });
    assert.ok(kelaTicket);
    assert.equal(kelaTicket.agencyId, 'kela');

    await waitForTestId(kela, `queue-row-${kelaTicket.ticketId}`);
    await click(kela, 'take-next');
    await waitForTestId(booth, 'called-screen');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(kela, 'in-call')]);
    await waitForTwoWayMedia(booth, kela);
    const serving = await server.storage.queue.getTicket(kelaTicket.ticketId);
    assert.equal(serving?.status, 'serving');
    const kelaSessionId = serving!.sessionId!;

    // The Kela expert offers Vero's tax card; the kiosk asks the customer.
    await click(kela, 'transfer-open');
    await click(kela, 'transfer-vero-tax-card');
    await waitForTestId(kela, 'transfer-pending');
    await waitForTestId(booth, 'transfer-offer');
    assert.deepEqual(await wcagViolations(booth), [], 'transfer dialog meets WCAG 2.1 AA');
    assert.equal((await server.storage.queue.getTicket(kelaTicket.ticketId))?.status, 'serving', 'nothing moves before consent');
    await click(booth, 'transfer-accept');

    // Back to waiting, with the same number, now for Vero.
    await waitForTestId(booth, 'waiting-screen');
    assert.equal(await textOfTestId(booth, 'ticket-number'), number, 'the same number');
    await waitForTestId(booth, 'transferred-notice');
    assert.equal(await textOfTestId(booth, 'ticket-position'), translate('fi', 'booth.positionNext'));

    const old = await server.storage.queue.getTicket(kelaTicket.ticketId);
    assert.equal(old?.status, 'transferred');
    const [veroTicket] = await server.storage.queue.listTickets({ agencyId: 'vero', statuses: ['waiting'] });
    assert.ok(veroTicket, 'a waiting Vero ticket');
    assert.notEqual(veroTicket.ticketId, kelaTicket.ticketId);
    assert.equal(veroTicket.number, number);
    assert.equal(veroTicket.serviceId, 'vero-tax-card');
    assert.equal(veroTicket.priority, 'transfer');
    assert.equal(veroTicket.visitId, kelaTicket.visitId, 'one visit');
    assert.equal(veroTicket.boothId, kelaTicket.boothId);
    assert.equal((await server.storage.sessions.getSession(kelaSessionId))?.endReason, 'transferred');
    assert.equal((await server.storage.sessions.getSession(veroTicket.sessionId!))?.previousSessionId, kelaSessionId);

    // The Kela expert is back at the queue.
    await poll('the Kela expert to be told', () => textOfTestId(kela, 'notice'), (text) => text === translate('fi', 'agent.transferred'), 5000);
    assert.equal(await kela.$('[data-testid="in-call"]'), null);

    // The Vero expert takes next and gets the transferred customer.
    await vero.bringToFront(); // a background tab gets no animation frames, which clicks wait for
    await waitForTestId(vero, `queue-row-${veroTicket.ticketId}`);
    await click(vero, 'take-next');
    await waitForTestId(vero, 'calling');
    assert.ok((await textOfTestId(vero, 'calling')).includes(number));
    await waitForTestId(booth, 'called-screen');
    assert.ok((await textOfTestId(booth, 'called-screen')).includes(number));
    const called = await server.storage.queue.getTicket(veroTicket.ticketId);
    assert.equal(called?.status, 'called');
    assert.equal(called?.expertId, 'u-expert-vero');

    // And the second session of the visit connects.
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(vero, 'in-call')]);
    await waitForTwoWayMedia(booth, vero);
    assert.equal((await server.storage.sessions.getSession(veroTicket.sessionId!))?.status, 'active');
    await click(vero, 'end-session');
    await waitForTestId(booth, 'call-ended');
    await poll('the Vero ticket to be done', () => server.storage.queue.getTicket(veroTicket.ticketId), (stored) => stored?.status === 'done', 5000);
  });
});
