import type { Booking, BookingStatus } from '@etapiste/shared';
import type { BookingFilter, BookingStore } from '../repositories.ts';
import { BOOKING_CODE_ATTEMPTS, type Row, newId, randomBookingCode, toBooking } from '../rows.ts';
import { BOOKING_PATCH_COLUMNS, SqlParams, bookingColumns, insertSql, listBookingsSql, updateIfSql } from '../sql.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';

/**
 * Bookings on SQLite. Codes are unique among open bookings by the partial unique index
 * `bookings_open_code` (status booked or checkedIn); a cancelled or served booking frees its code.
 */
export class SqliteBookingStore implements BookingStore {
  readonly #db: SqliteDatabase;
  readonly #generateCode: () => string;
  constructor(db: SqliteDatabase, options: { generateCode?: () => string } = {}) {
    this.#db = db;
    this.#generateCode = options.generateCode ?? randomBookingCode;
  }

  /**
   * Inserts with a random six-digit code; on a clash with an open booking (ON CONFLICT DO
   * NOTHING returns no row) tries a new code, up to 20 times.
   */
  async createBooking(draft: Omit<Booking, 'bookingId' | 'code'>): Promise<Booking> {
    for (let attempt = 0; attempt < BOOKING_CODE_ATTEMPTS; attempt++) {
      const booking: Booking = { ...draft, bookingId: newId('b'), code: this.#generateCode() };
      const p = new SqlParams('sqlite');
      const sql = `${insertSql('bookings', bookingColumns(booking), p)} ON CONFLICT DO NOTHING RETURNING *`;
      const row = prepareCached(this.#db, sql).get(...p.values) as Row | undefined;
      if (row) return toBooking(row);
    }
    throw new Error(`no free booking code after ${BOOKING_CODE_ATTEMPTS} attempts`);
  }

  async getBooking(bookingId: string): Promise<Booking | null> {
    const row = prepareCached(this.#db, 'SELECT * FROM bookings WHERE booking_id = ?').get(bookingId) as Row | undefined;
    return row ? toBooking(row) : null;
  }

  /** The booked or checked-in booking holding this code. */
  async findOpenBookingByCode(code: string): Promise<Booking | null> {
    const row = prepareCached(this.#db, "SELECT * FROM bookings WHERE code = ? AND status IN ('booked', 'checkedIn')").get(code) as
      | Row
      | undefined;
    return row ? toBooking(row) : null;
  }

  /** Filtered by agency, point, stop, date and statuses; ordered by starts_at. */
  async listBookings(filter: BookingFilter): Promise<Booking[]> {
    const p = new SqlParams('sqlite');
    const sql = listBookingsSql(filter, p);
    if (sql === null) return [];
    return (prepareCached(this.#db, sql).all(...p.values) as Row[]).map(toBooking);
  }

  /** Compare-and-set on status; only the given fields are written. */
  async updateBookingIf(
    bookingId: string,
    expectedStatus: BookingStatus,
    patch: Partial<Omit<Booking, 'bookingId' | 'code'>>,
  ): Promise<Booking | null> {
    const p = new SqlParams('sqlite');
    const sql = updateIfSql('bookings', 'booking_id', BOOKING_PATCH_COLUMNS, bookingId, expectedStatus, patch, p);
    const row = prepareCached(this.#db, sql).get(...p.values) as Row | undefined;
    return row ? toBooking(row) : null;
  }
}
