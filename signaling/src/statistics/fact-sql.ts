import type { InterpretingGroupBy, StatisticsGroupBy } from '@etapiste/shared';
import {
  interpretingFactColumns,
  visitFactColumns,
  type BillingAggregate,
  type BillingFactQuery,
  type InterpretingAggregate,
  type InterpretingFactQuery,
  type VisitAggregate,
  type VisitFactQuery,
} from './facts.ts';

/**
 * The SQL of the fact tables for both backends. Written with `?` placeholders; PostgreSQL
 * statements are renumbered to $1, $2, … by `numbered`. The only dialect differences are the
 * percentile aggregate and the float cast.
 */
export type Dialect = 'sqlite' | 'postgres';

/** `?` → `$n` (the SQL here has no other question marks). */
export function numbered(sql: string, offset = 0): string {
  let index = offset;
  return sql.replace(/\?/g, () => `$${++index}`);
}

const dimensionColumns = [
  'local_date', 'month', 'week', 'hour', 'weekday', 'service_point_id', 'point_kind', 'region', 'municipality', 'stop_place',
  'agency_id', 'service_id', 'channel', 'language',
];
const counterColumns = [
  'service_ms', 'sessions_ended', 'no_shows', 'transfers', 'interpreter_requests', 'interpreter_sessions', 'interpreter_ms',
  'device_uses', 'media_samples', 'media_rtt_sum', 'media_loss_sum',
];

const earlierIssue = 'excluded.issued_at IS NOT NULL AND (visit_facts.issued_at IS NULL OR excluded.issued_at < visit_facts.issued_at)';
const earlierStart = 'excluded.started_at IS NOT NULL AND (visit_facts.started_at IS NULL OR excluded.started_at < visit_facts.started_at)';
const laterFeedback = 'excluded.feedback_at IS NOT NULL AND (visit_facts.feedback_at IS NULL OR excluded.feedback_at >= visit_facts.feedback_at)';
const pick = (condition: string, column: string) => `${column} = CASE WHEN ${condition} THEN excluded.${column} ELSE visit_facts.${column} END`;

/** The order-independent merge of visit deltas (see facts.ts), for `rows` rows at once. */
export function visitFactUpsertSql(rows = 1): string {
  const row = `(${visitFactColumns.map(() => '?').join(', ')})`;
  return `INSERT INTO visit_facts (${visitFactColumns.map(([column]) => column).join(', ')})
    VALUES ${Array.from({ length: rows }, () => row).join(', ')}
    ON CONFLICT (visit_id) DO UPDATE SET
      ${[
        pick(earlierIssue, 'issued_at'),
        ...dimensionColumns.map((column) => pick(earlierIssue, column)),
        pick(earlierStart, 'started_at'),
        pick(earlierStart, 'wait_ms'),
        ...counterColumns.map((column) => `${column} = visit_facts.${column} + excluded.${column}`),
        ...['feedback_at', 'ces', 'csat', 'nps'].map((column) => pick(laterFeedback, column)),
      ].join(',\n      ')}`;
}

export function interpretingFactInsertSql(rows = 1): string {
  const row = `(${interpretingFactColumns.map(() => '?').join(', ')})`;
  return `INSERT INTO interpreting_facts (${interpretingFactColumns.map(([column]) => column).join(', ')})
    VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

const percentile = (dialect: Dialect, expression: string, fraction: number) =>
  dialect === 'postgres' ? `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expression})` : `percentile_cont(${expression}, ${fraction})`;
const float = (dialect: Dialect, expression: string) => (dialect === 'postgres' ? `(${expression})::float8` : `(${expression}) * 1.0`);

const visitKeyColumn: Record<StatisticsGroupBy, string> = {
  day: 'local_date',
  week: 'week',
  month: 'month',
  servicePoint: 'service_point_id',
  region: 'region',
  municipality: 'municipality',
  agency: 'agency_id',
  service: 'service_id',
  hour: 'hour',
  weekday: 'weekday',
  stop: 'stop_place',
  channel: 'channel',
  language: 'language',
};

const interpretingKeyColumn: Record<InterpretingGroupBy, string> = {
  agency: 'agency_id',
  provider: 'provider_id',
  language: 'language',
  month: 'month',
  week: 'week',
  day: 'local_date',
  region: 'region',
  servicePoint: 'service_point_id',
};

export interface BuiltQuery {
  sql: string;
  params: (string | number)[];
}

/** visit_facts grouped: exact counts and sums, exact percentiles (linear interpolation). */
export function visitAggregateQuery(dialect: Dialect, query: VisitFactQuery): BuiltQuery {
  const keys = query.groupBy.map((group) => visitKeyColumn[group]);
  const where = ['issued_at IS NOT NULL', 'local_date >= ?', 'local_date <= ?'];
  const params: (string | number)[] = [query.from, query.to];
  for (const [column, value] of [['agency_id', query.agencyId], ['service_point_id', query.servicePointId], ['region', query.region]] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const sql = `SELECT ${keys.map((column, index) => `${column} AS k${index}`).join(', ')},
      COUNT(*) AS visits,
      ${count('started_at IS NOT NULL')} AS served,
      ${count("channel = 'walkIn'")} AS walk_in,
      ${count("channel = 'booked'")} AS booked,
      ${count('no_shows > 0')} AS no_shows,
      SUM(transfers) AS transfers,
      COUNT(wait_ms) AS wait_count,
      SUM(wait_ms) AS wait_sum,
      ${percentile(dialect, 'wait_ms', 0.5)} AS wait_median,
      ${percentile(dialect, 'wait_ms', 0.9)} AS wait_p90,
      ${count('sessions_ended > 0')} AS service_count,
      SUM(CASE WHEN sessions_ended > 0 THEN service_ms ELSE 0 END) AS service_sum,
      ${percentile(dialect, 'CASE WHEN sessions_ended > 0 THEN service_ms END', 0.5)} AS service_median,
      COUNT(feedback_at) AS feedback_count,
      COUNT(ces) AS ces_count,
      SUM(ces) AS ces_sum,
      COUNT(csat) AS csat_count,
      SUM(csat) AS csat_sum,
      COUNT(nps) AS nps_count,
      ${count('nps >= 9')} AS nps_promoters,
      ${count('nps <= 6')} AS nps_detractors,
      SUM(interpreter_requests) AS interpreter_requests,
      SUM(interpreter_sessions) AS interpreter_sessions,
      SUM(interpreter_ms) AS interpreter_ms,
      SUM(device_uses) AS device_uses,
      ${count('media_samples > 0')} AS media_visits,
      ${percentile(dialect, `CASE WHEN media_samples > 0 THEN ${float(dialect, 'media_rtt_sum')} / media_samples END`, 0.5)} AS media_rtt_median,
      SUM(media_samples) AS media_samples,
      SUM(media_loss_sum) AS media_loss_sum
    FROM visit_facts
    WHERE ${where.join(' AND ')}
    GROUP BY ${keys.join(', ')}`;
  return { sql, params };
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const keyOf = (row: Record<string, unknown>, length: number) =>
  Array.from({ length }, (_, index) => {
    const value = row[`k${index}`];
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : String(value);
  });

export function visitAggregateOf(row: Record<string, unknown>, keyLength: number): VisitAggregate {
  return {
    key: keyOf(row, keyLength),
    visits: num(row.visits),
    served: num(row.served),
    walkIn: num(row.walk_in),
    booked: num(row.booked),
    noShows: num(row.no_shows),
    transfers: num(row.transfers),
    waitCount: num(row.wait_count),
    waitSumMs: num(row.wait_sum),
    waitMedianMs: numOrNull(row.wait_median),
    waitP90Ms: numOrNull(row.wait_p90),
    serviceCount: num(row.service_count),
    serviceSumMs: num(row.service_sum),
    serviceMedianMs: numOrNull(row.service_median),
    feedbackCount: num(row.feedback_count),
    cesCount: num(row.ces_count),
    cesSum: num(row.ces_sum),
    csatCount: num(row.csat_count),
    csatSum: num(row.csat_sum),
    npsCount: num(row.nps_count),
    npsPromoters: num(row.nps_promoters),
    npsDetractors: num(row.nps_detractors),
    interpreterRequests: num(row.interpreter_requests),
    interpreterSessions: num(row.interpreter_sessions),
    interpreterMs: num(row.interpreter_ms),
    deviceUses: num(row.device_uses),
    mediaVisits: num(row.media_visits),
    mediaRttMedianMs: numOrNull(row.media_rtt_median),
    mediaSamples: num(row.media_samples),
    mediaLossSum: num(row.media_loss_sum),
  };
}

export function interpretingAggregateQuery(dialect: Dialect, query: InterpretingFactQuery): BuiltQuery {
  const keys = query.groupBy.map((group) => interpretingKeyColumn[group]);
  const where = ['local_date >= ?', 'local_date <= ?'];
  const params: (string | number)[] = [query.from, query.to];
  for (const [column, value] of [['agency_id', query.agencyId], ['provider_id', query.providerId], ['language', query.language]] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const sql = `SELECT ${keys.map((column, index) => `${column} AS k${index}`).join(', ')},
      SUM(CASE WHEN kind = 'interpreterRequested' THEN 1 ELSE 0 END) AS requests,
      SUM(CASE WHEN kind = 'interpreterRequested' AND on_demand = 1 THEN 1 ELSE 0 END) AS on_demand,
      SUM(CASE WHEN kind = 'interpreterAnswered' THEN 1 ELSE 0 END) AS answered,
      ${percentile(dialect, "CASE WHEN kind = 'interpreterAnswered' THEN answer_ms END", 0.5)} AS answer_median,
      SUM(CASE WHEN kind = 'interpreterLeft' THEN 1 ELSE 0 END) AS sessions,
      SUM(CASE WHEN kind = 'interpreterLeft' THEN duration_ms ELSE 0 END) AS duration_ms
    FROM interpreting_facts
    WHERE ${where.join(' AND ')}
    GROUP BY ${keys.join(', ')}`;
  return { sql, params };
}

export function interpretingAggregateOf(row: Record<string, unknown>, keyLength: number): InterpretingAggregate {
  return {
    key: keyOf(row, keyLength),
    requests: num(row.requests),
    onDemandRequests: num(row.on_demand),
    answered: num(row.answered),
    answerMedianMs: numOrNull(row.answer_median),
    sessions: num(row.sessions),
    durationMs: num(row.duration_ms),
  };
}

export function billingQuery(query: BillingFactQuery): BuiltQuery {
  const where = ["kind = 'interpreterLeft'", 'month = ?'];
  const params: (string | number)[] = [query.month];
  for (const [column, value] of [['agency_id', query.agencyId], ['provider_id', query.providerId]] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const sql = `SELECT agency_id, provider_id, language, COUNT(*) AS sessions, SUM(duration_ms) AS duration_ms
    FROM interpreting_facts WHERE ${where.join(' AND ')}
    GROUP BY agency_id, provider_id, language`;
  return { sql, params };
}

export function billingAggregateOf(row: Record<string, unknown>): BillingAggregate {
  return {
    agencyId: (row.agency_id as string | null) ?? null,
    providerId: (row.provider_id as string | null) ?? null,
    language: (row.language as string | null) ?? null,
    sessions: num(row.sessions),
    durationMs: num(row.duration_ms),
  };
}
