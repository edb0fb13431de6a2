import type { Transport } from 'mediasoup-client/types';

/** The steps of the reconnection ladder, mildest first. */
export type LadderStep = 'iceRestart' | 'newTransports' | 'rejoin';

/** One recovery of a call: when the trouble was seen, each step taken, when media was back. */
export interface Recovery {
  /** What started it: a transport going 'disconnected' or 'failed', or a rebuilt room. */
  trigger: string;
  startedAt: number;
  steps: { step: LadderStep | 'localIceRestart'; at: number }[];
  /** Both transports 'connected' again (null while recovering, or if the call ended first). */
  recoveredAt: number | null;
}

/** What the ladder needs from the call engine. */
export interface LadderHost {
  /** The live transports of the call. */
  transports(): Transport[];
  /** The signalling connection is up (server-side steps are possible). */
  signalingOpen(): boolean;
  /**
   * ICE restart on both ends: new server ICE parameters, then the client's restartIce().
   * Resolves `'networkNotReady'` when the new gathering found nothing that can reach the
   * server (only loopback: the browser has not yet seen the returning network's interface).
   */
  restartIce(transport: Transport): Promise<void | 'networkNotReady'>;
  /** ICE restart on this end only, with the server's last ICE parameters (signalling is down). */
  restartIceLocally(transport: Transport): Promise<void>;
  /** Close the transports and set up media again in the same room. */
  newTransports(): Promise<void>;
  /** Resume the session (resume token) and set up media again. */
  rejoin(): Promise<void>;
  /** The call is recovering (true) or all transports are connected again (false). */
  recovering(active: boolean): void;
}

export interface LadderTiming {
  /** A 'disconnected' transport gets this long to recover by itself before the ladder starts. */
  disconnectedGraceMs: number;
  /** Time an ICE restart gets to bring the transports back before the next step. */
  iceRestartTimeoutMs: number;
  /** Time new transports or a rejoin get before the next step. */
  stepTimeoutMs: number;
  /** Server-side ICE restarts before escalating to new transports. */
  iceRestarts: number;
  /** While signalling is down: a local ICE restart this often, so media is back soon after the link is. */
  localRestartIntervalMs: number;
  /**
   * An ICE restart that gathered nothing usable (the network is not ready yet) is repeated
   * after this long, up to `networkNotReadyRetries` times, without escalating.
   */
  networkNotReadyRetryMs: number;
  networkNotReadyRetries: number;
}

export const defaultLadderTiming: LadderTiming = {
  disconnectedGraceMs: 1500,
  iceRestartTimeoutMs: 1000,
  stepTimeoutMs: 3000,
  iceRestarts: 3,
  localRestartIntervalMs: 1000,
  networkNotReadyRetryMs: 50,
  networkNotReadyRetries: 30,
};

/**
 * Layered reconnection of one call, like the best clients: on a transport going 'disconnected'
 * (after a short grace) or 'failed', ICE restart on both ends; if that does not bring media
 * back, new transports; then a full rejoin of the session. While the signalling connection is
 * down (the link is out), ICE is restarted locally every second: that renews the send
 * transport's ICE by itself (the client offers), while a receive transport (the server offers)
 * recovers only with the server's new ICE parameters, i.e. once signalling is back, which
 * kicks the ladder at once. The cycle repeats until the call is
 * connected or closed. Every recovery is recorded with its step times (`recoveries`).
 */
export class ReconnectLadder {
  readonly #host: LadderHost;
  readonly #timing: LadderTiming;
  readonly #states = new Map<Transport, string>();
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #stopped = false;
  #wake: (() => void) | null = null;
  /** A kick arrived while a step was being taken: the wait after it is skipped. */
  #kicked = false;
  /** Transports whose last ICE restart gathered nothing usable: the quick retry restarts only these. */
  #notReady: Transport[] = [];
  readonly recoveries: Recovery[] = [];

  constructor(host: LadderHost, timing: Partial<LadderTiming> = {}) {
    this.#host = host;
    this.#timing = { ...defaultLadderTiming, ...timing };
  }

  get current(): Recovery | null {
    const last = this.recoveries.at(-1);
    return last && last.recoveredAt === null ? last : null;
  }

  /** Feed every transport's connection state here. */
  transportState(transport: Transport, state: string): void {
    this.#states.set(transport, state);
    if (this.#stopped) return;
    if (state === 'connected') {
      if (this.#allConnected()) this.#recovered();
      return;
    }
    if (state === 'failed') this.#begin(`${transport.direction}:failed`, 0);
    else if (state === 'disconnected') this.#begin(`${transport.direction}:disconnected`, this.#timing.disconnectedGraceMs);
  }

  /** Transports were replaced (new transports, rejoin): forget the old ones. */
  forget(transport: Transport): void {
    this.#states.delete(transport);
  }

  /** Something outside changed (signalling is back, the room was rebuilt): run the next step now. */
  kick(trigger: string): void {
    if (this.#stopped) return;
    if (!this.#running && this.#allConnected()) return;
    this.#begin(trigger, 0);
    this.#kicked = true;
    this.#wake?.();
  }

  /** A recovery that does not go through the steps (the room was rebuilt): recorded, and ended when connected. */
  note(trigger: string, step: LadderStep): void {
    const recovery = this.current ?? this.#open(trigger);
    recovery.steps.push({ step, at: Date.now() });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#graceTimer);
    this.#wake?.();
  }

  /** Every transport in use is connected (one never used, e.g. a receive transport with nothing to receive, counts as fine). */
  #allConnected(): boolean {
    return this.#host.transports().every((transport) => {
      const state = this.#states.get(transport) ?? 'new';
      return state === 'connected' || state === 'new';
    });
  }

  #open(trigger: string): Recovery {
    const recovery: Recovery = { trigger, startedAt: Date.now(), steps: [], recoveredAt: null };
    this.recoveries.push(recovery);
    this.#host.recovering(true);
    return recovery;
  }

  #begin(trigger: string, delayMs: number): void {
    if (!this.current) this.#open(trigger);
    if (this.#running || this.#graceTimer) return;
    this.#graceTimer = setTimeout(() => {
      this.#graceTimer = undefined;
      if (!this.#allConnected()) void this.#run();
    }, delayMs);
  }

  #recovered(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
    const recovery = this.current;
    if (!recovery) return;
    recovery.recoveredAt = Date.now();
    this.#host.recovering(false);
    this.#wake?.();
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    let serverAttempts = 0;
    let signalingWasOpen = this.#host.signalingOpen();
    let networkNotReadyRetries = 0;
    try {
      while (!this.#stopped && !this.#allConnected()) {
        const recovery = this.current ?? this.#open('ladder');
        let step: LadderStep | 'localIceRestart';
        const signalingOpen = this.#host.signalingOpen();
        // Steps taken before signalling dropped went over a dying link: the link that returns
        // starts from the mildest step again (an ICE restart), not from where they left off.
        if (signalingOpen && !signalingWasOpen) serverAttempts = networkNotReadyRetries = 0;
        signalingWasOpen = signalingOpen;
        if (!signalingOpen) step = 'localIceRestart';
        else {
          const cycle = serverAttempts % (this.#timing.iceRestarts + 2);
          step = cycle < this.#timing.iceRestarts ? 'iceRestart' : cycle === this.#timing.iceRestarts ? 'newTransports' : 'rejoin';
          serverAttempts += 1;
        }
        recovery.steps.push({ step, at: Date.now() });
        this.#kicked = false;
        let outcome: void | 'networkNotReady' = undefined;
        try {
          outcome = await this.#take(step);
        } catch (error) {
          console.warn(`reconnection step ${step} failed`, error);
        }
        // Right after a link returns the browser may not list its interface yet (seen here for
        // about a second): such a restart cannot connect, so it is tried again soon, not counted.
        const quickRetry = outcome === 'networkNotReady' && networkNotReadyRetries < this.#timing.networkNotReadyRetries;
        if (!quickRetry) this.#notReady = [];
        if (quickRetry) {
          networkNotReadyRetries += 1;
          serverAttempts -= 1;
          await this.#waitForConnected(this.#timing.networkNotReadyRetryMs);
          continue;
        }
        await this.#waitForConnected(
          step === 'localIceRestart'
            ? this.#timing.localRestartIntervalMs
            : step === 'iceRestart'
              ? this.#timing.iceRestartTimeoutMs
              : this.#timing.stepTimeoutMs,
        );
      }
    } finally {
      this.#running = false;
    }
  }

  async #take(step: LadderStep | 'localIceRestart'): Promise<void | 'networkNotReady'> {
    const troubled = this.#host.transports().filter((transport) => {
      const state = this.#states.get(transport) ?? 'new';
      return state !== 'connected' && state !== 'new';
    });
    if (step === 'iceRestart') {
      // A quick retry restarts only the transports that gathered nothing usable: the others'
      // checks are under way and a restart would throw them away.
      const retrying = this.#notReady.filter((transport) => troubled.includes(transport));
      const restarting = retrying.length > 0 ? retrying : troubled;
      const outcomes = await Promise.all(restarting.map(async (transport) => ({ transport, outcome: await this.#host.restartIce(transport) })));
      this.#notReady = outcomes.filter(({ outcome }) => outcome === 'networkNotReady').map(({ transport }) => transport);
      return this.#notReady.length > 0 ? 'networkNotReady' : undefined;
    }
    if (step === 'localIceRestart') await Promise.all(troubled.map((transport) => this.#host.restartIceLocally(transport)));
    else if (step === 'newTransports') await this.#host.newTransports();
    else await this.#host.rejoin();
  }

  #waitForConnected(timeoutMs: number): Promise<void> {
    if (this.#kicked) {
      this.#kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
}
