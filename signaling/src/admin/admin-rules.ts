import { parseBody } from '../http/validation.ts';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { z } from 'zod';
import {
  ErrorCode,
  EtapisteError,
  Id,
  minutesOf,
  weekdayOf,
  type Booking,
  type LocalDate,
  type SaveServiceWindowRequest,
  type ServicePointDetails,
  type ServiceWindow,
} from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';

/** One failing field, as in every VALIDATION_FAILED body: `{ path: 'stops.0.to', message }`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export function validationFailed(message: string, problems: FieldProblem[]): EtapisteError {
  return new EtapisteError(ErrorCode.ValidationFailed, message, problems);
}

/** Parses a body, query or path value (the shared REST validation). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what = 'request body'): T {
  return parseBody(schema, value, what);
}

export function pathId(request: Request, name = 'id'): string {
  return parseWith(Id, request.params[name], `path parameter ${name}`);
}

/** The principal of the request's bearer token, if its role is one of `roles`. */
/** A fresh id with a kind prefix: `ag_…`, `sv_…`, `sp_…`, `st_…`, `w_…`. */
export function newId(prefix: 'ag' | 'sv' | 'sp' | 'st' | 'w' | 'prov' | 'u'): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** The id of a saved entity: from the path on update (the body may repeat it), else the body's or a fresh one. */
export function resolveId(pathValue: string | null, bodyId: string | undefined, prefix: Parameters<typeof newId>[0]): string {
  if (pathValue === null) return bodyId ?? newId(prefix);
  if (bodyId !== undefined && bodyId !== pathValue) throw validationFailed('id does not match the URL', [{ path: 'id', message: 'must equal the id in the URL' }]);
  return pathValue;
}

/** Today's date in Finland. */
export function todayInFinland(now = new Date()): LocalDate {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

type Span = { from: string; to: string };
const overlaps = (a: Span, b: Span) => a.from < b.to && b.from < a.to;
const within = (inner: Span, outer: Span) => outer.from <= inner.from && inner.to <= outer.to;
const spans = (list: Span[]) => list.map((span) => `${span.from}–${span.to}`).join(', ');

/** Opening spans of an S point on a weekday or date; null when the point defines no hours at all. */
function openSpans(point: ServicePointDetails, window: SaveServiceWindowRequest): Span[] | null {
  if (window.date !== null) {
    const exception = point.exceptions.find((entry) => entry.date === window.date);
    if (exception?.closed) return [];
    if (exception?.from && exception.to) return [{ from: exception.from, to: exception.to }];
  }
  if (point.openingHours.length === 0) return null;
  const weekday = window.weekday ?? (window.date !== null ? weekdayOf(window.date) : null);
  return point.openingHours.filter((hours) => hours.weekday === weekday);
}

/**
 * Checks a window against the catalogue: the point and agency exist, the agency serves at the
 * point, XS windows are during one of the point's own stops, S windows fit the opening hours,
 * and the agency has no other window overlapping it. Returns the point.
 */
export async function checkWindow(storage: Storage, window: SaveServiceWindowRequest, selfId: string | null): Promise<ServicePointDetails> {
  const { catalogue } = storage;
  const point = await catalogue.getServicePointDetails(window.servicePointId);
  if (!point) throw validationFailed('no such service point', [{ path: 'servicePointId', message: 'no such service point' }]);
  if (!(await catalogue.getAgency(window.agencyId))) throw validationFailed('no such agency', [{ path: 'agencyId', message: 'no such agency' }]);
  if (!point.agencyIds.includes(window.agencyId)) {
    throw new EtapisteError(ErrorCode.Conflict, `agency ${window.agencyId} does not serve at ${point.id}; add it to the point's agencies first`);
  }
  if (point.kind === 'XS') {
    if (window.stopId === null) {
      throw validationFailed('a window at a service bus is during one of its stops', [{ path: 'stopId', message: 'choose a stop of this bus' }]);
    }
    const stop = await catalogue.getStop(window.stopId);
    if (!stop) throw validationFailed('no such stop', [{ path: 'stopId', message: 'no such stop' }]);
    if (stop.servicePointId !== point.id) {
      throw validationFailed('the stop belongs to another service point', [{ path: 'stopId', message: `stop ${stop.id} is not a stop of ${point.id}` }]);
    }
    if (!within(window, stop)) {
      throw validationFailed('the window is outside the stop', [{ path: 'from', message: `must be within the stop ${stop.from}–${stop.to}` }]);
    }
  } else {
    if (window.stopId !== null) throw validationFailed('only service buses have stops', [{ path: 'stopId', message: 'an S point has no stops' }]);
    const open = openSpans(point, window);
    if (open !== null && !open.some((span) => within(window, span))) {
      const where = window.date !== null ? `on ${window.date}` : `on weekday ${window.weekday}`;
      const message = open.length === 0 ? `the point is closed ${where}` : `must be within the opening hours ${where}: ${spans(open)}`;
      throw validationFailed('the window is outside the opening hours', [{ path: window.date !== null ? 'date' : 'from', message }]);
    }
  }
  const same = await catalogue.listWindows({ servicePointId: point.id, agencyId: window.agencyId });
  const clash = same.find(
    (other) =>
      other.id !== selfId &&
      other.weekday === window.weekday &&
      other.date === window.date &&
      other.stopId === window.stopId &&
      overlaps(other, window),
  );
  if (clash) throw new EtapisteError(ErrorCode.Conflict, `overlaps the agency's window ${clash.id} (${clash.from}–${clash.to})`);
  return point;
}

function bookingInWindow(booking: Booking, window: Omit<ServiceWindow, 'id'>): boolean {
  if (booking.servicePointId !== window.servicePointId || booking.agencyId !== window.agencyId) return false;
  const day =
    window.stopId !== null ? booking.stopId === window.stopId : window.date !== null ? booking.date === window.date : weekdayOf(booking.date) === window.weekday;
  return day && window.from <= booking.from && minutesOf(booking.to) <= minutesOf(window.to);
}

/**
 * Refuses to delete or change a window while open bookings from today on lie in it and would
 * not lie in its replacement: they must be cancelled or rebooked first.
 */
export async function refuseOrphanedBookings(storage: Storage, old: ServiceWindow, replacement: Omit<ServiceWindow, 'id'> | null): Promise<void> {
  if (old.kind !== 'bookable') return;
  const today = todayInFinland();
  const open = await storage.bookings.listBookings({ servicePointId: old.servicePointId, agencyId: old.agencyId, statuses: ['booked', 'checkedIn'] });
  const orphaned = open.filter(
    (booking) =>
      booking.date >= today &&
      bookingInWindow(booking, old) &&
      !(replacement && replacement.kind === 'bookable' && bookingInWindow(booking, replacement)),
  );
  if (orphaned.length > 0) {
    throw new EtapisteError(ErrorCode.Conflict, `${orphaned.length} open booking(s) lie in this window; cancel or rebook them first`, {
      bookingIds: orphaned.map((booking) => booking.bookingId),
    });
  }
}

export { overlaps };
