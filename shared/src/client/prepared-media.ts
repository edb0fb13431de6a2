import type { LocalTrackSpec } from './call-engine.ts';

/**
 * Cameras and microphone opened ahead of the call, so that answering does not wait for the
 * devices: the booth prepares when the customer presses call, the expert console when a
 * customer is waiting. `take()` hands the tracks over (the caller then owns and stops them).
 */
export class PreparedMedia {
  readonly #capture: () => Promise<LocalTrackSpec[]>;
  #pending: Promise<LocalTrackSpec[]> | null = null;

  constructor(capture: () => Promise<LocalTrackSpec[]>) {
    this.#capture = capture;
  }

  get prepared(): boolean {
    return this.#pending !== null;
  }

  prepare(): void {
    if (this.#pending) return;
    this.#pending = this.#capture();
    this.#pending.catch(() => undefined);
  }

  /** The prepared tracks (capturing now if nothing was prepared). Rejects if capture failed. */
  take(): Promise<LocalTrackSpec[]> {
    this.prepare();
    const taken = this.#pending as Promise<LocalTrackSpec[]>;
    this.#pending = null;
    return taken;
  }

  /** Stops tracks prepared for a call that did not happen. */
  discard(): void {
    const dropped = this.#pending;
    this.#pending = null;
    dropped?.then(stopTracks, () => undefined);
  }
}

export function stopTracks(tracks: LocalTrackSpec[]): void {
  for (const { track } of tracks) track.stop();
}
