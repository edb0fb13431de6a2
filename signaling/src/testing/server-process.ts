import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * The real server process (`signaling/src/main.ts --demo`) on a data folder, for kill -9 tests.
 * Resolves once it listens; `env` adds to (or overrides) the test defaults. It leads its own
 * process group, so that a kill takes what it started too (the demo booths' CUPS daemons).
 */
export async function startServerProcess(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'signaling/src/main.ts', '--demo', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      ETAPISTE_DEMO_ALWAYS_OPEN: '1',
      ETAPISTE_DATA_DIR: dataDir,
      ETAPISTE_MEDIA_WORKERS: '1',
      ETAPISTE_RTC_PORT: '0',
      ETAPISTE_HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return child;
}

/** kill -9 of the server and what it started (its process group), and wait until it is gone. */
export async function killServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await exited;
}
