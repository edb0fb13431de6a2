/**
 * The project's whole test run (what `./etapiste test` and CI execute after setup):
 * typecheck, unit and integration tests, mediasoup's own suite against our offline-built
 * worker, the app builds, and the end-to-end browser tests. Ends with one line
 * "N passed, M failed".
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;

interface Step {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** How the step reports counts. */
  counts: 'node-test' | 'mediasoup' | 'none';
}

const nodeTest = (...patterns: string[]) => ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=1', '--test-reporter=spec', ...patterns];

const steps: Step[] = [
  { name: 'typecheck', args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], counts: 'none' },
  {
    name: 'unit and integration tests',
    args: nodeTest('shared/src/**/*.test.ts', 'sfu/src/**/*.test.ts', 'signaling/src/**/*.test.ts', 'booth-client/**/*.test.ts'),
    counts: 'node-test',
  },
  {
    name: 'queue, booking, gateway, admin, interpreting and identity integration on PostgreSQL',
    args: nodeTest('signaling/src/queue/queue.test.ts', 'signaling/src/booking/booking.test.ts', 'signaling/src/gateway/ws-gateway.test.ts', 'signaling/src/admin/admin-routes.test.ts', 'signaling/src/interpreting/interpreting.test.ts', 'signaling/src/identity/identity.test.ts'),
    env: { ETAPISTE_TEST_STORAGE: 'postgres' },
    counts: 'node-test',
  },
  { name: "mediasoup's own test suite", args: ['--disable-warning=ExperimentalWarning', 'test/mediasoup-suite/run.ts'], counts: 'mediasoup' },
  { name: 'build the apps', args: ['--disable-warning=ExperimentalWarning', 'infra/build-apps.ts'], counts: 'none' },
  { name: 'end-to-end browser tests', args: nodeTest('test/netlab/**/*.test.ts', 'test/e2e/**/*.test.ts'), counts: 'node-test' },
];

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...step.env } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function countsOf(step: Step, output: string): { passed: number; failed: number; skipped: number } {
  const number = (pattern: RegExp) => Number(output.match(pattern)?.[1] ?? 0);
  if (step.counts === 'node-test') {
    return { passed: number(/^ℹ pass (\d+)/m), failed: number(/^ℹ fail (\d+)/m), skipped: number(/^ℹ skipped (\d+)/m) };
  }
  if (step.counts === 'mediasoup') {
    const match = output.match(/mediasoup suite: (\d+) passed, (\d+) failed, (\d+) skipped/);
    return { passed: Number(match?.[1] ?? 0), failed: Number(match?.[2] ?? 0), skipped: Number(match?.[3] ?? 0) };
  }
  return { passed: 0, failed: 0, skipped: 0 };
}

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const { code, output } = await run(step);
  const counts = countsOf(step, output);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s ===`);
  if (code !== 0) {
    failures.push(step.name);
    if (counts.failed === 0) failed += 1; // a step that failed without counting (typecheck, build)
  }
}
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
