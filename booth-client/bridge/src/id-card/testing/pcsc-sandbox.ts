import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private pcscd for tests: the real daemon from Debian with vsmartcard's virtual reader
 * (vpcd) on ports of its own, in a private mount namespace so that it never meets the
 * machine's own pcscd (there can be one per /run/pcscd) nor another test run's.
 *
 * A test file that needs PC/SC calls `runInPcscNamespace(import.meta.filename)` first: outside
 * the namespace it runs the same file again inside one (`unshare -m`, a tmpfs on /run/pcscd)
 * with the same stdout, so node:test sees one test file, and returns false; inside it returns
 * true and the file goes on to import its suite. Everything the test starts (pcscd, the
 * bridge, the browser) then shares that namespace.
 */
const NAMESPACE_MARK = 'ETAPISTE_PCSC_NAMESPACE';
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

export function inPcscNamespace(): boolean {
  return process.env[NAMESPACE_MARK] === '1';
}

export async function runInPcscNamespace(file: string): Promise<boolean> {
  if (inPcscNamespace()) return true;
  const script = 'mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd && exec "$0" "$@"';
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, process.execPath, ...process.execArgv, file, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [NAMESPACE_MARK]: '1' },
  });
  const code = await new Promise<number>((resolve) => child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  process.exitCode = code;
  return false;
}

export interface TestPcscd {
  /** PC/SC name of the virtual reader's first slot. */
  readonly readerName: string;
  /** TCP port where a card emulator connects to be "inserted" into that slot. */
  readonly cardPort: number;
  readonly running: boolean;
  /** Stops the daemon (SIGTERM, or SIGKILL for a crash); the reader leaves PC/SC. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same ports (a reader plugged back in). */
  restart(): Promise<void>;
}

export async function startTestPcscd(options: { friendlyName?: string } = {}): Promise<TestPcscd> {
  if (!inPcscNamespace()) throw new Error('startTestPcscd runs only inside runInPcscNamespace (it must not meet the system pcscd)');
  if (fs.existsSync(PCSCD_SOCKET)) throw new Error(`${PCSCD_SOCKET} exists: a pcscd already runs in this namespace`);
  const friendlyName = options.friendlyName ?? 'Etapiste Test Reader';
  const cardPort = await freePortPair();
  const confDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-pcscd-'));
  fs.writeFileSync(
    path.join(confDir, 'vpcd'),
    [`FRIENDLYNAME "${friendlyName}"`, `DEVICENAME /dev/null:0x${cardPort.toString(16)}`, `LIBPATH ${VPCD_DRIVER}`, `CHANNELID 0x${cardPort.toString(16)}`, ''].join('\n'),
  );
  let child: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    // pdeathsig: the daemon goes when the test process goes, however it ends.
    const proc = spawn('setpriv', ['--pdeathsig', 'TERM', 'pcscd', '--foreground', '--config', confDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    proc.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child = proc;
    const deadline = Date.now() + 10_000;
    while (!(fs.existsSync(PCSCD_SOCKET) && (await listening(cardPort)))) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`pcscd did not start: ${log}`);
      await sleep(20);
    }
  };
  await start();
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await exited;
    fs.rmSync(PCSCD_SOCKET, { force: true });
  };
  return {
    readerName: `${friendlyName} 00 00`,
    cardPort,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    stop,
    async restart() {
      await stop();
      await start();
    },
  };
}

/** Whether something accepts TCP connections on the port; vpcd listens on two, port and port+1. */
function listening(port: number): Promise<boolean> {
  // A probe connection would look like a card to vpcd; ask the kernel instead.
  try {
    const table = fs.readFileSync('/proc/net/tcp', 'utf8') + fs.readFileSync('/proc/net/tcp6', 'utf8');
    const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
    return Promise.resolve(table.split('\n').some((line) => line.includes(hex) && line.split(/\s+/)[4] === '0A'));
  } catch {
    return Promise.resolve(false);
  }
}

async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await canBind(port)) && (await canBind(port + 1))) return port;
  }
  throw new Error('no two free consecutive ports for vpcd');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
