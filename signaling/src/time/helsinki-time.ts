import type { LocalDate, TimeOfDay } from '@etapiste/shared';

// Calendar arithmetic is shared with the clients; this module adds the Finnish time zone.
export { addDays, minutesOf, timeOfMinutes, weekdayOf } from '@etapiste/shared';

/** All service points are in Finland: local dates and times are Europe/Helsinki. */
export const TIME_ZONE = 'Europe/Helsinki';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(epochMs: number): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) result[part.type] = part.value;
  return result;
}

export function localDateOf(epochMs: number): LocalDate {
  const p = parts(epochMs);
  return `${p.year}-${p.month}-${p.day}`;
}

export function localTimeOf(epochMs: number): TimeOfDay {
  const p = parts(epochMs);
  return `${p.hour}:${p.minute}`;
}

/** Epoch ms of a local wall-clock time on a local date (handles the DST offset of that day). */
export function epochOf(date: LocalDate, time: TimeOfDay): number {
  const guess = Date.parse(`${date}T${time}:00Z`);
  // The offset at the guessed instant; correct once more in case the guess crossed a DST change.
  let result = guess - offsetMs(guess);
  result = guess - offsetMs(result);
  return result;
}

function offsetMs(epochMs: number): number {
  const p = parts(epochMs);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

