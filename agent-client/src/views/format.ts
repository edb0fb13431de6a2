/** "14:05" in Finnish time, whatever the workstation's time zone. */
const helsinkiClock = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' });

export function helsinkiTime(epochMs: number): string {
  return helsinkiClock.format(epochMs).replace('.', ':');
}
