import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** `postgresql://etapiste@127.0.0.1:<port>/etapiste_test` */
  readonly connectionString: string;
  /** Connection string of another database on the same server. */
  urlFor(database: string): string;
  /** Creates an empty database (name: [a-z0-9_]) and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const DIR_PREFIX = 'etapiste-pg-';
const OWNER_FILE = 'owner.pid';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Stops the cluster in `base` (immediate) and removes the directory; quiet if it is not running. */
function destroySync(base: string, asRoot: boolean): void {
  try {
    const pgCtl = [path.join(PG_BIN, 'pg_ctl'), 'stop', '-D', path.join(base, 'data'), '-m', 'immediate', '-w'];
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...pgCtl], { cwd: base, stdio: 'ignore' });
    else execFileSync(pgCtl[0]!, pgCtl.slice(1), { cwd: base, stdio: 'ignore' });
  } catch {
    // not running
  }
  fs.rmSync(base, { recursive: true, force: true });
}

/**
 * Servers whose test process died without running exit handlers (a native abort, kill -9)
 * would run forever: stop every one whose recorded owner is gone.
 */
function reapOrphans(asRoot: boolean): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const base = path.join(os.tmpdir(), name);
    let owner = Number.NaN;
    try {
      owner = Number(fs.readFileSync(path.join(base, OWNER_FILE), 'utf8'));
    } catch {
      continue; // being set up by someone else right now, or not ours
    }
    if (Number.isInteger(owner) && !isAlive(owner)) destroySync(base, asRoot);
  }
}


/**
 * A throwaway PostgreSQL 15 server for tests (Debian's `postgresql` package): a fresh cluster
 * in a temp dir, trust auth for user `etapiste`, TCP on 127.0.0.1 and a free port, fsync on.
 * As root the server runs as the `postgres` system user (it refuses to run as root).
 * Start one per test file; `stop()` kills it (immediate) and removes the directory.
 */
export async function startPostgres(): Promise<PostgresServer> {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    if (!fs.existsSync(path.join(PG_BIN, binary))) {
      throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/${binary} missing): run infra/setup.sh, which installs the postgresql package`);
    }
  }
  const asRoot = process.getuid?.() === 0;
  reapOrphans(asRoot);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  fs.writeFileSync(path.join(base, OWNER_FILE), String(process.pid));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(base, uid, gid);
  }
  const dataDir = path.join(base, 'data');
  // run from the temp dir: the postgres user may not be allowed into the caller's cwd
  const exec = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...args], { cwd: base })
      : run(path.join(PG_BIN, binary), args, { cwd: base });
  const stopSync = () => destroySync(base, asRoot);
  // a failed test run must not leave a server behind (an abort is reaped by the next start)
  process.once('exit', stopSync);

  try {
    await exec('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'etapiste', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=on`;
    // -l: with the log on pg_ctl's stdout the server would hold our pipe open
    await exec('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(base, 'server.log'), '-w', 'start']);
    const urlFor = (database: string) => `postgresql://etapiste@127.0.0.1:${port}/${database}`;
    const createDatabase = async (name: string) => {
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
      const admin = new pg.Client({ connectionString: urlFor('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlFor(name);
    };
    const connectionString = await createDatabase('etapiste_test');
    let stopped = false;
    return {
      connectionString,
      urlFor,
      createDatabase,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => undefined);
        fs.rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = path.join(base, 'server.log');
    const detail = fs.existsSync(log) ? `\n${fs.readFileSync(log, 'utf8').slice(-2000)}` : '';
    process.removeListener('exit', stopSync);
    stopSync();
    throw new Error(`could not start PostgreSQL: ${(error as Error).message}${detail}`);
  }
}
