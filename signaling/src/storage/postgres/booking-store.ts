import type { Booking, BookingStatus } from '@etapiste/shared';
import type { BookingFilter, BookingStore } from '../repositories.ts';
import { BOOKING_CODE_ATTEMPTS, type Row, newId, randomBookingCode, toBooking } from '../rows.ts';
import { BOOKING_PATCH_COLUMNS, SqlParams, bookingColumns, insertSql, listBookingsSql, updateIfSql } from '../sql.ts';
import type { PgPool } from './pg-database.ts';

/**
 * Bookings on PostgreSQL. Codes are unique among open bookings by the partial unique index
 * `bookings_open_code` (status booked or checkedIn); a cancelled or served booking frees its code.
 */
export class PostgresBookingStore implements BookingStore {
  readonly #pool: PgPool;
  readonly #generateCode: () => string;
  constructor(pool: PgPool, options: { generateCode?: () => string } = {}) {
    this.#pool = pool;
    this.#generateCode = options.generateCode ?? randomBookingCode;
  }

  /**
   * Inserts with a random six-digit code; on a clash with an open booking (ON CONFLICT DO
   * NOTHING returns no row) tries a new code, up to 20 times.
   */
  async createBooking(draft: Omit<Booking, 'bookingId' | 'code'>): Promise<Booking> {
    for (let attempt = 0; attempt < BOOKING_CODE_ATTEMPTS; attempt++) {
      const booking: Booking = { ...draft, bookingId: newId('b'), code: this.#generateCode() };
      const p = new SqlParams('postgres');
      const sql = `${insertSql('bookings', bookingColumns(booking), p)} ON CONFLICT DO NOTHING RETURNING *`;
      const { rows } = await this.#pool.query<Row>(sql, p.values);
      if (rows[0]) return toBooking(rows[0]);
    }
    throw new Error(`no free booking code after ${BOOKING_CODE_ATTEMPTS} attempts`);
  }

  async getBooking(bookingId: string): Promise<Booking | null> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM bookings WHERE booking_id = $1', [bookingId]);
    return rows[0] ? toBooking(rows[0]) : null;
  }

  /** The booked or checked-in booking holding this code. */
  async findOpenBookingByCode(code: string): Promise<Booking | null> {
    const { rows } = await this.#pool.query<Row>("SELECT * FROM bookings WHERE code = $1 AND status IN ('booked', 'checkedIn')", [code]);
    return rows[0] ? toBooking(rows[0]) : null;
  }

  /** Filtered by agency, point, stop, date and statuses; ordered by starts_at. */
  async listBookings(filter: BookingFilter): Promise<Booking[]> {
    const p = new SqlParams('postgres');
    const sql = listBookingsSql(filter, p);
    if (sql === null) return [];
    return (await this.#pool.query<Row>(sql, p.values)).rows.map(toBooking);
  }

  /** Compare-and-set on status; only the given fields are written. */
  async updateBookingIf(
    bookingId: string,
    expectedStatus: BookingStatus,
    patch: Partial<Omit<Booking, 'bookingId' | 'code'>>,
  ): Promise<Booking | null> {
    const p = new SqlParams('postgres');
    const sql = updateIfSql('bookings', 'booking_id', BOOKING_PATCH_COLUMNS, bookingId, expectedStatus, patch, p);
    const { rows } = await this.#pool.query<Row>(sql, p.values);
    return rows[0] ? toBooking(rows[0]) : null;
  }
}
