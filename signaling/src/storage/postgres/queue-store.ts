import type { LocalDate, QueueTicket, TicketStatus } from '@etapiste/shared';
import type { QueueStore, TicketFilter } from '../repositories.ts';
import { type Row, newId, toTicket } from '../rows.ts';
import { SqlParams, TICKET_PATCH_COLUMNS, insertSql, listTicketsSql, ticketColumns, updateIfSql } from '../sql.ts';
import { type PgPool, withTransaction } from './pg-database.ts';

export type TicketDraft = Omit<QueueTicket, 'ticketId' | 'number'> & { number?: string };

/** Auto-allocated numbers skip ones a chained ticket already holds in the same agency. */
const MAX_NUMBER_ATTEMPTS = 20;

/**
 * Walk-in queue tickets on PostgreSQL. Numbers come from `ticket_counters` (upsert + RETURNING,
 * which row-locks the point's counter for the day until COMMIT) in the same transaction as the
 * ticket insert, so concurrent issuers in any number of processes get distinct numbers.
 */
export class PostgresQueueStore implements QueueStore {
  readonly #pool: PgPool;
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  /**
   * Next number of the point for `localDate` (1, 2, 3 …), or `draft.number` for a chained
   * ticket (allowed once per agency and day: unique (point, date, number, agency)).
   */
  async issueTicket(draft: TicketDraft, localDate: LocalDate): Promise<QueueTicket> {
    return withTransaction(this.#pool, async (client) => {
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
        let number: string;
        if (draft.number !== undefined) {
          number = draft.number;
          // later numbers of the day stay above a carried one
          await client.query(
            `INSERT INTO ticket_counters (service_point_id, local_date, last_number) VALUES ($1, $2, $3)
             ON CONFLICT (service_point_id, local_date)
             DO UPDATE SET last_number = GREATEST(ticket_counters.last_number, EXCLUDED.last_number)`,
            [draft.servicePointId, localDate, Number(number)],
          );
        } else {
          const { rows } = await client.query<{ last_number: number }>(
            `INSERT INTO ticket_counters (service_point_id, local_date, last_number) VALUES ($1, $2, 1)
             ON CONFLICT (service_point_id, local_date) DO UPDATE SET last_number = ticket_counters.last_number + 1
             RETURNING last_number`,
            [draft.servicePointId, localDate],
          );
          number = String(rows[0]!.last_number);
        }
        const p = new SqlParams('postgres');
        const ticket: QueueTicket = { ...draft, ticketId: newId('t'), number };
        const sql = `${insertSql('tickets', ticketColumns(ticket, localDate), p)} ON CONFLICT DO NOTHING RETURNING *`;
        const { rows } = await client.query<Row>(sql, p.values);
        if (rows[0]) return toTicket(rows[0]);
        if (draft.number !== undefined) {
          throw new Error(`ticket number ${number} is already used by agency ${draft.agencyId} at ${draft.servicePointId} on ${localDate}`);
        }
      }
      throw new Error(`no free ticket number at ${draft.servicePointId} on ${localDate}`);
    });
  }

  async getTicket(ticketId: string): Promise<QueueTicket | null> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM tickets WHERE ticket_id = $1', [ticketId]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  /** Filtered by agency, point, statuses and issuedSince; ordered by queued_at, issued_at. */
  async listTickets(filter: TicketFilter): Promise<QueueTicket[]> {
    const p = new SqlParams('postgres');
    const sql = listTicketsSql(filter, p);
    if (sql === null) return [];
    return (await this.#pool.query<Row>(sql, p.values)).rows.map(toTicket);
  }

  /**
   * Compare-and-set on status: one UPDATE … WHERE ticket_id = $ AND status = $ RETURNING *.
   * A concurrent second claim waits for the first's row lock, re-checks the status and misses.
   */
  async updateTicketIf(
    ticketId: string,
    expectedStatus: TicketStatus,
    patch: Partial<Omit<QueueTicket, 'ticketId'>>,
  ): Promise<QueueTicket | null> {
    const p = new SqlParams('postgres');
    const sql = updateIfSql('tickets', 'ticket_id', TICKET_PATCH_COLUMNS, ticketId, expectedStatus, patch, p);
    const { rows } = await this.#pool.query<Row>(sql, p.values);
    return rows[0] ? toTicket(rows[0]) : null;
  }
}
