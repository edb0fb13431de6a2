import type { Storage } from '../repositories.ts';
import type { StorageHooks } from '../rows.ts';
import { openSqliteDatabase, prepareCached, type SqliteDatabase } from '../sqlite-database.ts';
import type { Row } from '../rows.ts';
import { SqliteBookingStore } from './booking-store.ts';
import { SqliteCatalogueStore } from './catalogue-store.ts';
import { SqliteOutboxStore } from './outbox-store.ts';
import { SqliteQueueStore } from './queue-store.ts';
import { SqliteSessionStore } from './session-store.ts';
import { SqliteStatisticsStore } from './statistics-store.ts';
import { SqlInterpretingStore } from '../interpreting-store.ts';

/**
 * The embedded default: one better-sqlite3 connection in WAL mode with synchronous=FULL.
 * Calls are synchronous underneath, so a write's promise resolves only after its commit is on
 * disk, and concurrent callers in this process are serialised by the event loop; transactions
 * that read before writing are IMMEDIATE, so other processes on the same file wait (busy_timeout).
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly db: SqliteDatabase;
  readonly catalogue: SqliteCatalogueStore;
  readonly queue: SqliteQueueStore;
  readonly bookings: SqliteBookingStore;
  readonly sessions: SqliteSessionStore;
  readonly outbox: SqliteOutboxStore;
  readonly statistics: SqliteStatisticsStore;
  readonly interpreting: SqlInterpretingStore;

  constructor(db: SqliteDatabase, hooks: StorageHooks = {}) {
    this.db = db;
    this.catalogue = new SqliteCatalogueStore(db);
    this.queue = new SqliteQueueStore(db);
    this.bookings = new SqliteBookingStore(db, hooks.generateBookingCode ? { generateCode: hooks.generateBookingCode } : {});
    this.sessions = new SqliteSessionStore(db);
    this.outbox = new SqliteOutboxStore(db, hooks.now ? { now: hooks.now } : {});
    this.statistics = new SqliteStatisticsStore(db);
    this.interpreting = new SqlInterpretingStore({
      dialect: 'sqlite',
      all: async (sql, values) => prepareCached(db, sql).all(...values) as Row[],
      run: async (sql, values) => void prepareCached(db, sql).run(...values),
    });
  }

  /** Opens (creating and migrating) `<dataDir>/etapiste.sqlite`, or an in-memory database for ':memory:'. */
  static open(dataDir: string, hooks: StorageHooks = {}): SqliteStorage {
    return new SqliteStorage(openSqliteDatabase(dataDir), hooks);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
