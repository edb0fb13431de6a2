import type { OutboxMessage, OutboxStore } from '../repositories.ts';
import { type Row, newId, toOutboxMessage } from '../rows.ts';
import { SqlParams, insertSql, listOutboxSql, outboxColumns } from '../sql.ts';
import type { PgPool } from './pg-database.ts';

/** Outgoing booking messages on PostgreSQL. */
export class PostgresOutboxStore implements OutboxStore {
  readonly #pool: PgPool;
  readonly #now: () => number;
  constructor(pool: PgPool, options: { now?: () => number } = {}) {
    this.#pool = pool;
    this.#now = options.now ?? Date.now;
  }

  /** Stores the message with a fresh `m_…` id, createdAt = now and sentAt = null. */
  async enqueue(message: Omit<OutboxMessage, 'messageId' | 'createdAt' | 'sentAt'>): Promise<OutboxMessage> {
    const record: OutboxMessage = { ...message, messageId: newId('m'), createdAt: this.#now(), sentAt: null };
    const p = new SqlParams('postgres');
    const { rows } = await this.#pool.query<Row>(`${insertSql('outbox', outboxColumns(record), p)} RETURNING *`, p.values);
    return toOutboxMessage(rows[0]!);
  }

  /** By booking and/or only unsent; ordered by due_at. */
  async list(filter: { bookingId?: string; unsentOnly?: boolean }): Promise<OutboxMessage[]> {
    const p = new SqlParams('postgres');
    return (await this.#pool.query<Row>(listOutboxSql(filter, p), p.values)).rows.map(toOutboxMessage);
  }

  async dropUnsent(bookingId: string, kinds: OutboxMessage['kind'][]): Promise<number> {
    if (kinds.length === 0) return 0;
    const result = await this.#pool.query('DELETE FROM outbox WHERE booking_id = $1 AND sent_at IS NULL AND kind = ANY($2::text[])', [bookingId, kinds]);
    return result.rowCount ?? 0;
  }

  async markSent(messageId: string, sentAt: number): Promise<void> {
    await this.#pool.query('UPDATE outbox SET sent_at = $1 WHERE message_id = $2', [sentAt, messageId]);
  }
}
