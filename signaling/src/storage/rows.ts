import { randomInt, randomUUID } from 'node:crypto';
import type {
  Agency,
  Booking,
  InterpretingSkill,
  LocalizedText,
  QueueTicket,
  Service,
  ServicePoint,
  ServicePointDetails,
  ServiceWindow,
  Stop,
} from '@etapiste/shared';
import type { BoothRecord, StaffUserRecord } from './catalogue-repository.ts';
import type { OutboxMessage, ServiceSessionRecord } from './repositories.ts';

/**
 * Row ↔ domain mapping shared by the SQLite and PostgreSQL stores. Both schemas use the same
 * table and column names; they differ in types (SQLite: JSON as TEXT, booleans as 0/1;
 * PostgreSQL: jsonb, boolean, bigint parsed to number, date kept as 'YYYY-MM-DD'), so the
 * converters below accept either form.
 */
export type Row = Record<string, unknown>;

/** Short random ids like the rest of the code: `t_…` tickets, `b_…` bookings, `m_…` messages. */
export const newId = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** A uniformly random six-digit booking code, leading zeros kept. */
export const randomBookingCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** How many fresh codes `createBooking` tries before giving up (collisions are ~1e-6 each). */
export const BOOKING_CODE_ATTEMPTS = 20;

/** Statuses in which a booking holds its code (a partial unique index covers them). */
export const OPEN_BOOKING_STATUSES = ['booked', 'checkedIn'] as const;

export const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const jsonOrNull = <T>(value: unknown): T | null => (value === null || value === undefined ? null : json<T>(value));
const bool = (value: unknown): boolean => value === true || value === 1 || value === 1n;
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));
const str = (value: unknown): string => String(value);
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
/** PostgreSQL returns `date` as a string thanks to the pool's type parser; guard anyway. */
const date = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
const dateOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : date(value));

export const toAgency = (row: Row): Agency => ({
  id: str(row.id),
  code: str(row.code),
  name: json<LocalizedText>(row.name),
  // The policy flag is present only when set, so agencies without it read back as written.
  ...(bool(row.shows_personal_identity_code) ? { showsPersonalIdentityCode: true } : {}),
});

export const toService = (row: Row): Service => ({
  id: str(row.id),
  agencyId: str(row.agency_id),
  name: json<LocalizedText>(row.name),
  remoteCapable: bool(row.remote_capable),
  notRemoteInstructions: jsonOrNull<LocalizedText>(row.not_remote_instructions),
});

export const toServicePoint = (row: Row): ServicePoint => ({
  id: str(row.id),
  kind: str(row.kind) as ServicePoint['kind'],
  name: json<LocalizedText>(row.name),
  municipality: str(row.municipality),
  region: str(row.region),
});

export const toServicePointDetails = (row: Row, agencyIds: string[]): ServicePointDetails => ({
  ...toServicePoint(row),
  address: str(row.address),
  hostOrganisation: jsonOrNull(row.host_organisation),
  openingHours: json(row.opening_hours),
  exceptions: json(row.exceptions),
  queuePolicy: json(row.queue_policy),
  agencyGraceSeconds: json(row.agency_grace_seconds),
  agencyIds,
});

export const toStop = (row: Row): Stop => ({
  id: str(row.id),
  servicePointId: str(row.service_point_id),
  place: str(row.place),
  date: date(row.date),
  from: str(row.from_time),
  to: str(row.to_time),
});

export const toWindow = (row: Row): ServiceWindow => ({
  id: str(row.id),
  servicePointId: str(row.service_point_id),
  agencyId: str(row.agency_id),
  kind: str(row.kind) as ServiceWindow['kind'],
  weekday: numOrNull(row.weekday),
  date: dateOrNull(row.date),
  stopId: strOrNull(row.stop_id),
  from: str(row.from_time),
  to: str(row.to_time),
  slotMinutes: num(row.slot_minutes),
});

export const toBooth = (row: Row): BoothRecord => ({ id: str(row.id), servicePointId: str(row.service_point_id), label: str(row.label) });

export const toStaffUser = (row: Row): StaffUserRecord => ({
  id: str(row.id),
  username: str(row.username),
  passwordHash: str(row.password_hash),
  role: str(row.role) as StaffUserRecord['role'],
  displayName: str(row.display_name),
  agencyId: strOrNull(row.agency_id),
  servicePointId: strOrNull(row.service_point_id),
  active: bool(row.active),
});

export const toTicket = (row: Row): QueueTicket => ({
  ticketId: str(row.ticket_id),
  number: str(row.number),
  visitId: str(row.visit_id),
  servicePointId: str(row.service_point_id),
  agencyId: str(row.agency_id),
  serviceId: str(row.service_id),
  language: str(row.language) as QueueTicket['language'],
  priority: str(row.priority) as QueueTicket['priority'],
  status: str(row.status) as QueueTicket['status'],
  issuedAt: num(row.issued_at),
  queuedAt: num(row.queued_at),
  calledAt: numOrNull(row.called_at),
  boothId: str(row.booth_id),
  expertId: strOrNull(row.expert_id),
  bookingId: strOrNull(row.booking_id),
  sessionId: strOrNull(row.session_id),
  interpreterNeed: jsonOrNull<InterpretingSkill>(row.interpreter_need),
});

export const toBooking = (row: Row): Booking => ({
  bookingId: str(row.booking_id),
  code: str(row.code),
  agencyId: str(row.agency_id),
  serviceId: str(row.service_id),
  servicePointId: str(row.service_point_id),
  stopId: strOrNull(row.stop_id),
  date: date(row.date),
  from: str(row.from_time),
  to: str(row.to_time),
  startsAt: num(row.starts_at),
  language: str(row.language) as Booking['language'],
  status: str(row.status) as Booking['status'],
  createdBy: str(row.created_by),
  createdAt: num(row.created_at),
  interpreterNeed: jsonOrNull<InterpretingSkill>(row.interpreter_need),
  interpreterId: strOrNull(row.interpreter_id),
});

export const toSession = (row: Row): ServiceSessionRecord => ({
  sessionId: str(row.session_id),
  visitId: str(row.visit_id),
  ticketId: strOrNull(row.ticket_id),
  agencyId: str(row.agency_id),
  serviceId: str(row.service_id),
  servicePointId: str(row.service_point_id),
  boothId: str(row.booth_id),
  expertId: strOrNull(row.expert_id),
  language: str(row.language) as ServiceSessionRecord['language'],
  status: str(row.status) as ServiceSessionRecord['status'],
  createdAt: num(row.created_at),
  startedAt: numOrNull(row.started_at),
  endedAt: numOrNull(row.ended_at),
  endReason: strOrNull(row.end_reason) as ServiceSessionRecord['endReason'],
  previousSessionId: strOrNull(row.previous_session_id),
});

export const toOutboxMessage = (row: Row): OutboxMessage => ({
  messageId: str(row.message_id),
  kind: str(row.kind) as OutboxMessage['kind'],
  bookingId: str(row.booking_id),
  dueAt: num(row.due_at),
  payload: json(row.payload),
  createdAt: num(row.created_at),
  sentAt: numOrNull(row.sent_at),
});

/** Test seams for both backends: a fixed code generator forces booking-code collisions. */
export interface StorageHooks {
  generateBookingCode?: () => string;
  now?: () => number;
}
