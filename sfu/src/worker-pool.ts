import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { SfuConfig } from './config.ts';
import { mediaObjectCounter } from './counters.ts';

export interface PooledWorker {
  readonly index: number;
  readonly worker: types.Worker;
  readonly webRtcServer: types.WebRtcServer;
  routers: number;
}

type DeathListener = (dead: PooledWorker) => void;

/**
 * One mediasoup worker per core, each with a WebRtcServer so that all of its transports share
 * one UDP and one TCP port. A worker that dies is logged, replaced on the same ports, and
 * reported to listeners so the sessions it carried can be ended or rebuilt.
 */
export class WorkerPool {
  readonly #config: SfuConfig;
  readonly #workers: (PooledWorker | null)[] = [];
  readonly #deathListeners = new Set<DeathListener>();
  #closing = false;

  constructor(config: SfuConfig) {
    this.#config = config;
  }

  async start(): Promise<void> {
    mediaObjectCounter.attach();
    const count = Math.max(1, this.#config.workers);
    for (let index = 0; index < count; index++) this.#workers.push(await this.#spawn(index));
  }

  get size(): number {
    return this.#workers.length;
  }

  get healthy(): number {
    return this.#workers.filter((entry) => entry && !entry.worker.died && !entry.worker.closed).length;
  }

  /** The live worker carrying the fewest routers. */
  leastLoaded(): PooledWorker {
    const live = this.#workers.filter((entry): entry is PooledWorker => !!entry && !entry.worker.died && !entry.worker.closed);
    const best = live.sort((a, b) => a.routers - b.routers)[0];
    if (!best) throw new Error('no live mediasoup worker');
    return best;
  }

  /**
   * The least loaded live worker, waiting (up to `timeoutMs`) while none is live: right after a
   * worker died, its replacement is being spawned.
   */
  async awaitLeastLoaded(timeoutMs = 10_000): Promise<PooledWorker> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return this.leastLoaded();
      } catch (error) {
        if (this.#closing || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

  onWorkerDied(listener: DeathListener): () => void {
    this.#deathListeners.add(listener);
    return () => this.#deathListeners.delete(listener);
  }

  /** The OS process ids of the workers (fault tests kill one of them). */
  pids(): number[] {
    return this.#workers.flatMap((entry) => (entry ? [entry.worker.pid] : []));
  }

  /** The OS process id of the worker at `index`, if it is live. */
  pidOf(index: number): number | undefined {
    return this.#workers[index]?.worker.pid;
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const entry of this.#workers) entry?.worker.close();
    this.#workers.length = 0;
  }

  async #spawn(index: number): Promise<PooledWorker> {
    const worker = await mediasoup.createWorker({ logLevel: this.#config.logLevel, appData: { index } });
    const port = this.#config.rtcPort > 0 ? this.#config.rtcPort + index : undefined;
    const listenInfo = (protocol: 'udp' | 'tcp'): types.TransportListenInfo => ({
      protocol,
      ip: this.#config.listenIp,
      ...(this.#config.announcedAddress ? { announcedAddress: this.#config.announcedAddress } : {}),
      ...(port ? { port } : {}),
    });
    const webRtcServer = await worker.createWebRtcServer({ listenInfos: [listenInfo('udp'), listenInfo('tcp')] });
    const entry: PooledWorker = { index, worker, webRtcServer, routers: 0 };
    worker.on('died', (error) => {
      console.error(`[sfu] mediasoup worker ${index} (pid ${worker.pid}) died: ${error.message}`);
      this.#workers[index] = null;
      for (const listener of this.#deathListeners) listener(entry);
      if (!this.#closing) void this.#replace(index);
    });
    return entry;
  }

  async #replace(index: number, attempt = 1): Promise<void> {
    try {
      this.#workers[index] = await this.#spawn(index);
      console.warn(`[sfu] mediasoup worker ${index} replaced (pid ${this.#workers[index]?.worker.pid})`);
    } catch (error) {
      console.error(`[sfu] replacing worker ${index} failed (attempt ${attempt}):`, error);
      if (attempt < 5 && !this.#closing) setTimeout(() => void this.#replace(index, attempt + 1), 500 * attempt);
    }
  }
}
