import type { UsageEvent } from '@etapiste/shared';
import {
  billingAggregateOf,
  billingQuery,
  interpretingAggregateOf,
  interpretingAggregateQuery,
  interpretingFactInsertSql,
  numbered,
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
import type { FeedbackText, StatisticsStore } from '../repositories.ts';
import { feedbackTextOf, usageEventColumns, usageEventOf, usageEventRow } from '../sqlite/statistics-store.ts';
import { localDateOf } from '../../time/helsinki-time.ts';
import { withTransaction, type PgPool } from './pg-database.ts';
import { listUsageEventsSql, SqlParams } from '../sql.ts';

const eventInsertSql = `INSERT INTO usage_events (${usageEventColumns.join(', ')}) VALUES (${usageEventColumns.map(() => '?').join(', ')})`;
/** Rows per multi-row INSERT in a bulk load (PostgreSQL allows 65535 parameters). */
const BULK_ROWS = 1000;

/** The append-only usage event log on PostgreSQL, with the statistics fact tables. */
export class PostgresStatisticsStore implements StatisticsStore {
  readonly #pool: PgPool;
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  /**
   * One statement: the event insert and the fact changes as data-modifying CTEs, so they
   * commit together (a repeated event id fails the whole statement) in one round trip.
   */
  async append(event: UsageEvent): Promise<void> {
    const { visit, interpreting } = factsOfEvent(event);
    const parts: { sql: string; values: (string | number | null)[] }[] = [{ sql: eventInsertSql, values: usageEventRow(event) }];
    if (interpreting) parts.push({ sql: interpretingFactInsertSql(), values: interpretingFactValues(interpreting) });
    if (visit) parts.push({ sql: visitFactUpsertSql(), values: visitFactValues(visit) });
    let offset = 0;
    const statements = parts.map((part) => {
      const sql = numbered(part.sql, offset);
      offset += part.values.length;
      return sql;
    });
    const main = statements.pop()!;
    const sql = statements.length ? `WITH ${statements.map((statement, index) => `s${index} AS (${statement})`).join(', ')} ${main}` : main;
    await this.#pool.query(sql, parts.flatMap((part) => part.values));
  }

  async visitAggregates(query: VisitFactQuery): Promise<VisitAggregate[]> {
    const { sql, params } = visitAggregateQuery('postgres', query);
    const { rows } = await this.#pool.query(numbered(sql), params);
    return rows.map((row) => visitAggregateOf(row, query.groupBy.length));
  }

  async interpretingAggregates(query: InterpretingFactQuery): Promise<InterpretingAggregate[]> {
    const { sql, params } = interpretingAggregateQuery('postgres', query);
    const { rows } = await this.#pool.query(numbered(sql), params);
    return rows.map((row) => interpretingAggregateOf(row, query.groupBy.length));
  }

  async billingAggregates(query: BillingFactQuery): Promise<BillingAggregate[]> {
    const { sql, params } = billingQuery(query);
    const { rows } = await this.#pool.query(numbered(sql), params);
    return rows.map(billingAggregateOf);
  }

  async loadFacts(facts: { visits?: readonly VisitFact[]; interpreting?: readonly InterpretingFact[] }): Promise<void> {
    await withTransaction(this.#pool, async (client) => {
      const load = async <T>(rows: readonly T[], columnCount: number, sqlOf: (count: number) => string, valuesOf: (row: T) => (string | number | null)[]) => {
        const perStatement = Math.max(1, Math.min(BULK_ROWS, Math.floor(60_000 / columnCount)));
        for (let offset = 0; offset < rows.length; offset += perStatement) {
          const slice = rows.slice(offset, offset + perStatement);
          await client.query(numbered(sqlOf(slice.length)), slice.flatMap(valuesOf));
        }
      };
      await load(facts.visits ?? [], visitFactColumns.length, visitFactUpsertSql, visitFactValues);
      await load(facts.interpreting ?? [], interpretingFactColumns.length, interpretingFactInsertSql, interpretingFactValues);
    });
  }

  async listEvents(filter: { fromDate: string; toDate: string; kinds?: UsageEvent['kind'][]; agencyId?: string; servicePointId?: string }): Promise<UsageEvent[]> {
    const p = new SqlParams('postgres');
    const { rows } = await this.#pool.query(listUsageEventsSql(filter, p), p.values);
    return rows.map(usageEventOf);
  }

  async appendFeedbackText(entry: FeedbackText): Promise<void> {
    await this.#pool.query(
      'INSERT INTO feedback_texts (at, local_date, service_point_id, agency_id, language, text) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.at, localDateOf(entry.at), entry.servicePointId, entry.agencyId, entry.language, entry.text],
    );
  }

  async listFeedbackTexts(filter: { fromDate: string; toDate: string; agencyId?: string; servicePointId?: string }): Promise<FeedbackText[]> {
    const { rows } = await this.#pool.query(
      `SELECT * FROM feedback_texts WHERE local_date >= $1 AND local_date <= $2
         AND ($3::text IS NULL OR agency_id = $3) AND ($4::text IS NULL OR service_point_id = $4) ORDER BY at`,
      [filter.fromDate, filter.toDate, filter.agencyId ?? null, filter.servicePointId ?? null],
    );
    return rows.map(feedbackTextOf);
  }
}
