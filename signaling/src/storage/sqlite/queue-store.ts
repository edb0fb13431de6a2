import type { LocalDate, QueueTicket, TicketStatus } from '@etapiste/shared';
import type { QueueStore, TicketFilter } from '../repositories.ts';
import { type Row, newId, toTicket } from '../rows.ts';
import { SqlParams, TICKET_PATCH_COLUMNS, insertSql, listTicketsSql, ticketColumns, updateIfSql } from '../sql.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';

export type TicketDraft = Omit<QueueTicket, 'ticketId' | 'number'> & { number?: string };

/** Auto-allocated numbers skip ones a chained ticket already holds in the same agency. */
const MAX_NUMBER_ATTEMPTS = 20;

/**
 * Walk-in queue tickets on SQLite. `issueTicket` allocates from `ticket_counters` and inserts
 * in one IMMEDIATE transaction; `updateTicketIf` is a single compare-and-set UPDATE. Both have
 * committed (synchronous=FULL) before their promises resolve.
 */
export class SqliteQueueStore implements QueueStore {
  readonly #db: SqliteDatabase;
  readonly #issue: (draft: TicketDraft, localDate: LocalDate) => QueueTicket;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    const next = prepareCached(db, 
      `INSERT INTO ticket_counters (service_point_id, local_date, last_number) VALUES (?, ?, 1)
       ON CONFLICT (service_point_id, local_date) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    );
    const atLeast = prepareCached(db, 
      `INSERT INTO ticket_counters (service_point_id, local_date, last_number) VALUES (?, ?, ?)
       ON CONFLICT (service_point_id, local_date) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)`,
    );
    const transaction = db.transaction((draft: TicketDraft, localDate: LocalDate): QueueTicket => {
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
        let number: string;
        if (draft.number !== undefined) {
          number = draft.number;
          // later numbers of the day stay above a carried one
          atLeast.run(draft.servicePointId, localDate, Number(number));
        } else {
          number = String((next.get(draft.servicePointId, localDate) as { last_number: number }).last_number);
        }
        const p = new SqlParams('sqlite');
        const ticket: QueueTicket = { ...draft, ticketId: newId('t'), number };
        const sql = `${insertSql('tickets', ticketColumns(ticket, localDate), p)} ON CONFLICT DO NOTHING RETURNING *`;
        const row = prepareCached(db, sql).get(...p.values) as Row | undefined;
        if (row) return toTicket(row);
        if (draft.number !== undefined) {
          throw new Error(`ticket number ${number} is already used by agency ${draft.agencyId} at ${draft.servicePointId} on ${localDate}`);
        }
      }
      throw new Error(`no free ticket number at ${draft.servicePointId} on ${localDate}`);
    });
    this.#issue = (draft, localDate) => transaction.immediate(draft, localDate);
  }

  /**
   * Next number of the point for `localDate` (1, 2, 3 …), or `draft.number` for a chained
   * ticket (allowed once per agency and day: unique (point, date, number, agency)).
   */
  async issueTicket(draft: TicketDraft, localDate: LocalDate): Promise<QueueTicket> {
    return this.#issue(draft, localDate);
  }

  async getTicket(ticketId: string): Promise<QueueTicket | null> {
    const row = prepareCached(this.#db, 'SELECT * FROM tickets WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  /** Filtered by agency, point, statuses and issuedSince; ordered by queued_at, issued_at. */
  async listTickets(filter: TicketFilter): Promise<QueueTicket[]> {
    const p = new SqlParams('sqlite');
    const sql = listTicketsSql(filter, p);
    if (sql === null) return [];
    return (prepareCached(this.#db, sql).all(...p.values) as Row[]).map(toTicket);
  }

  /** Compare-and-set on status: one UPDATE … WHERE ticket_id = ? AND status = ? RETURNING *. */
  async updateTicketIf(
    ticketId: string,
    expectedStatus: TicketStatus,
    patch: Partial<Omit<QueueTicket, 'ticketId'>>,
  ): Promise<QueueTicket | null> {
    const p = new SqlParams('sqlite');
    const sql = updateIfSql('tickets', 'ticket_id', TICKET_PATCH_COLUMNS, ticketId, expectedStatus, patch, p);
    const row = prepareCached(this.#db, sql).get(...p.values) as Row | undefined;
    return row ? toTicket(row) : null;
  }
}
