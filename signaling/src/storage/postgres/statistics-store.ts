import type { UsageEvent } from '@etapiste/shared';
import type { FeedbackText, StatisticsStore } from '../repositories.ts';
import { feedbackTextOf, usageEventColumns, usageEventOf, usageEventRow } from '../sqlite/statistics-store.ts';
import { localDateOf } from '../../time/helsinki-time.ts';
import type { PgPool } from './pg-database.ts';

/** The append-only usage event log on PostgreSQL. */
export class PostgresStatisticsStore implements StatisticsStore {
  readonly #pool: PgPool;
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async append(event: UsageEvent): Promise<void> {
    const placeholders = usageEventColumns.map((_, index) => `$${index + 1}`).join(', ');
    await this.#pool.query(`INSERT INTO usage_events (${usageEventColumns.join(', ')}) VALUES (${placeholders})`, usageEventRow(event));
  }

  async listEvents(filter: { fromDate: string; toDate: string; kinds?: UsageEvent['kind'][]; agencyId?: string; servicePointId?: string }): Promise<UsageEvent[]> {
    const where = ['local_date >= $1', 'local_date <= $2'];
    const values: unknown[] = [filter.fromDate, filter.toDate];
    if (filter.kinds?.length) {
      values.push(filter.kinds);
      where.push(`kind = ANY($${values.length}::text[])`);
    }
    if (filter.agencyId) {
      values.push(filter.agencyId);
      where.push(`agency_id = $${values.length}`);
    }
    if (filter.servicePointId) {
      values.push(filter.servicePointId);
      where.push(`service_point_id = $${values.length}`);
    }
    const { rows } = await this.#pool.query(`SELECT * FROM usage_events WHERE ${where.join(' AND ')} ORDER BY at`, values);
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
