import type { ServiceSessionRecord, SessionStore } from '../repositories.ts';
import { type Row, toSession } from '../rows.ts';
import { SqlParams, listSessionsSql, sessionColumns, upsertSql } from '../sql.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';

/** Service sessions on SQLite: `saveSession` upserts the whole record. */
export class SqliteSessionStore implements SessionStore {
  readonly #db: SqliteDatabase;
  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async saveSession(record: ServiceSessionRecord): Promise<void> {
    const p = new SqlParams('sqlite');
    prepareCached(this.#db, upsertSql('service_sessions', 'session_id', sessionColumns(record), p)).run(...p.values);
  }

  async getSession(sessionId: string): Promise<ServiceSessionRecord | null> {
    const row = prepareCached(this.#db, 'SELECT * FROM service_sessions WHERE session_id = ?').get(sessionId) as Row | undefined;
    return row ? toSession(row) : null;
  }

  /** Ordered by created_at. */
  async listSessions(filter: { statuses?: ServiceSessionRecord['status'][]; visitId?: string; agencyId?: string }): Promise<ServiceSessionRecord[]> {
    const p = new SqlParams('sqlite');
    const sql = listSessionsSql(filter, p);
    if (sql === null) return [];
    return (prepareCached(this.#db, sql).all(...p.values) as Row[]).map(toSession);
  }
}
