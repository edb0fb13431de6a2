import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteMigrations } from './migrations.ts';

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

/** Statements are prepared once per SQL text and database (the SQL variants are bounded). */
const statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

/** The prepared statement for `sql`, cached per database (the SQL variants are bounded). */
export function prepareCached(db: SqliteDatabase, sql: string): SqliteStatement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Opens the embedded SQLite database in WAL mode with synchronous=FULL, so that a write is on
 * disk before the change is acknowledged, and applies pending migrations.
 */
export function openSqliteDatabase(dataDir: string): SqliteDatabase {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'etapiste.sqlite');
  }
  const db = new Database(file, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  // IMMEDIATE takes the write lock before reading the applied versions, so two processes
  // opening the same file at once apply each version exactly once.
  db.transaction(() => {
    const applied = new Set(
      (prepareCached(db, 'SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    );
    for (const migration of sqliteMigrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      prepareCached(db, 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
    }
  }).immediate();
}
