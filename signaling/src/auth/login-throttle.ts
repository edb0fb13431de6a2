/**
 * Slows down password guessing: after `maxFailures` failed logins for one key (username or
 * client address) within `windowMs`, further attempts are refused until the window passes.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #maxFailures: number;
  readonly #windowMs: number;
  constructor(maxFailures: number, windowMs = 60_000) {
    this.#maxFailures = maxFailures;
    this.#windowMs = windowMs;
  }

  isBlocked(key: string, now = Date.now()): boolean {
    return this.#recent(key, now).length >= this.#maxFailures;
  }

  /** Seconds until `key` may try again (0 when not blocked). */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.#maxFailures) return 0;
    const unblocksAt = recent[recent.length - this.#maxFailures]! + this.#windowMs;
    return Math.max(1, Math.ceil((unblocksAt - now) / 1000));
  }

  recordFailure(key: string, now = Date.now()): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#failures.set(key, recent);
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => now - at < this.#windowMs);
  }
}
