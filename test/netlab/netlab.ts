import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The project's network impairment lab (see test/netlab/README.md). A lab is one network
 * namespace joined to the root namespace by a veth pair: the server (signalling + mediasoup)
 * runs in the root namespace and listens on the root end's address, a browser launched in the
 * lab reaches it only through the veth, and the lab's end of the link can be impaired:
 *   - loss: an nftables `numgen random` rule each way (kernel, exact, cheap);
 *   - delay (and jitter): iptables NFQUEUE + the userspace helper nfq-impair.py each way;
 *   - outage: the lab's veth end set down (the peer loses carrier) or a blackhole (DROP rules
 *     no endpoint can see).
 * This kernel has no sch_netem, so `tc netem` is not an option (research/network-faults.md).
 * Needs root, iproute2, nftables and iptables (infra/setup.sh installs them).
 */
export interface Impairment {
  /** Percent of packets dropped, in each direction. */
  lossPct?: number;
  /** Milliseconds each packet is held, in each direction (RTT grows by twice this). */
  delayMs?: number;
  /** Milliseconds, uniform ±, on top of the delay. */
  jitterMs?: number;
}

export interface NetLab {
  /** Namespace name. */
  readonly name: string;
  /** Address of the root namespace's end: what the server listens on. */
  readonly serverAddress: string;
  /** Address of the lab's end. */
  readonly clientAddress: string;
  /** A Chromium launcher that runs the browser inside the lab (for puppeteer's executablePath). */
  readonly chromiumPath: string;
  impair(impairment: Impairment): Promise<void>;
  /** Removes loss and delay (the link stays as it is). */
  clearImpairment(): Promise<void>;
  /**
   * The link between the booth's router and the network down (true) or up (false): the bus
   * drives into a dead zone and its mobile router loses the uplink. The booth's own interface
   * to the router stays up, as on the bus.
   */
  setLinkDown(down: boolean): void;
  /**
   * The booth's own interface down (true) or up (false): a USB modem that vanishes. The
   * browser needs its own time (1–3 s measured here) to see an interface come back.
   */
  setInterfaceDown(down: boolean): void;
  /** Drops every packet both ways without a link change (true) or stops doing so (false). */
  setBlackhole(down: boolean): void;
  /** Runs a command inside the lab; returns its stdout. */
  exec(command: string, args: string[]): string;
  close(): Promise<void>;
}

const helperScript = path.join(import.meta.dirname, 'nfq-impair.py');
const openLabs = new Set<{ close(): Promise<void>; closeSync(): void }>();
let labCount = 0;

function run(command: string, args: string[], input?: string): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input });
}
function quiet(command: string, args: string[]): void {
  try {
    run(command, args);
  } catch {
    // already gone
  }
}

/** Labs left behind by test processes that died (namespaces are named etp-<pid>-<n>). */
function removeStaleLabs(): void {
  let names: string[] = [];
  try {
    names = run('ip', ['netns', 'list']).split('\n').map((line) => line.split(' ')[0]!).filter(Boolean);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^etp-(\d+)-(\d+)(?:-r)?$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) {
      quiet('ip', ['netns', 'del', name]);
      quiet('ip', ['link', 'del', `etps${match[1]}x${match[2]}`]);
    }
  }
}

/** Whether this machine can run labs: root, iproute2, nftables and iptables present. */
export function netLabAvailable(): { ok: true } | { ok: false; reason: string } {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'needs root (network namespaces)' };
  for (const tool of ['ip', 'nft', 'iptables']) {
    try {
      run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return { ok: false, reason: `${tool} is not installed (run infra/setup.sh)` };
    }
  }
  return { ok: true };
}

/** Python 3 from Debian (the helper needs only its standard library). */
function python(): string {
  return fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

class NfqHelper {
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  readonly #waiters: ((line: string) => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(namespace: string) {
    this.#child = spawn('ip', ['netns', 'exec', namespace, python(), helperScript, '--queue', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.#child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => {
      for (const waiter of this.#waiters.splice(0)) waiter(`exit ${code} ${stderr.trim()}`);
    });
    createInterface({ input: this.#child.stdout! }).on('line', (line) => {
      const waiter = this.#waiters.shift();
      if (waiter) waiter(line);
      else this.#lines.push(line);
    });
  }

  #nextLine(timeoutMs = 5000): Promise<string> {
    const queued = this.#lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nfq-impair did not answer')), timeoutMs);
      this.#waiters.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  async ready(): Promise<void> {
    const line = await this.#nextLine();
    if (!line.startsWith('ready')) throw new Error(`nfq-impair failed to bind: ${line}`);
  }

  async command(line: string): Promise<void> {
    this.#child.stdin!.write(`${line}\n`);
    const answer = await this.#nextLine();
    if (!answer.startsWith('ok')) throw new Error(`nfq-impair: ${line}: ${answer}`);
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    this.#child.stdin!.end();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  stopSync(): void {
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL');
  }
}

/** Creates a lab (namespace + veth pair + addresses). Close it in `after`, even on failure. */
export async function createNetLab(): Promise<NetLab> {
  const available = netLabAvailable();
  if (!available.ok) throw new Error(`netlab unavailable: ${available.reason}`);
  removeStaleLabs();
  const index = ++labCount;
  const pid = process.pid;
  const name = `etp-${pid}-${index}`;
  const rootEnd = `etps${pid}x${index}`;
  const labEnd = `etpc${pid}x${index}`;
  // Two /30s per lab (server ↔ router, router ↔ booth), from the pid and the lab's index:
  // concurrent test processes don't collide.
  const block = ((pid * 8 + index) % (1 << 13)) * 8;
  const prefix = `10.${100 + (block >> 16)}.${(block >> 8) & 255}`;
  const serverAddress = `${prefix}.${(block & 255) + 1}`;
  const routerUplinkAddress = `${prefix}.${(block & 255) + 2}`;
  const routerLanAddress = `${prefix}.${(block & 255) + 5}`;
  const clientAddress = `${prefix}.${(block & 255) + 6}`;
  const router = `${name}-r`;
  const routerUplink = `etpu${pid}x${index}`;
  const routerLan = `etpl${pid}x${index}`;
  const inLab = (command: string, args: string[]) => run('ip', ['netns', 'exec', name, command, ...args]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-netlab-'));
  const chromiumPath = path.join(dir, 'chromium-in-lab');
  fs.writeFileSync(chromiumPath, `#!/bin/sh\nexec ip netns exec ${name} "${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}" "$@"\n`, { mode: 0o755 });

  let helper: NfqHelper | null = null;
  let closed = false;
  const closeSync = () => {
    if (closed) return;
    closed = true;
    helper?.stopSync();
    quiet('ip', ['netns', 'del', name]);
    quiet('ip', ['netns', 'del', router]);
    quiet('ip', ['link', 'del', rootEnd]);
    quiet('ip', ['route', 'del', `${clientAddress}/32`]);
    fs.rmSync(dir, { recursive: true, force: true });
    openLabs.delete(entry);
  };
  const entry = {
    closeSync,
    async close() {
      await helper?.stop();
      closeSync();
    },
  };
  openLabs.add(entry);
  try {
    // server (root namespace) ── rootEnd ═ routerUplink ── router ── routerLan ═ labEnd ── booth
    run('ip', ['netns', 'add', name]);
    run('ip', ['netns', 'add', router]);
    run('ip', ['link', 'add', rootEnd, 'type', 'veth', 'peer', 'name', routerUplink]);
    run('ip', ['link', 'set', routerUplink, 'netns', router]);
    run('ip', ['-n', router, 'link', 'add', routerLan, 'type', 'veth', 'peer', 'name', labEnd]);
    run('ip', ['-n', router, 'link', 'set', labEnd, 'netns', name]);
    run('ip', ['addr', 'add', `${serverAddress}/30`, 'dev', rootEnd]);
    run('ip', ['-n', router, 'addr', 'add', `${routerUplinkAddress}/30`, 'dev', routerUplink]);
    run('ip', ['-n', router, 'addr', 'add', `${routerLanAddress}/30`, 'dev', routerLan]);
    run('ip', ['-n', name, 'addr', 'add', `${clientAddress}/30`, 'dev', labEnd]);
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    run('ip', ['link', 'set', rootEnd, 'up']);
    run('ip', ['-n', router, 'link', 'set', routerUplink, 'up']);
    run('ip', ['-n', router, 'link', 'set', routerLan, 'up']);
    run('ip', ['-n', name, 'link', 'set', labEnd, 'up']);
    run('ip', ['netns', 'exec', router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    run('ip', ['route', 'replace', `${clientAddress}/32`, 'via', routerUplinkAddress, 'dev', rootEnd]);
    // Like a booth behind its router, the booth's default route goes to the router.
    run('ip', ['-n', name, 'route', 'replace', 'default', 'via', routerLanAddress, 'dev', labEnd]);
    // Loss table (empty until impair()), kernel-side.
    run('ip', ['netns', 'exec', name, 'nft', '-f', '-'], [
      'table inet etp_impair {',
      '  chain out { type filter hook output priority 0; }',
      '  chain in { type filter hook input priority 0; }',
      '}',
    ].join('\n'));
  } catch (error) {
    closeSync();
    throw error;
  }

  const lab: NetLab = {
    name,
    serverAddress,
    clientAddress,
    chromiumPath,
    async impair({ lossPct = 0, delayMs = 0, jitterMs = 0 }) {
      inLab('nft', ['flush', 'chain', 'inet', 'etp_impair', 'out']);
      inLab('nft', ['flush', 'chain', 'inet', 'etp_impair', 'in']);
      if (lossPct > 0) {
        const threshold = String(Math.round(lossPct * 100));
        inLab('nft', ['add', 'rule', 'inet', 'etp_impair', 'out', 'oifname', labEnd, 'numgen', 'random', 'mod', '10000', '<', threshold, 'drop']);
        inLab('nft', ['add', 'rule', 'inet', 'etp_impair', 'in', 'iifname', labEnd, 'numgen', 'random', 'mod', '10000', '<', threshold, 'drop']);
      }
      if (delayMs > 0 || jitterMs > 0) {
        if (!helper) {
          helper = new NfqHelper(name);
          await helper.ready();
          // --queue-bypass: packets pass unharmed whenever no helper is bound.
          inLab('iptables', ['-A', 'OUTPUT', '-o', labEnd, '-j', 'NFQUEUE', '--queue-num', '0', '--queue-bypass']);
          inLab('iptables', ['-A', 'INPUT', '-i', labEnd, '-j', 'NFQUEUE', '--queue-num', '0', '--queue-bypass']);
        }
        await helper.command(`delay ${delayMs}`);
        await helper.command(`jitter ${jitterMs}`);
      } else if (helper) {
        await helper.command('delay 0');
        await helper.command('jitter 0');
      }
    },
    async clearImpairment() {
      await lab.impair({});
    },
    setLinkDown(down) {
      run('ip', ['-n', router, 'link', 'set', 'dev', routerUplink, down ? 'down' : 'up']);
    },
    setInterfaceDown(down) {
      run('ip', ['-n', name, 'link', 'set', 'dev', labEnd, down ? 'down' : 'up']);
      // The kernel drops the routes of an interface that goes down; the returning one gets its
      // default route back at once, as the booth's network configuration (DHCP) would give it.
      if (!down) run('ip', ['-n', name, 'route', 'replace', 'default', 'via', routerLanAddress, 'dev', labEnd]);
    },
    setBlackhole(down) {
      const action = down ? '-I' : '-D';
      inLab('iptables', [action, 'INPUT', '-i', labEnd, '-j', 'DROP']);
      inLab('iptables', [action, 'OUTPUT', '-o', labEnd, '-j', 'DROP']);
    },
    exec: inLab,
    close: entry.close,
  };
  return lab;
}

// Namespaces outlive the process that made them: remove them on every way out.
process.once('exit', () => {
  for (const lab of [...openLabs]) lab.closeSync();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const lab of [...openLabs]) lab.closeSync();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
