import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import type { EtapisteServer } from '@etapiste/signaling';
import type { Language, VisitsReport } from '@etapiste/shared';
import { translate } from '@etapiste/shared/i18n';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import {
  attributeOfTestId,
  boothUrl,
  click,
  fillInput,
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
const FEEDBACK_TEXT = 'Selkeä ja ystävällinen palvelu, kiitos!';
const LOGIN_KEY = 'etapiste.agent.login';

/** Today in Finland, as the server dates statistics. */
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());

/**
 * Anonymous feedback and the statistics area in the browsers: a Kela customer is served by video,
 * the expert ends the call, the kiosk asks for feedback (CES, CSAT, NPS, text) and thanks; the
 * scores land in the usage log without the text and the text apart without the visit id. The
 * national administrator opens Statistics, sees today's Kela row suppressed (a single visit),
 * the suppression legend, the charts and the feedback text, and downloads the table as CSV.
 */
describe('feedback at the kiosk, statistics in the admin console', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let staffBrowser: Browser;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-downloads-'));

  before(async () => {
    server = await startTestServer();
    [boothBrowser, staffBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), staffBrowser?.close()]);
    await server?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  test('served call → feedback → thanks; admin statistics: suppressed Kela row, feedback text, CSV download', async () => {
    const booth: Page = await openPage(boothBrowser, boothUrl(server));
    const expert: Page = await openPage(staffBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');

    // A Kela number, taken by the expert, answered: the call connects.
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    await click(expert, 'take-next');
    await waitForTestId(booth, 'called-screen');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await waitForTwoWayMedia(booth, expert);
    const [ticket] = await server.storage.queue.listTickets({ servicePointId: LIBRARY, statuses: ['serving'] });
    assert.ok(ticket?.visitId, 'the visit being served');

    // The expert ends the call: the kiosk's end screen asks for feedback.
    await click(expert, 'end-session');
    await waitForTestId(booth, 'call-ended');
    await waitForTestId(booth, 'feedback-screen');
    assert.equal(await booth.$$eval('h1', (headings) => headings.length), 1, 'one h1');
    assert.equal(await booth.$$eval('[data-testid="feedback-screen"] fieldset legend', (legends) => legends.length), 3, 'three questions with legends');
    assert.equal(await attributeOfTestId(booth, 'feedback-ces-4', 'aria-pressed'), 'false');
    const smallest = await booth.$$eval('[data-testid="feedback-screen"] button', (buttons) =>
      Math.min(...buttons.map((button) => Math.min(button.getBoundingClientRect().width, button.getBoundingClientRect().height))),
    );
    assert.ok(smallest >= 64, `touch targets at least 64 px (smallest ${smallest})`);
    assert.ok((await textOfTestId(booth, 'feedback-screen')).includes(translate('fi', 'booth.feedback.anonymous')), 'the anonymity note');
    assert.deepEqual(await wcagViolations(booth), [], 'feedback screen meets WCAG 2.1 AA');

    await click(booth, 'feedback-ces-4');
    await click(booth, 'feedback-csat-5');
    await click(booth, 'feedback-nps-9');
    await booth.type('[data-testid="feedback-text"]', FEEDBACK_TEXT);
    assert.equal(await attributeOfTestId(booth, 'feedback-ces-4', 'aria-pressed'), 'true', 'the chosen score is pressed');
    assert.equal(await attributeOfTestId(booth, 'feedback-ces-3', 'aria-pressed'), 'false');
    await click(booth, 'feedback-send');
    await waitForTestId(booth, 'feedback-thanks');
    assert.equal(
      await booth.$eval('[data-testid="feedback-thanks"]', (element) => element.closest('[role="status"]') !== null),
      true,
      'the thanks is announced (live region)',
    );
    assert.ok((await textOfTestId(booth, 'feedback-thanks')).includes(translate('fi', 'booth.feedback.thanks')));
    assert.deepEqual(await wcagViolations(booth), [], 'thanks meets WCAG 2.1 AA');

    // Scores in the usage log (no text); the text kept apart, without any visit id.
    const events = await poll(
      'the feedback event',
      () => server.storage.statistics.listEvents({ fromDate: today, toDate: today, kinds: ['feedback'] }),
      (list) => list.length === 1,
      5000,
    );
    const [event] = events;
    assert.equal(event!.visitId, ticket.visitId);
    assert.equal(event!.agencyId, 'kela');
    assert.equal(event!.data.ces, 4);
    assert.equal(event!.data.csat, 5);
    assert.equal(event!.data.nps, 9);
    assert.equal('text' in event!.data, false, 'no text in the usage event');
    assert.ok(!JSON.stringify(event).includes(FEEDBACK_TEXT), 'the text is nowhere in the event');
    const texts = await server.storage.statistics.listFeedbackTexts({ fromDate: today, toDate: today });
    assert.equal(texts.length, 1);
    assert.equal(texts[0]!.text, FEEDBACK_TEXT);
    assert.equal(texts[0]!.agencyId, 'kela');
    assert.ok(!('visitId' in texts[0]!) && !('sessionId' in texts[0]!), 'the text has no visit or session id');
    assert.ok(!JSON.stringify(texts).includes(ticket.visitId!), 'the visit id is nowhere with the text');

    // The kiosk goes back to the start for the next customer.
    await click(booth, 'start-again');
    await waitForTestId(booth, 'language-fi');

    // The national administrator opens Statistics.
    const admin: Page = await openPage(staffBrowser, `${server.url}/agent/`);
    await admin.bringToFront();
    await loginStaffInPage(admin, 'admin', DEMO_PASSWORD);
    await click(admin, 'stats-nav');
    await waitForTestId(admin, 'stats-table');
    const language = (await admin.evaluate(() => document.documentElement.lang)) as Language;

    await fillInput(admin, 'stats-from', today);
    await fillInput(admin, 'stats-to', today);
    await admin.select('[data-testid="stats-group-by"]', 'agency');
    await click(admin, 'stats-run');
    await waitForTestId(admin, 'stats-row-kela');

    // One visit: the Kela row is suppressed, its feedback figures show "–", and the legend says why.
    assert.equal(await attributeOfTestId(admin, 'stats-row-kela', 'data-suppressed'), 'true', 'the single-visit row is suppressed');
    const hiddenCells = await admin.$$eval('[data-testid="stats-row-kela"] td', (cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-testid'), cell.querySelector('[aria-hidden="true"]')?.textContent ?? cell.textContent])),
    );
    assert.equal(hiddenCells['stats-cell-feedbackCount'], '–');
    assert.equal(hiddenCells['stats-cell-cesMean'], '–');
    assert.equal(hiddenCells['stats-cell-visits'], '–');
    assert.equal(await textOfTestId(admin, 'stats-suppression-legend'), translate(language, 'stats.legend', { threshold: 5 }));
    const describedBy = await attributeOfTestId(admin, 'stats-table', 'aria-describedby');
    assert.equal(await admin.$eval(`[id="${describedBy}"]`, (element) => element.getAttribute('data-testid')), 'stats-suppression-legend', 'the legend describes the table');

    // The same report through the API: the figures behind "–" are blanked, not just hidden on screen.
    const report = (await admin.evaluate(async (key: string, day: string) => {
      const { token } = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { token: string };
      const response = await fetch(`/api/statistics/visits?from=${day}&to=${day}&groupBy=agency`, { headers: { authorization: `Bearer ${token}` } });
      return response.json();
    }, LOGIN_KEY, today)) as VisitsReport;
    const kela = report.rows.find((row) => row.key.agency === 'kela');
    assert.ok(kela, 'a Kela row');
    assert.equal(kela.suppressed, true);
    assert.equal(kela.feedbackCount, null);
    assert.equal(kela.cesMean, null);
    assert.ok(kela.suppressedFields.includes('feedbackCount') && kela.suppressedFields.includes('cesMean'));

    // Charts (each with its text alternative) and the anonymous feedback text.
    for (const chart of ['stats-chart-hours', 'stats-chart-wait', 'stats-chart-interpreting']) await waitForTestId(admin, chart);
    assert.ok(
      (await textOfTestId(admin, 'stats-chart-interpreting')).includes(translate(language, 'stats.chart.interpretingEmpty')),
      'no interpreting yet',
    );
    assert.ok((await textOfTestId(admin, 'stats-feedback-texts')).includes(FEEDBACK_TEXT), 'the feedback text is listed');
    assert.deepEqual(await wcagViolations(admin), [], 'statistics area meets WCAG 2.1 AA');

    // CSV download: a real file, as Finnish Excel reads it.
    const cdp = await staffBrowser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
    await click(admin, 'stats-download-csv');
    const fileName = `etapiste-visits-${today}-${today}.csv`;
    await poll('the CSV file to be downloaded', async () => fs.existsSync(path.join(downloads, fileName)), (done) => done, 10_000);
    assert.ok((await textOfTestId(admin, 'stats-download-status')).includes(fileName));
    const bytes = fs.readFileSync(path.join(downloads, fileName));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    const header = lines[0]!.split(';');
    for (const column of ['agency', 'visits', 'feedbackCount', 'cesMean', 'suppressed']) assert.ok(header.includes(column), `header has ${column}: ${lines[0]}`);
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((cell, index) => [header[index]!, cell])));
    const kelaCsv = rows.find((row) => row.agency === 'kela');
    assert.ok(kelaCsv, `a Kela row in ${lines.join(' | ')}`);
    assert.equal(kelaCsv.suppressed, 'true', 'the suppressed flag');
    assert.equal(kelaCsv.feedbackCount, '', 'suppressed figures are empty');
    assert.equal(kelaCsv.cesMean, '');
    await cdp.detach();
  });
});
