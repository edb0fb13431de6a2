import type { ServiceSessionRecord, SessionStore } from '../repositories.ts';
import { type Row, toSession } from '../rows.ts';
import { SqlParams, listSessionsSql, sessionColumns, upsertSql } from '../sql.ts';
import type { PgPool } from './pg-database.ts';

/** Service sessions on PostgreSQL: `saveSession` upserts the whole record. */
export class PostgresSessionStore implements SessionStore {
  readonly #pool: PgPool;
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async saveSession(record: ServiceSessionRecord): Promise<void> {
    const p = new SqlParams('postgres');
    await this.#pool.query(upsertSql('service_sessions', 'session_id', sessionColumns(record), p), p.values);
  }

  async getSession(sessionId: string): Promise<ServiceSessionRecord | null> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM service_sessions WHERE session_id = $1', [sessionId]);
    return rows[0] ? toSession(rows[0]) : null;
  }

  /** Ordered by created_at. */
  async listSessions(filter: { statuses?: ServiceSessionRecord['status'][]; visitId?: string; agencyId?: string }): Promise<ServiceSessionRecord[]> {
    const p = new SqlParams('postgres');
    const sql = listSessionsSql(filter, p);
    if (sql === null) return [];
    return (await this.#pool.query<Row>(sql, p.values)).rows.map(toSession);
  }
}
