/**
 * bench:faults — the fault scenarios of issue 7 measured on a booth ↔ expert call whose booth
 * runs behind a netlab link (test/netlab):
 *   0. baseline: the customer's face frame rate at the expert on a clean link (same run);
 *   1. 10 % loss + 100 ms each way (200 ms RTT): face frame rate at the expert;
 *   2. the link between the booth's router and the network down 30 s (the bus in a dead zone):
 *      time from the link returning to media in both directions; and the booth's own interface
 *      down 30 s (a USB modem that vanishes), where the browser's own network detection adds;
 *   3. SIGKILL of the mediasoup worker carrying the call: time to media in both directions;
 *   4. kill -9 of the signalling server process and a restart on the same data: time to media;
 *   5. the relay-only call (test/e2e/turn-relay.test.ts) passes.
 * Frame rates are per-second getStats() framesDecoded deltas; times are polled every 50 ms.
 * Writes its section of docs/benchmarks.md; the last output line is one JSON object.
 *
 * Options: --loss-windows N (20 s each, default 2), --outages N (default 2), --interface-outages N (default 1),
 * --worker-kills N (default 3), --restarts N (default 2).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { netLabAvailable } from '../netlab/netlab.ts';
import { callState, connectCall, mediaBack, median, sampleCustomerFaceFps, startLabCall, type LabCall } from '../netlab/lab-call.ts';
import { percentile, writeBenchmarkSection } from './report.ts';

const { values } = parseArgs({
  options: {
    'loss-windows': { type: 'string', default: '2' },
    outages: { type: 'string', default: '2' },
    'interface-outages': { type: 'string', default: '1' },
    'worker-kills': { type: 'string', default: '3' },
    restarts: { type: 'string', default: '2' },
  },
});
const lossWindows = Number(values['loss-windows']);
const outages = Number(values.outages);
const interfaceOutages = Number(values['interface-outages']);
const workerKills = Number(values['worker-kills']);
const restarts = Number(values.restarts);
const root = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[bench:faults] ${line}`);

const available = netLabAvailable();
if (!available.ok) {
  console.error(`bench:faults needs the netlab: ${available.reason}`);
  process.exit(1);
}

type Recovery = { toExpertMs: number | null; toBoothMs: number | null };
/** Both directions back: the later of the two, or null if either never came back. */
const bothBack = (recovery: Recovery) => (recovery.toExpertMs === null || recovery.toBoothMs === null ? null : Math.max(recovery.toExpertMs, recovery.toBoothMs));
const medianOrNull = (values: (number | null)[]) => (values.some((value) => value === null) || values.length === 0 ? null : median(values as number[]));
const show = (value: number | null, unit = 'ms') => (value === null ? 'no recovery' : `${Math.round(value)} ${unit}`);

// --- 0–3: one call, in-process server ---------------------------------------------------------
const baseline: number[] = [];
const impaired: number[] = [];
const outageRecoveries: Recovery[] = [];
const interfaceRecoveries: Recovery[] = [];
const workerRecoveries: Recovery[] = [];
let call: LabCall | null = await startLabCall();
try {
  await connectCall(call);
  await sleep(3000);
  baseline.push(...(await sampleCustomerFaceFps(call.expert, 10)));
  log(`baseline face fps ${JSON.stringify(baseline)}`);
  for (let window = 0; window < lossWindows; window++) {
    await call.lab.impair({ lossPct: 10, delayMs: 100 });
    await sleep(3000);
    const rates = await sampleCustomerFaceFps(call.expert, 20);
    await call.lab.clearImpairment();
    impaired.push(...rates);
    log(`10 % loss + 200 ms RTT, window ${window + 1}: face fps ${JSON.stringify(rates)}; booth call ${(await callState(call.booth)).state}`);
    await sleep(5000);
  }
  for (let outage = 0; outage < outages; outage++) {
    call.lab.setLinkDown(true);
    await sleep(30_000);
    call.lab.setLinkDown(false);
    const recovery = await mediaBack(call, performance.now(), 30_000);
    outageRecoveries.push(recovery);
    log(`link down 30 s, then up: media back customer → expert ${show(recovery.toExpertMs)}, expert → booth ${show(recovery.toBoothMs)}`);
    if (bothBack(recovery) === null) break;
    await sleep(5000);
  }
  for (let outage = 0; outage < interfaceOutages; outage++) {
    call.lab.setInterfaceDown(true);
    await sleep(30_000);
    call.lab.setInterfaceDown(false);
    const recovery = await mediaBack(call, performance.now(), 30_000);
    interfaceRecoveries.push(recovery);
    log(`booth interface down 30 s, then up: media back customer → expert ${show(recovery.toExpertMs)}, expert → booth ${show(recovery.toBoothMs)}`);
    if (bothBack(recovery) === null) break;
    await sleep(5000);
  }
  for (let kill = 0; kill < workerKills; kill++) {
    const { sessionId } = await callState(call.booth);
    const pid = sessionId ? call.server!.media.workerOf(sessionId) : undefined;
    if (!pid) {
      log('no worker carries the session any more: stopping the worker scenario');
      workerRecoveries.push({ toExpertMs: null, toBoothMs: null });
      break;
    }
    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');
    const recovery = await mediaBack(call, killedAt, 20_000, { awaitStall: true });
    workerRecoveries.push(recovery);
    log(`worker ${pid} SIGKILL: media back customer → expert ${show(recovery.toExpertMs)}, expert → booth ${show(recovery.toBoothMs)}`);
    if (bothBack(recovery) === null) break;
    await sleep(5000);
  }
} finally {
  await call?.close();
  call = null;
}

// --- 4: signalling server as its own process, kill -9 and restart ----------------------------
const restartRecoveries: { fromKill: Recovery; restartMs: number }[] = [];
call = await startLabCall({ serverProcess: true });
try {
  await connectCall(call);
  await sleep(3000);
  for (let restart = 0; restart < restarts; restart++) {
    const killedAt = performance.now();
    await call.serverProcess!.killAndRestart();
    const restartMs = performance.now() - killedAt;
    const fromKill = await mediaBack(call, killedAt, 30_000, { awaitStall: true });
    restartRecoveries.push({ fromKill, restartMs });
    log(`signalling kill -9 + restart (listening after ${Math.round(restartMs)} ms): media back customer → expert ${show(fromKill.toExpertMs)}, expert → booth ${show(fromKill.toBoothMs)} after the kill`);
    if (bothBack(fromKill) === null) break;
    await sleep(5000);
  }
} finally {
  await call?.close();
}

// --- 5: relay-only call ------------------------------------------------------------------------
const relayStarted = performance.now();
const relayOk = await new Promise<boolean>((resolve) => {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--test', 'test/e2e/turn-relay.test.ts'], { cwd: root, stdio: 'ignore' });
  child.once('exit', (code) => resolve(code === 0));
});
log(`relay-only call (turn-relay.test.ts): ${relayOk ? 'passed' : 'FAILED'} in ${Math.round((performance.now() - relayStarted) / 1000)} s`);

// --- report ------------------------------------------------------------------------------------
const baselineP50 = median(baseline);
const lossP50 = median(impaired);
const lossMean = impaired.reduce((sum, value) => sum + value, 0) / impaired.length;
const outageMs = medianOrNull(outageRecoveries.map(bothBack));
const interfaceMs = medianOrNull(interfaceRecoveries.map(bothBack));
const workerMs = medianOrNull(workerRecoveries.map(bothBack));
const restartFromKillMs = medianOrNull(restartRecoveries.map(({ fromKill }) => bothBack(fromKill)));
const restartAfterListenMs = medianOrNull(restartRecoveries.map(({ fromKill, restartMs }) => (bothBack(fromKill) === null ? null : bothBack(fromKill)! - restartMs)));
const target = (ok: boolean) => (ok ? 'met' : '**missed**');
// As fault test 1: 20 fps, or 80 % of the clean rate on a machine that cannot decode 24 fps.
const lossTargetFps = Math.min(20, Math.round(baselineP50 * 0.8 * 10) / 10);

writeBenchmarkSection(
  'faults',
  `## bench:faults — fault scenarios of a booth behind an impaired link

\`npm run bench:faults\`: a booth (Chromium inside a network namespace, fake cameras at 30 fps,
face in 3 simulcast layers + document camera) calls a Kela expert (Chromium on a clean path);
the booth's link is impaired by the project's netlab (nftables loss, NFQUEUE delay on the booth's
interface; link down between the booth's router and the server, as when a bus's mobile router
loses its uplink; the booth's own interface down, as when a USB modem vanishes). Frame rates: the customer's face decoded at the expert, per second (getStats).
Recovery: both directions decoding new frames again, polled every 50 ms. Run ${new Date().toISOString().slice(0, 10)}.

| scenario | measured | target |
|---|---|---|
| clean link: face fps at the expert (baseline, same run) | p50 ${baselineP50.toFixed(1)} fps over ${baseline.length} s | – |
| 10 % loss + 200 ms RTT: face fps at the expert | p50 ${lossP50.toFixed(1)}, mean ${lossMean.toFixed(1)}, p10 ${percentile(impaired, 10).toFixed(1)} fps over ${impaired.length} s (${((lossP50 / baselineP50) * 100).toFixed(0)} % of baseline) | ≥ min(20 fps, 80 % of baseline) = ${lossTargetFps} fps: ${target(lossP50 >= lossTargetFps)} |
| link down 30 s, then up: media back after the link returns | ${outageRecoveries.map((recovery) => show(bothBack(recovery))).join(', ')} (median ${show(outageMs)}) | ≤ 2 s: ${target(outageMs !== null && outageMs <= 2000)} |
| the booth's own interface down 30 s, then up: media back after it returns | ${interfaceRecoveries.map((recovery) => show(bothBack(recovery))).join(', ')} (median ${show(interfaceMs)}) | – (Chromium itself takes 1–3 s to list a returning interface) |
| SIGKILL of the call's mediasoup worker: media back | ${workerRecoveries.map((recovery) => show(bothBack(recovery))).join(', ')} (median ${show(workerMs)}) | ≤ 3 s: ${target(workerMs !== null && workerMs <= 3000)} |
| kill -9 of the signalling server + restart: media back after the kill | ${restartRecoveries.map(({ fromKill }) => show(bothBack(fromKill))).join(', ')} (median ${show(restartFromKillMs)}; after listening again: ${show(restartAfterListenMs)}) | clients resume: ${target(restartFromKillMs !== null)} |
| relay-only call through coturn | ${relayOk ? 'passed' : 'failed'} | passes: ${target(relayOk)} |
${
  baselineP50 < 24
    ? `\nOn this run the clean link itself gave only ${baselineP50.toFixed(1)} fps: the two Chromiums encode and decode in
software and the booth's fake cameras are generated on the same two cores, so the machine, not
the network, sets the clean rate (the impaired link can even be faster: lower layers cost less
to encode). The loss row is therefore judged against 80 % of the clean rate, as fault test 1 is.\n`
    : ''
}`,
);

console.log(
  JSON.stringify({
    bench: 'faults',
    baseline_fps_p50: Math.round(baselineP50 * 10) / 10,
    loss_fps_p50: Math.round(lossP50 * 10) / 10,
    loss_fps_mean: Math.round(lossMean * 10) / 10,
    outage_recovery_ms: outageMs === null ? null : Math.round(outageMs),
    interface_outage_recovery_ms: interfaceMs === null ? null : Math.round(interfaceMs),
    worker_kill_recovery_ms: workerMs === null ? null : Math.round(workerMs),
    signalling_restart_recovery_ms: restartFromKillMs === null ? null : Math.round(restartFromKillMs),
    relay_ok: relayOk,
  }),
);
process.exit(0);
