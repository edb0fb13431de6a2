import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from '../storage/sqlite-database.ts';
import { prepareCached } from '../storage/sqlite-database.ts';
import type { ReaderRequest, ReaderResponse } from './sqlite-reader-worker.ts';

/** An idle worker is stopped after this long (it holds a database connection). */
const IDLE_MS = 30_000;

/**
 * Runs statistics SELECTs off the main thread: better-sqlite3 is synchronous, and a year of
 * national data takes seconds to aggregate. File databases get a worker thread with its own
 * connection (WAL lets it read while the main connection writes; it sees every committed
 * append); an in-memory database cannot be shared, so its queries run inline.
 */
export class SqliteReader {
  readonly #db: SqliteDatabase;
  #worker: Worker | null = null;
  #next = 0;
  readonly #pending = new Map<number, { resolve: (rows: Record<string, unknown>[]) => void; reject: (error: Error) => void }>();
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async all(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]> {
    if (this.#db.memory) return prepareCached(this.#db, sql).all(...params) as Record<string, unknown>[];
    const worker = this.#ensureWorker();
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, sql, params } satisfies ReaderRequest);
    });
  }

  /** Stops the worker (pending queries fail). */
  async close(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./sqlite-reader-worker.ts', import.meta.url), { workerData: { file: this.#db.name } });
    worker.on('message', (response: ReaderResponse) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      if ('error' in response) pending.reject(new Error(`statistics query failed: ${response.error}`));
      else pending.resolve(response.rows);
      if (this.#pending.size === 0) this.#idle(worker);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`statistics reader stopped (exit ${code})`)));
    this.#worker = worker;
    return worker;
  }

  #idle(worker: Worker): void {
    // Not holding the process open while idle; stopped after a while.
    worker.unref();
    this.#idleTimer = setTimeout(() => {
      if (this.#worker === worker && this.#pending.size === 0) void this.close();
    }, IDLE_MS);
    this.#idleTimer.unref();
  }
}
