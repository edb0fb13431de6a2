import type { LocalDate, TimeOfDay, Weekday } from './catalogue.ts';

/** Calendar arithmetic on local dates ("YYYY-MM-DD") and times ("HH:MM"); no time zones involved. */

/** Minutes after midnight of an "HH:MM". */
export function minutesOf(time: TimeOfDay): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: LocalDate): Weekday {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every date from `start` to `end` (inclusive) that falls on `weekday`. */
export function datesOnWeekday(weekday: Weekday, start: LocalDate, end: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  const cursor = new Date(`${start}T12:00:00Z`);
  const offset = (weekday - weekdayOf(start) + 7) % 7;
  cursor.setUTCDate(cursor.getUTCDate() + offset);
  const last = Date.parse(`${end}T12:00:00Z`);
  while (cursor.getTime() <= last) {
    dates.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 7);
  }
  return dates;
}

/** "HH:MM" of minutes after midnight. */
export function timeOfMinutes(minutes: number): TimeOfDay {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The date `days` days after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
