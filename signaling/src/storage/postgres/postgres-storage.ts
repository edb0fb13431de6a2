import type { Storage } from '../repositories.ts';
import type { StorageHooks } from '../rows.ts';
import { PostgresBookingStore } from './booking-store.ts';
import { PostgresCatalogueStore } from './catalogue-store.ts';
import { migratePostgres } from './migrations.ts';
import { PostgresOutboxStore } from './outbox-store.ts';
import { PostgresStatisticsStore } from './statistics-store.ts';
import { createPool, type PgPool } from './pg-database.ts';
import { PostgresQueueStore } from './queue-store.ts';
import { PostgresSessionStore } from './session-store.ts';
import { SqlInterpretingStore } from '../interpreting-store.ts';
import type { Row } from '../rows.ts';

/**
 * PostgreSQL storage on a `pg` pool. Parameterised queries only; a write's promise resolves
 * after COMMIT with the server's default synchronous_commit = on (WAL flushed). Several
 * signaling processes may share the database: allocation and state changes are atomic in SQL.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly pool: PgPool;
  readonly catalogue: PostgresCatalogueStore;
  readonly queue: PostgresQueueStore;
  readonly bookings: PostgresBookingStore;
  readonly sessions: PostgresSessionStore;
  readonly outbox: PostgresOutboxStore;
  readonly statistics: PostgresStatisticsStore;
  readonly interpreting: SqlInterpretingStore;
  #closed = false;

  constructor(pool: PgPool, hooks: StorageHooks = {}) {
    this.pool = pool;
    this.catalogue = new PostgresCatalogueStore(pool);
    this.queue = new PostgresQueueStore(pool);
    this.bookings = new PostgresBookingStore(pool, hooks.generateBookingCode ? { generateCode: hooks.generateBookingCode } : {});
    this.sessions = new PostgresSessionStore(pool);
    this.outbox = new PostgresOutboxStore(pool, hooks.now ? { now: hooks.now } : {});
    this.statistics = new PostgresStatisticsStore(pool);
    this.interpreting = new SqlInterpretingStore({
      dialect: 'postgres',
      all: async (sql, values) => (await pool.query<Row>(sql, values)).rows,
      run: async (sql, values) => void (await pool.query(sql, values)),
    });
  }

  /** Connects, applies pending migrations (serialised across processes) and returns the storage. */
  static async open(connectionString: string, hooks: StorageHooks = {}): Promise<PostgresStorage> {
    const pool = createPool(connectionString);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool, hooks);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
