/** A minimal typed event emitter that works in the browser and in Node. */
export class TypedEmitter<Events extends object> {
  #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  protected emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      (listener as (payload: Events[E]) => void)(payload);
    }
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }
}
