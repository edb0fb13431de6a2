import type { BoothCatalogue, ServicePointDetails, Stop } from '@etapiste/shared';
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

/**
 * What a booth offers now: its point, the bus stop (XS), whether it is open, and the agencies
 * serving there (at a stop: the agencies with a service window at that stop).
 */
export async function boothCatalogue(storage: Storage, servicePointId: string, now = Date.now()): Promise<BoothCatalogue> {
  const details = await storage.catalogue.getServicePointDetails(servicePointId);
  if (!details) throw new Error(`no service point ${servicePointId}`);
  const { address: _address, hostOrganisation: _host, openingHours: _hours, exceptions: _exceptions, queuePolicy: _policy, agencyGraceSeconds: _grace, agencyIds: _ids, ...servicePoint } = details;
  let agencies = await storage.catalogue.listAgenciesAtPoint(servicePointId);
  if (details.kind === 'S') return { servicePoint, stop: null, openNow: isOpenAt(details, now), agencies };

  const date = localDateOf(now);
  const { stop, atStop } = currentStop(await storage.catalogue.listStops(servicePointId, { from: date, to: date }), now);
  if (stop) {
    const windows = await storage.catalogue.listWindows({ stopId: stop.id });
    if (windows.length > 0) {
      const serving = new Set(windows.map((window) => window.agencyId));
      agencies = agencies.filter((agency) => serving.has(agency.id));
    }
  }
  return { servicePoint, stop, openNow: atStop, agencies };
}
