import type { BoothCatalogue, ServicePointDetails, ServiceWindow, Stop } from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf, localTimeOf, weekdayOf } from '../time/helsinki-time.ts';

/** Whether an S point is open at `now`: exceptions (holidays, special hours) override weekly hours. */
export function isOpenAt(point: ServicePointDetails, now: number): boolean {
  const date = localDateOf(now);
  const time = localTimeOf(now);
  const exception = point.exceptions.find((entry) => entry.date === date);
  if (exception) return !exception.closed && !!exception.from && !!exception.to && exception.from <= time && time < exception.to;
  if (point.openingHours.length === 0) return true;
  const weekday = weekdayOf(date);
  return point.openingHours.some((hours) => hours.weekday === weekday && hours.from <= time && time < hours.to);
}

/** The stop a bus is at now, else its next stop later today. */
export function currentStop(stops: Stop[], now: number): { stop: Stop | null; atStop: boolean } {
  const date = localDateOf(now);
  const time = localTimeOf(now);
  const today = stops.filter((stop) => stop.date === date).sort((a, b) => a.from.localeCompare(b.from));
  const here = today.find((stop) => stop.from <= time && time < stop.to);
  if (here) return { stop: here, atStop: true };
  return { stop: today.find((stop) => stop.from > time) ?? null, atStop: false };
}

/** Whether a walk-in window serves at this moment (weekly, dated or at the given stop). */
function walkInNow(window: ServiceWindow, date: string, time: string, stopId: string | null): boolean {
  if (window.kind !== 'walkIn' || window.from > time || time >= window.to) return false;
  return window.weekday === weekdayOf(date) || window.date === date || (stopId !== null && window.stopId === stopId);
}

/**
 * The agencies that give walk-in numbers now: an agency without walk-in windows at the point
 * serves whenever the point is open; one with walk-in windows only inside them. At a bus stop
 * with windows, only the agencies with a walk-in window at that stop now.
 */
function walkInAgencies<A extends { id: string }>(agencies: A[], windows: ServiceWindow[], now: number, stopId: string | null): A[] {
  const date = localDateOf(now);
  const time = localTimeOf(now);
  return agencies.filter((agency) => {
    const own = windows.filter((window) => window.agencyId === agency.id && window.kind === 'walkIn');
    if (own.length === 0) return stopId === null || windows.length === 0;
    return own.some((window) => walkInNow(window, date, time, stopId));
  });
}

/**
 * What a booth offers now: its point, the bus stop (XS), whether it is open, and the agencies
 * giving walk-in numbers there now (booking check-in does not depend on this list).
 */
export async function boothCatalogue(storage: Storage, servicePointId: string, now = Date.now()): Promise<BoothCatalogue> {
  const details = await storage.catalogue.getServicePointDetails(servicePointId);
  if (!details) throw new Error(`no service point ${servicePointId}`);
  const { address: _address, hostOrganisation: _host, openingHours: _hours, exceptions: _exceptions, queuePolicy: _policy, agencyGraceSeconds: _grace, agencyIds: _ids, ...servicePoint } = details;
  const agencies = await storage.catalogue.listAgenciesAtPoint(servicePointId);
  if (details.kind === 'S') {
    const openNow = isOpenAt(details, now);
    const windows = await storage.catalogue.listWindows({ servicePointId });
    return { servicePoint, stop: null, openNow, agencies: openNow ? walkInAgencies(agencies, windows, now, null) : [] };
  }
  const date = localDateOf(now);
  const { stop, atStop } = currentStop(await storage.catalogue.listStops(servicePointId, { from: date, to: date }), now);
  if (!stop || !atStop) return { servicePoint, stop, openNow: false, agencies: [] };
  const windows = await storage.catalogue.listWindows({ stopId: stop.id });
  return { servicePoint, stop, openNow: true, agencies: walkInAgencies(agencies, windows, now, stop.id) };
}
