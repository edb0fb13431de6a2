import type { BookingSlot, LocalDate, ServicePointDetails, ServiceWindow, Stop } from '@etapiste/shared';
import { epochOf, minutesOf, timeOfMinutes, weekdayOf } from '../time/helsinki-time.ts';

/** The bookable windows of an agency at a point that apply on `date` (weekly, dated, or at that day's stops). */
export function windowsOn(windows: ServiceWindow[], stops: Stop[], date: LocalDate): { window: ServiceWindow; stop: Stop | null }[] {
  const weekday = weekdayOf(date);
  const result: { window: ServiceWindow; stop: Stop | null }[] = [];
  for (const window of windows) {
    if (window.kind !== 'bookable') continue;
    if (window.weekday === weekday || window.date === date) result.push({ window, stop: null });
    else if (window.stopId) {
      const stop = stops.find((candidate) => candidate.id === window.stopId && candidate.date === date);
      if (stop) result.push({ window, stop });
    }
  }
  return result;
}

/**
 * Slots of `slotMinutes` cut from each bookable window on the date, clipped to the stop's time
 * and dropped on days the point is closed (holidays). `taken(startsAt)` says how many open
 * bookings a slot already has; `capacity` is the number of booths at the point.
 */
export function generateSlots(input: {
  point: ServicePointDetails;
  agencyId: string;
  date: LocalDate;
  windows: ServiceWindow[];
  stops: Stop[];
  capacity: number;
  taken: (startsAt: number) => number;
  now: number;
}): BookingSlot[] {
  const { point, agencyId, date } = input;
  const exception = point.exceptions.find((entry) => entry.date === date);
  if (exception?.closed) return [];
  const slots = new Map<number, BookingSlot>();
  for (const { window, stop } of windowsOn(input.windows.filter((entry) => entry.agencyId === agencyId), input.stops, date)) {
    let from = minutesOf(window.from);
    let to = minutesOf(window.to);
    if (stop) {
      from = Math.max(from, minutesOf(stop.from));
      to = Math.min(to, minutesOf(stop.to));
    }
    if (exception && exception.from && exception.to) {
      from = Math.max(from, minutesOf(exception.from));
      to = Math.min(to, minutesOf(exception.to));
    }
    for (let start = from; start + window.slotMinutes <= to; start += window.slotMinutes) {
      const startsAt = epochOf(date, timeOfMinutes(start));
      if (slots.has(startsAt)) continue;
      slots.set(startsAt, {
        servicePointId: point.id,
        agencyId,
        stopId: stop?.id ?? null,
        date,
        from: timeOfMinutes(start),
        to: timeOfMinutes(start + window.slotMinutes),
        startsAt,
        available: startsAt > input.now && input.taken(startsAt) < input.capacity,
      });
    }
  }
  return [...slots.values()].sort((a, b) => a.startsAt - b.startsAt);
}
