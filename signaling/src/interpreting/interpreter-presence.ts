/**
 * Which interpreters are available for on-demand requests, and since when (the longest idle is
 * rung first). Live state: an interpreter is available only while their console is connected
 * and they have said so; going offline makes them unavailable.
 */
export class InterpreterPresence {
  readonly #availableSince = new Map<string, number>();

  setAvailable(interpreterId: string, available: boolean, now = Date.now()): void {
    if (!available) this.#availableSince.delete(interpreterId);
    else if (!this.#availableSince.has(interpreterId)) this.#availableSince.set(interpreterId, now);
  }

  isAvailable(interpreterId: string): boolean {
    return this.#availableSince.has(interpreterId);
  }

  /** Epoch ms since the interpreter has been available (or idle after a call); Infinity when unavailable. */
  availableSince(interpreterId: string): number {
    return this.#availableSince.get(interpreterId) ?? Number.POSITIVE_INFINITY;
  }

  /** After a call the interpreter goes to the back of the idle order. */
  markBusyUntil(interpreterId: string, now = Date.now()): void {
    if (this.#availableSince.has(interpreterId)) this.#availableSince.set(interpreterId, now);
  }
}
