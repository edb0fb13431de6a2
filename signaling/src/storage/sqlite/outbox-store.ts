import type { OutboxMessage, OutboxStore } from '../repositories.ts';
import { type Row, newId, toOutboxMessage } from '../rows.ts';
import { SqlParams, insertSql, listOutboxSql, outboxColumns } from '../sql.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';

/** Outgoing booking messages on SQLite. */
export class SqliteOutboxStore implements OutboxStore {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;
  constructor(db: SqliteDatabase, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** Stores the message with a fresh `m_…` id, createdAt = now and sentAt = null. */
  async enqueue(message: Omit<OutboxMessage, 'messageId' | 'createdAt' | 'sentAt'>): Promise<OutboxMessage> {
    const record: OutboxMessage = { ...message, messageId: newId('m'), createdAt: this.#now(), sentAt: null };
    const p = new SqlParams('sqlite');
    const row = prepareCached(this.#db, `${insertSql('outbox', outboxColumns(record), p)} RETURNING *`).get(...p.values) as Row;
    return toOutboxMessage(row);
  }

  /** By booking and/or only unsent; ordered by due_at. */
  async list(filter: { bookingId?: string; unsentOnly?: boolean }): Promise<OutboxMessage[]> {
    const p = new SqlParams('sqlite');
    return (prepareCached(this.#db, listOutboxSql(filter, p)).all(...p.values) as Row[]).map(toOutboxMessage);
  }

  async dropUnsent(bookingId: string, kinds: OutboxMessage['kind'][]): Promise<number> {
    if (kinds.length === 0) return 0;
    const sql = `DELETE FROM outbox WHERE booking_id = ? AND sent_at IS NULL AND kind IN (${kinds.map(() => '?').join(', ')})`;
    return prepareCached(this.#db, sql).run(bookingId, ...kinds).changes;
  }

  async markSent(messageId: string, sentAt: number): Promise<void> {
    prepareCached(this.#db, 'UPDATE outbox SET sent_at = ? WHERE message_id = ?').run(sentAt, messageId);
  }
}
