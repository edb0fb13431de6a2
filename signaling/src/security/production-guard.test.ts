import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { configFromEnv } from '../config.ts';
import { startServer } from '../server.ts';
import { freePort } from '../testing/free-port.ts';
import { weakSecretReason } from './production-guard.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const strongSecret = () => randomBytes(48).toString('base64');
const coturnPlaceholder = fs.readFileSync(path.join(root, 'infra/coturn/turnserver.conf'), 'utf8').match(/^static-auth-secret=(.+)$/m)![1]!;

/** Starts the real server process; resolves with its exit code and output, or 'running' once it serves. */
async function start(env: Record<string, string>, args: string[] = []): Promise<{ result: number | 'running'; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['signaling/src/main.ts', '--port', String(port), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0', ETAPISTE_RTC_LISTEN_IP: '127.0.0.1', ETAPISTE_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return { result: await exited, output };
    if (output.includes('Etäpiste is running')) {
      child.kill('SIGTERM');
      await exited;
      return { result: 'running', output };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`neither started nor exited:\n${output}`);
}

describe('production mode refuses demo data and demo or missing secrets', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-prod-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('weak secrets are recognised', () => {
    assert.equal(weakSecretReason(strongSecret(), 32), null);
    assert.match(weakSecretReason(coturnPlaceholder, 24)!, /placeholder/);
    assert.match(weakSecretReason('short', 32)!, /shorter/);
    assert.match(weakSecretReason('a'.repeat(40), 32)!, /distinct/);
    assert.match(weakSecretReason(`etapiste-demo-${strongSecret()}`, 32)!, /placeholder or demo/);
  });

  test('NODE_ENV=production: no JWT secret, demo secrets, --demo, or demo data already seeded → exit 78 with the reason', { timeout: 180_000 }, async () => {
    const refused = async (env: Record<string, string>, args: string[], reason: RegExp) => {
      const { result, output } = await start({ NODE_ENV: 'production', ETAPISTE_DATA_DIR: dataDir(), ...env }, args);
      assert.equal(result, 78, output);
      assert.match(output, /refusing to start in production mode/);
      assert.match(output, reason);
    };
    // Several problems at once are all named.
    await refused(
      { ETAPISTE_TURN_URLS: 'turn:turn.example.fi:3478', ETAPISTE_TURN_SECRET: coturnPlaceholder },
      ['--demo'],
      /demo data requested.*ETAPISTE_JWT_SECRET is not set.*ETAPISTE_TURN_SECRET is a placeholder or demo value/,
    );
    await refused({ ETAPISTE_JWT_SECRET: 'CHANGE-ME-to-a-long-random-secret-0123456789' }, [], /ETAPISTE_JWT_SECRET is a placeholder or demo value/);
    // A database seeded by an earlier demo start.
    const seeded = dataDir();
    const demo = await startServer(configFromEnv({ ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0' }, { dataDir: seeded, host: '127.0.0.1', port: 0 }), { demo: true });
    await demo.close();
    const { result, output } = await start({ NODE_ENV: 'production', ETAPISTE_DATA_DIR: seeded, ETAPISTE_JWT_SECRET: strongSecret() });
    assert.equal(result, 78, output);
    assert.match(output, /demo account expert\.kela exists/);
    assert.match(output, /demo booth booth-kallio-1 with its public device token exists/);
  });

  test('the same checks let a proper production configuration start', { timeout: 120_000 }, async () => {
    const production = await start({
      NODE_ENV: 'production',
      ETAPISTE_DATA_DIR: dataDir(),
      ETAPISTE_JWT_SECRET: strongSecret(),
      ETAPISTE_TURN_URLS: 'turn:turn.example.fi:3478',
      ETAPISTE_TURN_SECRET: strongSecret(),
    });
    assert.equal(production.result, 'running', production.output);
  });
});
