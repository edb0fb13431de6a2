/**
 * The server's only way to log an error. Logs must carry no personal data (names, phone
 * numbers, e-mail addresses, personal identity codes, booking contacts, free-text feedback,
 * tokens): an error is logged as its name, code, a redacted message and its stack frames,
 * never with its attached values (database `detail`/`parameters`, zod input, causes).
 * Call sites pass only ids and fixed words as context.
 */

const redactions: [RegExp, string][] = [
  [/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]'], // JWTs
  [/Bearer\s+\S+/gi, 'Bearer [token]'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/gi, '[identity code]'], // Finnish henkilötunnus
  [/\+?\d[\d ()-]{6,}\d/g, '[number]'], // phone numbers and other long digit runs
  [/"[^"]*"|'[^']*'|“[^”]*”/g, '"…"'], // quoted values (e.g. 'invalid input syntax: "…"')
  [/=\([^)]*\)/g, '=(…)'], // PostgreSQL "Key (x)=(value)"
];

/** `text` with anything that could be personal data replaced by a placeholder. */
export function redact(text: string): string {
  return redactions.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

/** An error as one loggable string: name, code, redacted message, stack frames only. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => redact(line));
  return [`${error.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}: ${redact(error.message)}`, ...frames].join('\n');
}

/** `[scope] what: <described error>` on stderr. `what` must hold only ids and fixed words. */
export function logError(scope: string, what: string, error: unknown): void {
  console.error(`[${scope}] ${what}: ${describeError(error)}`);
}
