import type { Agency, Booking, QueueTicket, Service, ServicePointDetails, ServiceWindow, Stop } from '@etapiste/shared';
import type { BoothRecord, StaffUserRecord } from './catalogue-repository.ts';
import type { BookingFilter, OutboxMessage, ServiceSessionRecord, TicketFilter } from './repositories.ts';

/**
 * SQL text shared by the SQLite and PostgreSQL stores. Only the placeholder style and value
 * encoding differ, and `SqlParams` hides both: every value is a bound parameter, never
 * interpolated; table and column names come from the constants in this file only.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Columns = Record<string, unknown>;

export class SqlParams {
  readonly values: unknown[] = [];
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }
  /** Binds a value and returns its placeholder. Call in the order the placeholders appear in the text (SQLite `?` is positional). */
  add(value: unknown): string {
    this.values.push(this.#dialect === 'sqlite' && typeof value === 'boolean' ? (value ? 1 : 0) : value);
    return this.#dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }
  list(values: readonly unknown[]): string {
    return `(${values.map((value) => this.add(value)).join(', ')})`;
  }
}

const where = (conditions: string[]): string => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** `INSERT INTO table (…) VALUES (…)`; append `ON CONFLICT …` / `RETURNING *` as needed. */
export function insertSql(table: string, columns: Columns, p: SqlParams): string {
  const names = Object.keys(columns);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${p.list(Object.values(columns))}`;
}

/** Insert or replace every column but the key (same syntax in SQLite ≥ 3.24 and PostgreSQL). */
export function upsertSql(table: string, key: string, columns: Columns, p: SqlParams): string {
  const updates = Object.keys(columns)
    .filter((name) => name !== key)
    .map((name) => `${name} = excluded.${name}`);
  return `${insertSql(table, columns, p)} ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`;
}

/**
 * Compare-and-set: `UPDATE … SET <patched columns> WHERE id = … AND status = … RETURNING *`.
 * Only the fields present in `patch` (not undefined) are written; an empty patch still checks
 * the status and returns the row. Unknown fields are a programming error and throw.
 */
export function updateIfSql(
  table: string,
  idColumn: string,
  patchColumns: Readonly<Record<string, string>>,
  id: string,
  expectedStatus: string,
  patch: Record<string, unknown>,
  p: SqlParams,
): string {
  const sets: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = patchColumns[field];
    if (!column) throw new Error(`${table}: field ${field} cannot be patched`);
    // Nested values (an interpreter need) are stored as JSON text on both backends.
    sets.push(`${column} = ${p.add(value !== null && typeof value === 'object' ? JSON.stringify(value) : value)}`);
  }
  if (sets.length === 0) sets.push('status = status');
  return `UPDATE ${table} SET ${sets.join(', ')} WHERE ${idColumn} = ${p.add(id)} AND status = ${p.add(expectedStatus)} RETURNING *`;
}

export const TICKET_PATCH_COLUMNS: Readonly<Record<keyof Omit<QueueTicket, 'ticketId'>, string>> = {
  number: 'number',
  visitId: 'visit_id',
  servicePointId: 'service_point_id',
  agencyId: 'agency_id',
  serviceId: 'service_id',
  language: 'language',
  priority: 'priority',
  status: 'status',
  issuedAt: 'issued_at',
  queuedAt: 'queued_at',
  calledAt: 'called_at',
  boothId: 'booth_id',
  expertId: 'expert_id',
  bookingId: 'booking_id',
  sessionId: 'session_id',
  interpreterNeed: 'interpreter_need',
};

export const BOOKING_PATCH_COLUMNS: Readonly<Record<keyof Omit<Booking, 'bookingId' | 'code'>, string>> = {
  agencyId: 'agency_id',
  serviceId: 'service_id',
  servicePointId: 'service_point_id',
  stopId: 'stop_id',
  date: 'date',
  from: 'from_time',
  to: 'to_time',
  startsAt: 'starts_at',
  language: 'language',
  status: 'status',
  createdBy: 'created_by',
  createdAt: 'created_at',
  interpreterNeed: 'interpreter_need',
  interpreterId: 'interpreter_id',
};

/** Returns null when the filter can match nothing (an empty `statuses` list). */
export function listTicketsSql(filter: TicketFilter, p: SqlParams): string | null {
  const conditions: string[] = [];
  if (filter.agencyId !== undefined) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
  if (filter.servicePointId !== undefined) conditions.push(`service_point_id = ${p.add(filter.servicePointId)}`);
  if (filter.statuses !== undefined) {
    if (filter.statuses.length === 0) return null;
    conditions.push(`status IN ${p.list(filter.statuses)}`);
  }
  if (filter.issuedSince !== undefined) conditions.push(`issued_at >= ${p.add(filter.issuedSince)}`);
  return `SELECT * FROM tickets ${where(conditions)} ORDER BY queued_at, issued_at, ticket_id`;
}

export function listBookingsSql(filter: BookingFilter, p: SqlParams): string | null {
  const conditions: string[] = [];
  if (filter.agencyId !== undefined) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
  if (filter.servicePointId !== undefined) conditions.push(`service_point_id = ${p.add(filter.servicePointId)}`);
  if (filter.stopId !== undefined) conditions.push(`stop_id = ${p.add(filter.stopId)}`);
  if (filter.date !== undefined) conditions.push(`date = ${p.add(filter.date)}`);
  if (filter.interpreterId !== undefined) conditions.push(`interpreter_id = ${p.add(filter.interpreterId)}`);
  if (filter.statuses !== undefined) {
    if (filter.statuses.length === 0) return null;
    conditions.push(`status IN ${p.list(filter.statuses)}`);
  }
  return `SELECT * FROM bookings ${where(conditions)} ORDER BY starts_at, booking_id`;
}

export function listSessionsSql(
  filter: { statuses?: ServiceSessionRecord['status'][]; visitId?: string; agencyId?: string },
  p: SqlParams,
): string | null {
  const conditions: string[] = [];
  if (filter.statuses !== undefined) {
    if (filter.statuses.length === 0) return null;
    conditions.push(`status IN ${p.list(filter.statuses)}`);
  }
  if (filter.visitId !== undefined) conditions.push(`visit_id = ${p.add(filter.visitId)}`);
  if (filter.agencyId !== undefined) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
  return `SELECT * FROM service_sessions ${where(conditions)} ORDER BY created_at, session_id`;
}

export function listOutboxSql(filter: { bookingId?: string; unsentOnly?: boolean }, p: SqlParams): string {
  const conditions: string[] = [];
  if (filter.bookingId !== undefined) conditions.push(`booking_id = ${p.add(filter.bookingId)}`);
  if (filter.unsentOnly) conditions.push('sent_at IS NULL');
  return `SELECT * FROM outbox ${where(conditions)} ORDER BY due_at, created_at, message_id`;
}

export function listStopsSql(servicePointId: string, range: { from: string; to: string } | undefined, p: SqlParams): string {
  const conditions = [`service_point_id = ${p.add(servicePointId)}`];
  if (range) conditions.push(`date >= ${p.add(range.from)}`, `date <= ${p.add(range.to)}`);
  return `SELECT * FROM stops ${where(conditions)} ORDER BY date, from_time, id`;
}

export function listWindowsSql(filter: { servicePointId?: string; agencyId?: string; stopId?: string }, p: SqlParams): string {
  const conditions: string[] = [];
  if (filter.servicePointId !== undefined) conditions.push(`service_point_id = ${p.add(filter.servicePointId)}`);
  if (filter.agencyId !== undefined) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
  if (filter.stopId !== undefined) conditions.push(`stop_id = ${p.add(filter.stopId)}`);
  return `SELECT * FROM service_windows ${where(conditions)} ORDER BY service_point_id, agency_id, from_time, id`;
}

/* Domain → columns. JSON values are always serialised here (pg would turn a JS array into a PostgreSQL array). */

export const agencyColumns = (agency: Agency): Columns => ({
  id: agency.id,
  code: agency.code,
  name: JSON.stringify(agency.name),
  shows_personal_identity_code: agency.showsPersonalIdentityCode === true,
});

export const serviceColumns = (service: Service): Columns => ({
  id: service.id,
  agency_id: service.agencyId,
  name: JSON.stringify(service.name),
  remote_capable: service.remoteCapable,
  not_remote_instructions: service.notRemoteInstructions ? JSON.stringify(service.notRemoteInstructions) : null,
});

export const servicePointColumns = (point: ServicePointDetails): Columns => ({
  id: point.id,
  kind: point.kind,
  name: JSON.stringify(point.name),
  municipality: point.municipality,
  region: point.region,
  address: point.address,
  host_organisation: point.hostOrganisation ? JSON.stringify(point.hostOrganisation) : null,
  opening_hours: JSON.stringify(point.openingHours),
  exceptions: JSON.stringify(point.exceptions),
  queue_policy: JSON.stringify(point.queuePolicy),
  agency_grace_seconds: JSON.stringify(point.agencyGraceSeconds),
});

export const stopColumns = (stop: Stop): Columns => ({
  id: stop.id,
  service_point_id: stop.servicePointId,
  place: stop.place,
  date: stop.date,
  from_time: stop.from,
  to_time: stop.to,
});

export const windowColumns = (window: ServiceWindow): Columns => ({
  id: window.id,
  service_point_id: window.servicePointId,
  agency_id: window.agencyId,
  kind: window.kind,
  weekday: window.weekday,
  date: window.date,
  stop_id: window.stopId,
  from_time: window.from,
  to_time: window.to,
  slot_minutes: window.slotMinutes,
});

export const boothColumns = (booth: BoothRecord, tokenHash: string): Columns => ({
  id: booth.id,
  service_point_id: booth.servicePointId,
  label: booth.label,
  device_token_hash: tokenHash,
});

export const staffUserColumns = (user: StaffUserRecord): Columns => ({
  id: user.id,
  username: user.username,
  password_hash: user.passwordHash,
  role: user.role,
  display_name: user.displayName,
  agency_id: user.agencyId,
  service_point_id: user.servicePointId,
  active: user.active,
});

export const ticketColumns = (ticket: QueueTicket, localDate: string): Columns => ({
  ticket_id: ticket.ticketId,
  number: ticket.number,
  local_date: localDate,
  visit_id: ticket.visitId,
  service_point_id: ticket.servicePointId,
  agency_id: ticket.agencyId,
  service_id: ticket.serviceId,
  language: ticket.language,
  priority: ticket.priority,
  status: ticket.status,
  issued_at: ticket.issuedAt,
  queued_at: ticket.queuedAt,
  called_at: ticket.calledAt,
  booth_id: ticket.boothId,
  expert_id: ticket.expertId,
  booking_id: ticket.bookingId,
  session_id: ticket.sessionId,
  interpreter_need: ticket.interpreterNeed ? JSON.stringify(ticket.interpreterNeed) : null,
});

export const bookingColumns = (booking: Booking): Columns => ({
  booking_id: booking.bookingId,
  code: booking.code,
  agency_id: booking.agencyId,
  service_id: booking.serviceId,
  service_point_id: booking.servicePointId,
  stop_id: booking.stopId,
  date: booking.date,
  from_time: booking.from,
  to_time: booking.to,
  starts_at: booking.startsAt,
  language: booking.language,
  status: booking.status,
  created_by: booking.createdBy,
  created_at: booking.createdAt,
  interpreter_need: booking.interpreterNeed ? JSON.stringify(booking.interpreterNeed) : null,
  interpreter_id: booking.interpreterId,
});

export const sessionColumns = (record: ServiceSessionRecord): Columns => ({
  session_id: record.sessionId,
  visit_id: record.visitId,
  ticket_id: record.ticketId,
  agency_id: record.agencyId,
  service_id: record.serviceId,
  service_point_id: record.servicePointId,
  booth_id: record.boothId,
  expert_id: record.expertId,
  language: record.language,
  status: record.status,
  created_at: record.createdAt,
  started_at: record.startedAt,
  ended_at: record.endedAt,
  end_reason: record.endReason,
  previous_session_id: record.previousSessionId,
});

export const outboxColumns = (message: OutboxMessage): Columns => ({
  message_id: message.messageId,
  kind: message.kind,
  booking_id: message.bookingId,
  due_at: message.dueAt,
  payload: JSON.stringify(message.payload),
  created_at: message.createdAt,
  sent_at: message.sentAt,
});

/** The usage-event log in a date range, optionally of some kinds, one agency or one point. */
export function listUsageEventsSql(
  filter: { fromDate: string; toDate: string; kinds?: readonly string[]; agencyId?: string; servicePointId?: string },
  p: SqlParams,
): string {
  const conditions = [`local_date >= ${p.add(filter.fromDate)}`, `local_date <= ${p.add(filter.toDate)}`];
  if (filter.kinds?.length) conditions.push(`kind IN ${p.list(filter.kinds)}`);
  if (filter.agencyId) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
  if (filter.servicePointId) conditions.push(`service_point_id = ${p.add(filter.servicePointId)}`);
  return `SELECT * FROM usage_events ${where(conditions)} ORDER BY at`;
}
