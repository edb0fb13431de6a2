import type { Storage } from './repositories.ts';
import type { StorageHooks } from './rows.ts';
import { PostgresStorage } from './postgres/postgres-storage.ts';
import { SqliteStorage } from './sqlite/sqlite-storage.ts';

export type StorageOptions = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; connectionString: string };

/**
 * Opens and migrates the configured storage. SQLite: `<dataDir>/etapiste.sqlite` (':memory:'
 * for an in-memory database). PostgreSQL: a pool on the connection string. Either way every
 * acknowledged write is durable.
 */
export async function openStorage(options: StorageOptions, hooks: StorageHooks = {}): Promise<Storage> {
  switch (options.kind) {
    case 'sqlite':
      return SqliteStorage.open(options.dataDir, hooks);
    case 'postgres':
      return PostgresStorage.open(options.connectionString, hooks);
  }
}

/** PostgreSQL when ETAPISTE_DATABASE_URL is set (non-empty), else SQLite in `dataDir`. */
export function storageOptionsFromEnv(env: Record<string, string | undefined>, dataDir: string): StorageOptions {
  const url = env.ETAPISTE_DATABASE_URL?.trim();
  return url ? { kind: 'postgres', connectionString: url } : { kind: 'sqlite', dataDir };
}
