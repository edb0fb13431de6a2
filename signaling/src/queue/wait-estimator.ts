/**
 * Estimated waiting time from measured service times: an exponentially weighted mean of the
 * agency's recent session durations, divided over the experts online.
 */
export class WaitEstimator {
  readonly #meanServiceMs = new Map<string, number>();
  readonly #defaultServiceMs: number;
  readonly #weight: number;

  constructor(defaultServiceMinutes = 8, weight = 0.2) {
    this.#defaultServiceMs = defaultServiceMinutes * 60_000;
    this.#weight = weight;
  }

  /** A finished session of the agency took `durationMs`. */
  recordService(agencyId: string, durationMs: number): void {
    if (!(durationMs > 0)) return;
    const clamped = Math.min(durationMs, 2 * 60 * 60_000);
    const previous = this.#meanServiceMs.get(agencyId);
    this.#meanServiceMs.set(agencyId, previous === undefined ? clamped : previous + this.#weight * (clamped - previous));
  }

  meanServiceMinutes(agencyId: string): number {
    return (this.#meanServiceMs.get(agencyId) ?? this.#defaultServiceMs) / 60_000;
  }

  /** Minutes until a customer with `ahead` customers before them is served. */
  estimateMinutes(agencyId: string, ahead: number, expertsOnline: number): number {
    return Math.ceil((ahead * this.meanServiceMinutes(agencyId)) / Math.max(1, expertsOnline));
  }
}
