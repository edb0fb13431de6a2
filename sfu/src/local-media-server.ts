import type { MediaCounters } from '@etapiste/shared';
import { mediaCodecs, type SfuConfig } from './config.ts';
import { mediaObjectCounter } from './counters.ts';
import type { MediaRoom, MediaServer } from './media-server.ts';
import { enableMediaTraceFromEnv } from './media-trace.ts';
import { MediasoupRoom } from './mediasoup-room.ts';
import { WorkerPool } from './worker-pool.ts';

/** The in-process SFU: a worker pool in this Node process, one router per session. */
export class LocalMediaServer implements MediaServer {
  readonly #config: SfuConfig;
  readonly pool: WorkerPool;
  readonly #rooms = new Map<string, { room: MediasoupRoom; workerIndex: number }>();
  readonly #roomLostListeners = new Set<(sessionId: string) => void>();

  constructor(config: SfuConfig) {
    this.#config = config;
    enableMediaTraceFromEnv();
    this.pool = new WorkerPool(config);
    this.pool.onWorkerDied((dead) => {
      for (const [sessionId, entry] of this.#rooms) {
        if (entry.workerIndex !== dead.index) continue;
        this.#rooms.delete(sessionId);
        for (const listener of this.#roomLostListeners) listener(sessionId);
      }
    });
  }

  async start(): Promise<this> {
    await this.pool.start();
    return this;
  }

  async createRoom(sessionId: string): Promise<MediaRoom> {
    const pooled = await this.pool.awaitLeastLoaded();
    const router = await pooled.worker.createRouter({ mediaCodecs, appData: { sessionId } });
    pooled.routers += 1;
    router.observer.once('close', () => {
      pooled.routers -= 1;
      // A dead worker's rooms stay listed until the death handler has reported them lost.
      if (!pooled.worker.died && this.#rooms.get(sessionId)?.room === room) this.#rooms.delete(sessionId);
    });
    const room = new MediasoupRoom(sessionId, router, pooled.webRtcServer, this.#config.initialAvailableOutgoingBitrate);
    this.#rooms.set(sessionId, { room, workerIndex: pooled.index });
    return room;
  }

  counters(): MediaCounters {
    return mediaObjectCounter.snapshot();
  }

  health() {
    return { workers: this.pool.size, healthyWorkers: this.pool.healthy };
  }

  onRoomLost(listener: (sessionId: string) => void): () => void {
    this.#roomLostListeners.add(listener);
    return () => this.#roomLostListeners.delete(listener);
  }

  /**
   * The OS process id of the worker carrying the session's room (fault tests SIGKILL it;
   * diagnostics). Undefined when the session has no room.
   */
  workerOf(sessionId: string): number | undefined {
    const entry = this.#rooms.get(sessionId);
    return entry ? this.pool.pidOf(entry.workerIndex) : undefined;
  }

  async close(): Promise<void> {
    for (const { room } of this.#rooms.values()) room.close();
    this.#rooms.clear();
    await this.pool.close();
  }
}
