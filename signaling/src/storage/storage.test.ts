import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../testing/postgres-server.ts';
import { ticketDraft, DAY } from '../testing/storage-fixtures.ts';
import { defineStorageSuite } from '../testing/storage-suite.ts';
import { sqliteMigrations } from './migrations.ts';
import { prepareCached } from './sqlite-database.ts';
import { openStorage, storageOptionsFromEnv } from './open-storage.ts';
import { postgresMigrations } from './postgres/migrations.ts';
import { PostgresStorage } from './postgres/postgres-storage.ts';
import { SqliteStorage } from './sqlite/sqlite-storage.ts';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-storage-'));
  tempDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

defineStorageSuite('SQLite :memory:', async (hooks) => SqliteStorage.open(':memory:', hooks), async () => {}, { persistent: false });

let sqliteDir = '';
defineStorageSuite(
  'SQLite data directory',
  async (hooks) => openStorage({ kind: 'sqlite', dataDir: sqliteDir }, hooks),
  async () => {
    sqliteDir = tempDir();
  },
  { persistent: true },
);

let server: PostgresServer | undefined;
let admin: pg.Pool | undefined;
const postgres = () => {
  if (!server) throw new Error('PostgreSQL test server not started');
  return server;
};
before(async () => {
  server = await startPostgres();
  admin = new pg.Pool({ connectionString: server.connectionString, max: 1 });
});
after(async () => {
  await admin?.end();
  await server?.stop();
});

defineStorageSuite(
  'PostgreSQL',
  async (hooks) => openStorage({ kind: 'postgres', connectionString: postgres().connectionString }, hooks),
  async () => {
    // first open migrates; afterwards empty every table but the migration log
    const { rows } = await admin!.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    if (rows.length > 0) await admin!.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} CASCADE`);
  },
  { persistent: true },
);

describe('storage selection and migrations', () => {
  test('storageOptionsFromEnv picks PostgreSQL only when ETAPISTE_DATABASE_URL is set', () => {
    assert.deepEqual(storageOptionsFromEnv({}, '/var/lib/etapiste'), { kind: 'sqlite', dataDir: '/var/lib/etapiste' });
    assert.deepEqual(storageOptionsFromEnv({ ETAPISTE_DATABASE_URL: ' ' }, ':memory:'), { kind: 'sqlite', dataDir: ':memory:' });
    assert.deepEqual(storageOptionsFromEnv({ ETAPISTE_DATABASE_URL: 'postgresql://db/etapiste' }, ':memory:'), {
      kind: 'postgres',
      connectionString: 'postgresql://db/etapiste',
    });
  });

  test('SQLite: a version-1 database upgrades in place and keeps its rows; reopening applies nothing twice', async () => {
    const dir = tempDir();
    const v1 = new Database(path.join(dir, 'etapiste.sqlite'));

    v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    v1.exec(sqliteMigrations[0]!.sql);
    v1.exec(`
      INSERT INTO schema_migrations VALUES (1, '2025-01-01T00:00:00Z');
      INSERT INTO agencies VALUES ('kela', 'KELA', '{"fi":"Kela","sv":"FPA","en":"Kela"}');
      INSERT INTO services VALUES ('kela-general', 'kela', '{"fi":"a","sv":"b","en":"c"}', 1, NULL);
      INSERT INTO service_points VALUES ('p-old', 'S', '{"fi":"a","sv":"b","en":"c"}', 'Oulu', 'Pohjois-Pohjanmaa');
      INSERT INTO service_point_agencies VALUES ('p-old', 'kela');
    `);
    v1.close();

    for (let round = 0; round < 2; round++) {
      const storage = SqliteStorage.open(dir);
      const details = await storage.catalogue.getServicePointDetails('p-old');
      assert.equal(details?.municipality, 'Oulu');
      assert.deepEqual(details?.agencyIds, ['kela']);
      assert.deepEqual(details?.queuePolicy, { noShowGraceSeconds: 150, checkInEarlyMinutes: 15, checkInLateMinutes: 10 });
      assert.deepEqual([details?.openingHours, details?.exceptions, details?.hostOrganisation, details?.address], [[], [], null, '']);
      assert.equal((await storage.catalogue.listAgenciesAtPoint('p-old'))[0]?.services.length, 1);
      const versions = prepareCached(storage.db, 'SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      assert.deepEqual(
        versions.map((row) => row.version),
        sqliteMigrations.map((migration) => migration.version),
      );
      await storage.close();
    }
  });

  test('PostgreSQL: processes migrating a fresh database at once apply each version once', async () => {
    const url = await postgres().createDatabase('etapiste_race');
    const storages = await Promise.all(Array.from({ length: 4 }, () => PostgresStorage.open(url)));
    try {
      const { rows } = await storages[0]!.pool.query<{ version: number; count: number }>(
        'SELECT version, count(*)::int AS count FROM schema_migrations GROUP BY version ORDER BY version',
      );
      assert.deepEqual(
        rows,
        postgresMigrations.map((migration) => ({ version: migration.version, count: 1 })),
      );
    } finally {
      for (const storage of storages) await storage.close();
    }
  });

  test('PostgreSQL: two pools (two processes) issuing at once still get distinct numbers', async () => {
    const url = await postgres().createDatabase('etapiste_two_pools');
    const [a, b] = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)]);
    try {
      await a!.catalogue.upsertAgency({ id: 'kela', code: 'KELA', name: { fi: 'Kela', sv: 'FPA', en: 'Kela' } });
      await a!.catalogue.upsertService({ id: 'kela-general', agencyId: 'kela', name: { fi: 'a', sv: 'b', en: 'c' }, remoteCapable: true, notRemoteInstructions: null });
      await a!.catalogue.saveServicePoint({
        id: 'p-room',
        kind: 'S',
        name: { fi: 'a', sv: 'b', en: 'c' },
        municipality: 'm',
        region: 'r',
        address: '',
        hostOrganisation: null,
        openingHours: [],
        exceptions: [],
        queuePolicy: { noShowGraceSeconds: 150, checkInEarlyMinutes: 15, checkInLateMinutes: 10 },
        agencyGraceSeconds: [],
        agencyIds: ['kela'],
      });
      const tickets = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a! : b!).queue.issueTicket(ticketDraft(), DAY)));
      assert.deepEqual(
        tickets.map((ticket) => Number(ticket.number)).sort((x, y) => x - y),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    } finally {
      await a?.close();
      await b?.close();
    }
  });
});
