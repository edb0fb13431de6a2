import type { UsageEvent } from '@etapiste/shared';
import {
  billingAggregateOf,
  billingQuery,
  interpretingAggregateOf,
  interpretingAggregateQuery,
  interpretingFactInsertSql,
  visitAggregateOf,
  visitAggregateQuery,
  visitFactUpsertSql,
} from '../../statistics/fact-sql.ts';
import {
  factsOfEvent,
  interpretingFactColumns,
  interpretingFactValues,
  visitFactColumns,
  visitFactValues,
  type BillingAggregate,
  type BillingFactQuery,
  type InterpretingAggregate,
  type InterpretingFact,
  type InterpretingFactQuery,
  type VisitAggregate,
  type VisitFact,
  type VisitFactQuery,
} from '../../statistics/facts.ts';
import { SqliteReader } from '../../statistics/sqlite-reader.ts';
import type { FeedbackText, StatisticsStore } from '../repositories.ts';
import { localDateOf } from '../../time/helsinki-time.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';
import { listUsageEventsSql, SqlParams } from '../sql.ts';

const columns = [
  'event_id', 'kind', 'at', 'local_date', 'hour', 'weekday', 'visit_id', 'session_id', 'service_point_id', 'point_kind',
  'region', 'municipality', 'stop_place', 'agency_id', 'service_id', 'channel', 'language', 'data',
] as const;

export function usageEventRow(event: UsageEvent): (string | number | null)[] {
  return [
    event.eventId, event.kind, event.at, event.localDate, event.hour, event.weekday, event.visitId, event.sessionId,
    event.servicePointId, event.pointKind, event.region, event.municipality, event.stopPlace, event.agencyId,
    event.serviceId, event.channel, event.language, JSON.stringify(event.data),
  ];
}

export function usageEventOf(row: Record<string, unknown>): UsageEvent {
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  const localDate = row.local_date instanceof Date ? row.local_date.toISOString().slice(0, 10) : String(row.local_date);
  return {
    eventId: String(row.event_id),
    kind: row.kind as UsageEvent['kind'],
    at: Number(row.at),
    localDate,
    hour: Number(row.hour),
    weekday: Number(row.weekday),
    visitId: (row.visit_id as string | null) ?? null,
    sessionId: (row.session_id as string | null) ?? null,
    servicePointId: String(row.service_point_id),
    pointKind: row.point_kind as UsageEvent['pointKind'],
    region: String(row.region),
    municipality: String(row.municipality),
    stopPlace: (row.stop_place as string | null) ?? null,
    agencyId: (row.agency_id as string | null) ?? null,
    serviceId: (row.service_id as string | null) ?? null,
    channel: (row.channel as UsageEvent['channel']) ?? null,
    language: (row.language as UsageEvent['language']) ?? null,
    data: data as UsageEvent['data'],
  };
}

export const usageEventColumns = columns;

/** Rows per multi-row INSERT in a bulk load (SQLite allows 32766 parameters). */
const BULK_ROWS = 500;
/** Rows per transaction in a bulk load. */
const BULK_TRANSACTION_ROWS = 50_000;

/** The append-only usage event log on SQLite, with the statistics fact tables. */
export class SqliteStatisticsStore implements StatisticsStore {
  readonly #db: SqliteDatabase;
  readonly #appendTransaction: (event: UsageEvent) => void;
  /** Aggregations run in a worker thread (file databases): they take seconds on a year of data. */
  readonly #reader: SqliteReader;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#reader = new SqliteReader(db);
    this.#appendTransaction = db.transaction((event: UsageEvent) => {
      prepareCached(this.#db, `INSERT INTO usage_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
        ...usageEventRow(event),
      );
      const { visit, interpreting } = factsOfEvent(event);
      if (visit) prepareCached(this.#db, visitFactUpsertSql()).run(...visitFactValues(visit));
      if (interpreting) prepareCached(this.#db, interpretingFactInsertSql()).run(...interpretingFactValues(interpreting));
    });
  }

  async append(event: UsageEvent): Promise<void> {
    this.#appendTransaction(event);
  }

  async visitAggregates(query: VisitFactQuery): Promise<VisitAggregate[]> {
    const { sql, params } = visitAggregateQuery('sqlite', query);
    const rows = await this.#reader.all(sql, params);
    return rows.map((row) => visitAggregateOf(row, query.groupBy.length));
  }

  async interpretingAggregates(query: InterpretingFactQuery): Promise<InterpretingAggregate[]> {
    const { sql, params } = interpretingAggregateQuery('sqlite', query);
    const rows = await this.#reader.all(sql, params);
    return rows.map((row) => interpretingAggregateOf(row, query.groupBy.length));
  }

  async billingAggregates(query: BillingFactQuery): Promise<BillingAggregate[]> {
    const { sql, params } = billingQuery(query);
    return (await this.#reader.all(sql, params)).map(billingAggregateOf);
  }

  async loadFacts(facts: { visits?: readonly VisitFact[]; interpreting?: readonly InterpretingFact[] }): Promise<void> {
    const load = <T>(rows: readonly T[], columnCount: number, sqlOf: (count: number) => string, valuesOf: (row: T) => (string | number | null)[]) => {
      const perStatement = Math.max(1, Math.min(BULK_ROWS, Math.floor(32_000 / columnCount)));
      const chunk = this.#db.transaction((start: number, end: number) => {
        for (let offset = start; offset < end; offset += perStatement) {
          const slice = rows.slice(offset, Math.min(end, offset + perStatement));
          prepareCached(this.#db, sqlOf(slice.length)).run(...slice.flatMap(valuesOf));
        }
      });
      for (let start = 0; start < rows.length; start += BULK_TRANSACTION_ROWS) chunk(start, Math.min(rows.length, start + BULK_TRANSACTION_ROWS));
    };
    load(facts.visits ?? [], visitFactColumns.length, visitFactUpsertSql, visitFactValues);
    load(facts.interpreting ?? [], interpretingFactColumns.length, interpretingFactInsertSql, interpretingFactValues);
  }

  async listEvents(filter: { fromDate: string; toDate: string; kinds?: UsageEvent['kind'][]; agencyId?: string; servicePointId?: string }): Promise<UsageEvent[]> {
    const p = new SqlParams('sqlite');
    const rows = prepareCached(this.#db, listUsageEventsSql(filter, p)).all(...p.values);
    return (rows as Record<string, unknown>[]).map(usageEventOf);
  }

  async appendFeedbackText(entry: FeedbackText): Promise<void> {
    prepareCached(this.#db, 'INSERT INTO feedback_texts (at, local_date, service_point_id, agency_id, language, text) VALUES (?, ?, ?, ?, ?, ?)').run(
      entry.at, localDateOf(entry.at), entry.servicePointId, entry.agencyId, entry.language, entry.text,
    );
  }

  async listFeedbackTexts(filter: { fromDate: string; toDate: string; agencyId?: string; servicePointId?: string }): Promise<FeedbackText[]> {
    const rows = prepareCached(
      this.#db,
      `SELECT * FROM feedback_texts WHERE local_date >= ? AND local_date <= ?
         AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR service_point_id = ?) ORDER BY at`,
    ).all(filter.fromDate, filter.toDate, filter.agencyId ?? null, filter.agencyId ?? null, filter.servicePointId ?? null, filter.servicePointId ?? null);
    return (rows as Record<string, unknown>[]).map(feedbackTextOf);
  }
}

export function feedbackTextOf(row: Record<string, unknown>): FeedbackText {
  return {
    at: Number(row.at),
    servicePointId: String(row.service_point_id),
    agencyId: String(row.agency_id),
    language: row.language as FeedbackText['language'],
    text: String(row.text),
  };
}
