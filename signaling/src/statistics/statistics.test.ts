import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  ErrorCode,
  EtapisteError,
  StatisticsGroupBy,
  visitFigures,
  interpretingFigures,
  type InterpretingGroupBy,
  type Principal,
  type Role,
  type UsageEvent,
} from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { sqliteMigrations } from '../storage/migrations.ts';
import { postgresMigrations } from '../storage/postgres/migrations.ts';
import { PostgresStorage } from '../storage/postgres/postgres-storage.ts';
import type { Storage } from '../storage/repositories.ts';
import { usageEventColumns, usageEventRow } from '../storage/sqlite/statistics-store.ts';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.ts';
import { startPostgres, type PostgresServer } from '../testing/postgres-server.ts';
import { startTestServer } from '../testing/test-server.ts';
import { epochOf } from '../time/helsinki-time.ts';
import { parseCsv, parseCsvNumber } from './csv.ts';
import { emptyVisitFact, factsOfEvent, isoWeekOf, type VisitFact } from './facts.ts';
import { StatisticsService } from './statistics-service.ts';
import {
  eventsOf,
  expectedBillingRows,
  expectedInterpretingRows,
  expectedVisitRows,
  recordEvents,
  seedStatisticsCatalogue,
  visitSpecs,
} from './statistics-test-data.ts';
import { UsageRecorder } from './usage-recorder.ts';

const specs = visitSpecs();
const events = eventsOf(specs);
const ALL = { from: '2024-12-01', to: '2025-03-31' };

const principal = (role: Role, agencyId: string | null = null): Principal => ({ role, subjectId: `t-${role}`, displayName: role, agencyId, servicePointId: null });
const admin = principal('admin');
const supervisorOf = (agencyId: string) => principal('supervisor', agencyId);

/** Every single grouping, and combinations the screens use. */
const visitGroupings: StatisticsGroupBy[][] = [
  ...StatisticsGroupBy.options.map((group) => [group]),
  ['agency', 'month'],
  ['servicePoint', 'month'],
  ['region', 'hour'],
  ['servicePoint', 'day'],
  ['agency', 'channel', 'weekday'],
  ['stop', 'week'],
  ['municipality', 'service', 'language'],
];
const interpretingGroupings: InterpretingGroupBy[][] = [
  ['agency'], ['provider'], ['language'], ['month'], ['week'], ['day'], ['region'], ['servicePoint'],
  ['language', 'provider'], ['agency', 'provider', 'language'], ['agency', 'month'],
];

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof EtapisteError && error.code === code);

/** Events as recorded by the main storage, for the order and backfill checks. */
async function recordedEvents(storage: Storage): Promise<UsageEvent[]> {
  return storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2100-12-31' });
}

/** Reports that must be equal between two storages with the same events. */
async function reportsOf(storage: Storage) {
  const service = new StatisticsService({ storage, now: () => 0 });
  const result: unknown[] = [];
  for (const groupBy of visitGroupings) result.push((await service.visits(admin, { ...ALL, groupBy, format: 'json' })).rows);
  for (const groupBy of interpretingGroupings) result.push((await service.interpreting(admin, { ...ALL, groupBy, format: 'json' })).rows);
  for (const month of ['2024-12', '2025-01', '2025-02', '2025-03']) result.push((await service.billing(admin, { month, format: 'json' })).rows);
  return result;
}

function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

interface Backend {
  /** A fresh, empty, migrated storage. */
  open(): Promise<Storage>;
  /** A storage whose database held these events before the fact tables existed (then migrated). */
  openLegacy(events: UsageEvent[]): Promise<Storage>;
}

function defineStatisticsTests(name: string, backend: () => Backend): void {
  describe(`statistics on ${name}`, () => {
    let storage: Storage;
    let service: StatisticsService;
    const extra: Storage[] = [];

    before(async () => {
      storage = await backend().open();
      await seedStatisticsCatalogue(storage);
      await recordEvents(storage, events);
      await storage.statistics.appendFeedbackText({ at: epochOf('2025-01-14', '11:30'), servicePointId: 'p-hki', agencyId: 'vero', language: 'fi', text: 'Kiitos; "hyvä" palvelu\nToinen rivi' });
      await storage.statistics.appendFeedbackText({ at: epochOf('2025-01-14', '09:00'), servicePointId: 'p-hki', agencyId: 'vero', language: 'sv', text: '=HYPERLINK("http://x")' });
      await storage.statistics.appendFeedbackText({ at: epochOf('2025-02-04', '12:00'), servicePointId: 'p-oulu', agencyId: 'migri', language: 'en', text: 'Thanks' });
      service = new StatisticsService({ storage, now: () => 1_700_000_000_000 });
    });
    after(async () => {
      for (const instance of [storage, ...extra]) await instance?.close();
    });

    test('the synthetic stream has what the checks need', () => {
      assert.equal(specs.length, 159);
      assert.ok(events.length > 900, `${events.length} events`);
      for (const kind of ['ticketIssued', 'bookingCheckedIn', 'ticketCalled', 'noShow', 'sessionStarted', 'sessionEnded', 'transfer', 'feedback', 'interpreterRequested', 'interpreterAnswered', 'interpreterJoined', 'interpreterLeft', 'deviceUsed', 'mediaQuality']) {
        assert.ok(events.some((event) => event.kind === kind), kind);
      }
    });

    test('every visits figure of every grouping equals the reference', async () => {
      let rows = 0;
      let partly = 0;
      for (const groupBy of visitGroupings) {
        const report = await service.visits(admin, { ...ALL, groupBy, format: 'json' });
        assert.deepEqual(report.rows, expectedVisitRows(specs, groupBy, ALL), groupBy.join(','));
        rows += report.rows.length;
        partly += report.rows.filter((row) => row.visits !== null && row.suppressedFields.length > 0).length;
      }
      assert.ok(rows > 200, `${rows} rows checked`);
      assert.ok(partly > 5, 'rows with single figures suppressed are covered');
    });

    test('filters: period, agency, service point, region', async () => {
      const filters = [
        { from: '2025-01-01', to: '2025-01-31' },
        { from: '2024-12-30', to: '2024-12-30' },
        { ...ALL, agencyId: 'kela' },
        { ...ALL, servicePointId: 'p-bus' },
        { ...ALL, region: 'Uusimaa' },
        { from: '2025-02-01', to: '2025-03-31', agencyId: 'kela', region: 'Uusimaa', servicePointId: 'p-esp' },
        { from: '2026-01-01', to: '2026-12-31' },
      ];
      for (const filter of filters) {
        for (const groupBy of [['agency'], ['servicePoint', 'week'], ['hour']] as StatisticsGroupBy[][]) {
          const report = await service.visits(admin, { ...filter, groupBy, format: 'json' });
          assert.deepEqual(report.rows, expectedVisitRows(specs, groupBy, filter), `${JSON.stringify(filter)} ${groupBy}`);
        }
      }
    });

    test('hand-checked: Vero has 5 visits (shown), Migri 4 (suppressed), 0 is 0', async () => {
      const report = await service.visits(admin, { ...ALL, groupBy: ['agency'], format: 'json' });
      assert.equal(report.generatedAt, 1_700_000_000_000);
      assert.equal(report.suppressionThreshold, 5);
      assert.deepEqual(report.rows.map((row) => row.key.agency), ['kela', 'migri', 'vero']);
      assert.deepEqual(report.rows[2], {
        key: { agency: 'vero' },
        suppressed: false,
        suppressedFields: [],
        visits: 5,
        served: 5,
        walkIn: 3,
        booked: 2,
        noShows: 0,
        transfers: 0,
        waitMeanMin: 6, // 2 4 6 8 10
        waitMedianMin: 6,
        waitP90Min: 9.2, // 8 + 0.6 × 2
        serviceMeanMin: 16, // 10 10 10 20 30
        serviceMedianMin: 10,
        feedbackCount: 5,
        cesMean: 4.2, // 5 4 4 3 5
        csatMean: 4.2, // 5 5 4 4 3
        npsScore: 40, // 10 9 9 7 2: 3 promoters, 1 detractor of 5
        interpreterRequests: 0,
        interpreterMinutes: 0,
        deviceUses: 2,
        mediaRttMedianMs: 60, // visit means 40 50 60 70 80
        mediaLossMeanPct: 0.63, // (1 + 0.5 + 0 + 0.25 + 2 + 0) / 6 = 0.625
      });
      const migri = report.rows[1]!;
      assert.equal(migri.suppressed, true);
      assert.deepEqual(migri.suppressedFields, [...visitFigures]);
      for (const figure of visitFigures) assert.equal(migri[figure], null, figure);
      const kela = report.rows[0]!;
      assert.equal(kela.visits, 150);
      // Transfers to Vero stay with the visit's first agency.
      assert.equal(kela.transfers, specs.filter((spec) => spec.transfer).length);
      assert.ok(kela.transfers! > 0);
    });

    test('week, month, hour and weekday keys: ISO weeks over the year boundary', async () => {
      assert.deepEqual([isoWeekOf('2024-12-29'), isoWeekOf('2024-12-30'), isoWeekOf('2025-01-05'), isoWeekOf('2025-01-06'), isoWeekOf('2021-01-03')], [
        '2024-W52', '2025-W01', '2025-W01', '2025-W02', '2020-W53',
      ]);
      const weeks = await service.visits(admin, { from: '2024-12-29', to: '2025-01-02', groupBy: ['week', 'month'], format: 'json' });
      assert.deepEqual(
        weeks.rows.map((row) => row.key),
        [{ week: '2024-W52', month: '2024-12' }, { week: '2025-W01', month: '2024-12' }, { week: '2025-W01', month: '2025-01' }],
      );
      const byHour = await service.visits(admin, { from: '2025-01-14', to: '2025-01-14', groupBy: ['hour', 'weekday'], agencyId: 'vero', format: 'json' });
      assert.deepEqual(byHour.rows.map((row) => row.key), [10, 11, 12, 13, 14].map((hour) => ({ hour, weekday: 2 })));
      assert.ok(byHour.rows.every((row) => row.suppressed && row.visits === null));
    });

    test('interpreting figures equal the reference; Migri\'s two sign-language sessions are suppressed there', async () => {
      for (const groupBy of interpretingGroupings) {
        const report = await service.interpreting(admin, { ...ALL, groupBy, format: 'json' });
        assert.deepEqual(report.rows, expectedInterpretingRows(specs, groupBy, ALL), groupBy.join(','));
      }
      const byAgency = await service.interpreting(admin, { ...ALL, groupBy: ['agency'], format: 'json' });
      const migri = byAgency.rows.find((row) => row.key.agency === 'migri')!;
      assert.deepEqual(migri, { key: { agency: 'migri' }, suppressed: true, suppressedFields: [...interpretingFigures], requests: null, onDemandRequests: null, answered: null, answerMedianSec: null, sessions: null, minutes: null });
      const kela = byAgency.rows.find((row) => row.key.agency === 'kela')!;
      assert.ok(kela.requests! >= 5 && kela.minutes! > 0);
      const filtered = await service.interpreting(admin, { ...ALL, groupBy: ['provider'], language: 'fse', format: 'json' });
      assert.deepEqual(filtered.rows.map((row) => row.key.provider), ['pr-sign']);
    });

    test('billing: exact minutes per agency, provider, language and month, with totals', async () => {
      const february = await service.billing(admin, { month: '2025-02', format: 'json' });
      assert.deepEqual(february.rows, expectedBillingRows(specs, '2025-02'));
      assert.deepEqual(
        february.rows.find((row) => row.agencyId === 'migri'),
        { agencyId: 'migri', providerId: 'pr-sign', language: 'fse', month: '2025-02', sessions: 2, minutes: 42.5 },
      );
      for (const month of ['2024-12', '2025-01', '2025-03']) {
        const report = await service.billing(admin, { month, format: 'json' });
        const expected = expectedBillingRows(specs, month);
        assert.deepEqual(report.rows, expected, month);
        assert.equal(report.totalSessions, expected.reduce((sum, row) => sum + row.sessions, 0));
        assert.equal(report.totalMinutes, Math.round(expected.reduce((sum, row) => sum + row.minutes, 0) * 10) / 10);
      }
      const migriOnly = await service.billing(supervisorOf('migri'), { month: '2025-02', format: 'json' });
      assert.deepEqual(migriOnly.rows, expectedBillingRows(specs, '2025-02', 'migri'));
      assert.deepEqual([migriOnly.totalSessions, migriOnly.totalMinutes, migriOnly.agencyId], [2, 42.5, 'migri']);
      assert.deepEqual((await service.billing(admin, { month: '2025-02', providerId: 'pr-sign', format: 'json' })).rows.map((row) => row.providerId).filter((id) => id !== 'pr-sign'), []);
    });

    test('a supervisor sees only their own agency; another agency or role is FORBIDDEN', async () => {
      const own = await service.visits(supervisorOf('vero'), { ...ALL, groupBy: ['month', 'servicePoint'], format: 'json' });
      assert.equal(own.agencyId, 'vero');
      assert.deepEqual(own.rows, expectedVisitRows(specs, ['month', 'servicePoint'], { ...ALL, agencyId: 'vero' }));
      assert.deepEqual(own.rows.map((row) => [row.key.month, row.visits]), [['2025-01', 5]]);
      const explicit = await service.visits(supervisorOf('vero'), { ...ALL, groupBy: ['agency'], agencyId: 'vero', format: 'json' });
      assert.deepEqual(explicit.rows.map((row) => row.key.agency), ['vero']);
      const kelaInterpreting = await service.interpreting(supervisorOf('kela'), { ...ALL, groupBy: ['agency'], format: 'json' });
      assert.deepEqual(kelaInterpreting.rows.map((row) => row.key.agency), ['kela']);

      await rejectsWith(service.visits(supervisorOf('vero'), { ...ALL, groupBy: ['agency'], agencyId: 'kela', format: 'json' }), ErrorCode.Forbidden);
      await rejectsWith(service.interpreting(supervisorOf('vero'), { ...ALL, groupBy: ['agency'], agencyId: 'kela', format: 'json' }), ErrorCode.Forbidden);
      await rejectsWith(service.billing(supervisorOf('vero'), { month: '2025-02', agencyId: 'migri', format: 'json' }), ErrorCode.Forbidden);
      await rejectsWith(service.feedbackTexts(supervisorOf('vero'), { ...ALL, agencyId: 'migri', format: 'json' }), ErrorCode.Forbidden);
      await rejectsWith(service.visits(principal('supervisor', null), { ...ALL, groupBy: ['agency'], format: 'json' }), ErrorCode.Forbidden);
      for (const role of ['expert', 'booth', 'hostStaff', 'interpreter'] as const) {
        await rejectsWith(service.visits(principal(role, 'kela'), { ...ALL, groupBy: ['agency'], format: 'json' }), ErrorCode.Forbidden);
      }
    });

    test('CSV: BOM, `;`, decimal comma, CRLF, RFC 4180 quoting, names; parses back to the JSON figures', async () => {
      for (const groupBy of [['servicePoint', 'agency'], ['stop', 'month'], ['agency']] as StatisticsGroupBy[][]) {
        const report = await service.visits(admin, { ...ALL, groupBy, format: 'json' });
        const csv = await service.visitsCsv(report);
        assert.ok(csv.startsWith('\uFEFF'));
        assert.ok(csv.endsWith('\r\n'));
        assert.equal(csv.replaceAll('\r\n', '').includes('\n'), false);
        const [header, ...rows] = parseCsv(csv);
        const keyHeader = groupBy.flatMap((group) => (['agency', 'servicePoint', 'service'].includes(group) ? [group, `${group}Name`] : [group]));
        assert.deepEqual(header, [...keyHeader, ...visitFigures, 'suppressed', 'suppressedFields']);
        assert.equal(rows.length, report.rows.length);
        rows.forEach((cells, index) => {
          const row = report.rows[index]!;
          const record = Object.fromEntries(header!.map((name, column) => [name, cells[column]!]));
          for (const group of groupBy) assert.equal(record[group], String(row.key[group] ?? ''));
          for (const figure of visitFigures) {
            assert.equal(parseCsvNumber(record[figure]!), row[figure], `${groupBy} ${figure}`);
            assert.doesNotMatch(record[figure]!, /\./);
          }
          assert.equal(record.suppressed, String(row.suppressed));
          assert.equal(record.suppressedFields, row.suppressedFields.join(' '));
        });
        if (groupBy[0] === 'servicePoint') {
          assert.match(csv, /\r\np-esp;"Kirjasto ""Sello""; 2\. krs";kela;Kela;\d+;/);
          assert.match(csv, /;\d+,\d+;/, 'decimal comma');
          const espoo = rows.find((cells) => cells[0] === 'p-esp')!;
          assert.equal(espoo[1], 'Kirjasto "Sello"; 2. krs');
        }
        if (groupBy[0] === 'stop') {
          assert.match(csv, /\r\n"Inari; kylä ""keskusta""";2025-0\d;/);
          assert.ok(rows.some((cells) => cells[0] === 'Inari; kylä "keskusta"'));
        }
      }
      const agencyCsv = parseCsv(await service.visitsCsv(await service.visits(admin, { ...ALL, groupBy: ['agency'], format: 'json' })));
      const migri = agencyCsv.find((cells) => cells[0] === 'migri')!;
      assert.deepEqual(migri.slice(2, 2 + visitFigures.length), visitFigures.map(() => ''));
      assert.equal(migri[2 + visitFigures.length], 'true');
      const vero = agencyCsv.find((cells) => cells[0] === 'vero')!;
      assert.deepEqual(vero.slice(0, 9), ['vero', 'Verohallinto', '5', '5', '3', '2', '0', '0', '6']);
      assert.deepEqual(vero.slice(8, 24), ['6', '6', '9,2', '16', '10', '5', '4,2', '4,2', '40', '0', '0', '2', '60', '0,63', 'false', '']);

      const interpreting = await service.interpreting(admin, { ...ALL, groupBy: ['language', 'provider'], format: 'json' });
      const [interpretingHeader, ...interpretingRows] = parseCsv(await service.interpretingCsv(interpreting));
      assert.deepEqual(interpretingHeader, ['language', 'provider', ...interpretingFigures, 'suppressed', 'suppressedFields']);
      interpretingRows.forEach((cells, index) => {
        const row = interpreting.rows[index]!;
        interpretingFigures.forEach((figure, column) => assert.equal(parseCsvNumber(cells[2 + column]!), row[figure]));
      });

      const billing = await service.billing(admin, { month: '2025-02', format: 'json' });
      const [billingHeader, ...billingRows] = parseCsv(await service.billingCsv(billing));
      assert.deepEqual(billingHeader, ['agency', 'agencyName', 'provider', 'language', 'month', 'sessions', 'minutes']);
      assert.deepEqual(
        billingRows.map((cells) => [cells[0], cells[2], cells[3], cells[4], Number(cells[5]), parseCsvNumber(cells[6]!)]),
        billing.rows.map((row) => [row.agencyId, row.providerId, row.language, row.month, row.sessions, row.minutes]),
      );
      assert.ok(billingRows.some((cells) => cells[0] === 'migri' && cells[1] === 'Maahanmuuttovirasto' && cells[6] === '42,5'));
    });

    test('feedback texts: own agency only, a date and no time, formula-safe CSV', async () => {
      const vero = await service.feedbackTexts(supervisorOf('vero'), { ...ALL, format: 'json' });
      assert.deepEqual(vero.texts, [
        { date: '2025-01-14', servicePointId: 'p-hki', agencyId: 'vero', language: 'sv', text: '=HYPERLINK("http://x")' },
        { date: '2025-01-14', servicePointId: 'p-hki', agencyId: 'vero', language: 'fi', text: 'Kiitos; "hyvä" palvelu\nToinen rivi' },
      ]);
      assert.equal(vero.truncated, false);
      assert.equal((await service.feedbackTexts(admin, { ...ALL, format: 'json' })).texts.length, 3);
      assert.equal((await service.feedbackTexts(admin, { ...ALL, servicePointId: 'p-oulu', format: 'json' })).texts.length, 1);
      const csv = await service.feedbackTextsCsv(vero);
      assert.ok(csv.includes('"Kiitos; ""hyvä"" palvelu\nToinen rivi"'));
      const [header, ...rows] = parseCsv(csv);
      assert.deepEqual(header, ['date', 'servicePoint', 'servicePointName', 'agency', 'agencyName', 'language', 'text']);
      assert.deepEqual(rows.map((cells) => cells[6]), [`'=HYPERLINK("http://x")`, 'Kiitos; "hyvä" palvelu\nToinen rivi']);
    });

    test('a repeated event id is refused and changes no figure', async () => {
      const [first] = await recordedEvents(storage);
      const before = await service.visits(admin, { ...ALL, groupBy: ['agency'], format: 'json' });
      await assert.rejects(storage.statistics.append({ ...first! }));
      await assert.rejects(storage.statistics.append({ ...first!, kind: 'transfer', data: {} }));
      assert.deepEqual((await service.visits(admin, { ...ALL, groupBy: ['agency'], format: 'json' })).rows, before.rows);
    });

    test('events appended in any order give the same figures', async () => {
      const shuffled = await backend().open();
      extra.push(shuffled);
      for (const event of seededShuffle(await recordedEvents(storage), 7)) await shuffled.statistics.append(event);
      assert.deepEqual(await reportsOf(shuffled), await reportsOf(storage));
    });

    test('the fact-table migration rebuilds the same figures from an existing event log', async () => {
      const legacy = await backend().openLegacy(await recordedEvents(storage));
      extra.push(legacy);
      assert.deepEqual(await reportsOf(legacy), await reportsOf(storage));
    });

    test('bulk-loaded facts read like appended events', async () => {
      const bulk = await backend().open();
      extra.push(bulk);
      // One merged fact row per visit, merged here by appending the deltas to a map.
      const merged = new Map<string, VisitFact>();
      const interpreting = [];
      for (const event of await recordedEvents(storage)) {
        const facts = factsOfEvent(event);
        if (facts.interpreting) interpreting.push(facts.interpreting);
        if (!facts.visit) continue;
        const fact = merged.get(facts.visit.visitId) ?? emptyVisitFact(facts.visit.visitId);
        merged.set(fact.visitId, mergeForTest(fact, facts.visit));
      }
      await bulk.statistics.loadFacts({ visits: [...merged.values()], interpreting });
      assert.deepEqual(await reportsOf(bulk), await reportsOf(storage));
    });
  });
}

/** The merge rules of facts.ts in plain code (the stores do it in SQL). */
function mergeForTest(current: VisitFact, delta: VisitFact): VisitFact {
  const next = { ...current };
  if (delta.issuedAt !== null && (current.issuedAt === null || delta.issuedAt < current.issuedAt)) {
    for (const field of ['issuedAt', 'localDate', 'month', 'week', 'hour', 'weekday', 'servicePointId', 'pointKind', 'region', 'municipality', 'stopPlace', 'agencyId', 'serviceId', 'channel', 'language'] as const) {
      (next as Record<string, unknown>)[field] = delta[field];
    }
  }
  if (delta.startedAt !== null && (current.startedAt === null || delta.startedAt < current.startedAt)) Object.assign(next, { startedAt: delta.startedAt, waitMs: delta.waitMs });
  for (const field of ['serviceMs', 'sessionsEnded', 'noShows', 'transfers', 'interpreterRequests', 'interpreterSessions', 'interpreterMs', 'deviceUses', 'mediaSamples', 'mediaRttSum', 'mediaLossSum'] as const) {
    next[field] = current[field] + delta[field];
  }
  if (delta.feedbackAt !== null && (current.feedbackAt === null || delta.feedbackAt >= current.feedbackAt)) {
    Object.assign(next, { feedbackAt: delta.feedbackAt, ces: delta.ces, csat: delta.csat, nps: delta.nps });
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Backends
// ---------------------------------------------------------------------------------------------

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-stats-'));
  tempDirs.push(dir);
  return dir;
};

async function openLegacySqlite(legacyEvents: UsageEvent[]): Promise<Storage> {
  const dir = tempDir();
  const db = new Database(path.join(dir, 'etapiste.sqlite'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (const migration of sqliteMigrations.filter((entry) => entry.version <= 3)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(migration.version, '2025-01-01T00:00:00Z');
  }
  const insert = db.prepare(`INSERT INTO usage_events (${usageEventColumns.join(', ')}) VALUES (${usageEventColumns.map(() => '?').join(', ')})`);
  db.transaction(() => legacyEvents.forEach((event) => insert.run(...usageEventRow(event))))();
  db.close();
  return SqliteStorage.open(dir);
}

// In memory, aggregations run inline; on a data directory in a worker thread with its own connection.
defineStatisticsTests('SQLite in memory', () => ({ open: async () => SqliteStorage.open(':memory:'), openLegacy: openLegacySqlite }));
defineStatisticsTests('SQLite data directory', () => ({ open: async () => SqliteStorage.open(tempDir()), openLegacy: openLegacySqlite }));

let postgres: PostgresServer | undefined;
let databases = 0;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

defineStatisticsTests('PostgreSQL', () => ({
  open: async () => PostgresStorage.open(await postgres!.createDatabase(`etapiste_stats_${++databases}`)),
  openLegacy: async (legacyEvents) => {
    const url = await postgres!.createDatabase(`etapiste_stats_${++databases}`);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of postgresMigrations.filter((entry) => entry.version <= 2)) {
        await pool.query(migration.sql);
        await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
      }
      for (const event of legacyEvents) {
        await pool.query(`INSERT INTO usage_events (${usageEventColumns.join(', ')}) VALUES (${usageEventColumns.map((_, index) => `$${index + 1}`).join(', ')})`, usageEventRow(event));
      }
    } finally {
      await pool.end();
    }
    return PostgresStorage.open(url);
  },
}));

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------

describe('statistics REST API', () => {
  let server: EtapisteServer;
  const tokens: Partial<Record<string, string>> = {};
  const mint = (role: Role, agencyId: string | null = null, servicePointId: string | null = null) =>
    server.tokens.issue({ role, subjectId: `rest-${role}`, displayName: role, agencyId, servicePointId }, 600).token;
  const get = async (who: string | null, pathAndQuery: string) => {
    const response = await fetch(`${server.url}/api/statistics${pathAndQuery}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, bytes, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
  };

  before(async () => {
    server = await startTestServer();
    tokens.admin = mint('admin');
    tokens.supervisor = mint('supervisor', 'kela');
    tokens.expert = mint('expert', 'kela');
    tokens.booth = mint('booth', null, 'sp-kallio-library');
    tokens.hostStaff = mint('hostStaff', null, 'sp-kallio-library');
    tokens.interpreter = mint('interpreter');
    // Five Kela visits at the demo library through the real recorder and its catalogue lookups.
    const recorder = new UsageRecorder(server.storage);
    for (let index = 0; index < 5; index++) {
      const context = { servicePointId: 'sp-kallio-library', agencyId: 'kela', serviceId: 'kela-housing-allowance', visitId: `v-rest-${index}`, channel: 'walkIn' as const, language: 'fi' as const };
      const issued = epochOf('2025-05-05', '10:00') + index * 60_000;
      await recorder.record('ticketIssued', { ...context, at: issued }, { priority: 'normal' });
      await recorder.record('sessionStarted', { ...context, at: issued + 120_000 }, { waitMs: 120_000 });
      await recorder.record('sessionEnded', { ...context, channel: null, at: issued + 720_000 }, { serviceMs: 600_000, reason: 'hangup' });
    }
  });
  after(async () => {
    await server?.close();
  });

  const endpoints = ['/visits?from=2025-05-01&to=2025-05-31&groupBy=agency', '/interpreting?from=2025-05-01&to=2025-05-31&groupBy=language', '/billing?month=2025-05', '/feedback-texts?from=2025-05-01&to=2025-05-31'];

  test('experts, booths, host staff and interpreters are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    for (const endpoint of endpoints) {
      for (const role of ['expert', 'booth', 'hostStaff', 'interpreter']) {
        const { status, body } = await get(role, endpoint);
        assert.equal(status, 403, `${role} ${endpoint}`);
        assert.equal(body.error.code, 'FORBIDDEN');
      }
      const anonymous = await get(null, endpoint);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.code, 'UNAUTHENTICATED');
      assert.equal((await get('admin', endpoint)).status, 200, endpoint);
    }
  });

  test('a supervisor gets their agency; another agency is FORBIDDEN; bad queries are VALIDATION_FAILED', async () => {
    const own = await get('supervisor', '/visits?from=2025-05-01&to=2025-05-31&groupBy=servicePoint,region,hour');
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('cache-control'), 'no-store');
    assert.equal(own.body.agencyId, 'kela');
    assert.deepEqual(own.body.rows.map((row: { key: unknown; visits: number; waitMedianMin: number; serviceMeanMin: number }) => [row.key, row.visits, row.waitMedianMin, row.serviceMeanMin]), [
      [{ servicePoint: 'sp-kallio-library', region: 'Uusimaa', hour: 10 }, 5, 2, 10],
    ]);
    const other = await get('supervisor', '/visits?from=2025-05-01&to=2025-05-31&groupBy=agency&agencyId=vero');
    assert.equal(other.status, 403);
    assert.equal(other.body.error.code, 'FORBIDDEN');
    for (const bad of ['/visits?from=2025-05-31&to=2025-05-01&groupBy=agency', '/visits?from=2025-05-01&to=2025-05-31&groupBy=planet', '/visits?from=2025-05-01&to=2025-05-31', '/visits?from=2025-05-01&to=2025-05-31&groupBy=agency&agencyID=vero', '/billing?month=2025-13']) {
      const response = await get('admin', bad);
      assert.equal(response.status, 400, bad);
      assert.equal(response.body.error.code, 'VALIDATION_FAILED');
    }
  });

  test('format=csv answers a UTF-8 attachment with a BOM, `;` and the decimal comma', async () => {
    const { status, headers, bytes } = await get('admin', '/visits?from=2025-05-01&to=2025-05-31&groupBy=agency,day&format=csv');
    assert.equal(status, 200);
    assert.equal(headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(headers.get('content-disposition'), 'attachment; filename="etapiste-visits-2025-05-01-2025-05-31.csv"');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const [header, row] = parseCsv(bytes.toString('utf8'));
    assert.deepEqual(header!.slice(0, 5), ['agency', 'agencyName', 'day', 'visits', 'served']);
    assert.deepEqual(row!.slice(0, 5), ['kela', 'Kela', '2025-05-05', '5', '5']);
    const billing = await get('admin', '/billing?month=2025-05&format=csv');
    assert.equal(billing.headers.get('content-disposition'), 'attachment; filename="etapiste-billing-2025-05.csv"');
    const texts = await get('supervisor', '/feedback-texts?from=2025-05-01&to=2025-05-31&format=csv');
    assert.equal(texts.headers.get('content-disposition'), 'attachment; filename="etapiste-feedback-texts-2025-05-01-2025-05-31.csv"');
  });
});
