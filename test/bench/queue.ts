/**
 * bench:queue — how fast a queue change reaches everyone who follows it. A real server
 * process, 2,000 WebSocket clients (booths and experts) of 10 agencies at 400 service points.
 * Each measured event is a customer taking a number; the clock runs from sending the request to
 * each subscribed client (the agency's experts: queue.changed; every booth waiting in that
 * agency: queue.ticketChanged) receiving its notification. Baseline, same run: the round trip
 * of a single request on an idle connection. Writes docs/benchmarks.md; last line is JSON.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultQueuePolicy, type Principal } from '@etapiste/shared';
import { SignalingClient } from '@etapiste/shared/client';
import { TokenService } from '../../signaling/src/auth/tokens.ts';
import { openStorage } from '../../signaling/src/storage/open-storage.ts';
import { percentile, writeBenchmarkSection } from './report.ts';
import { freePort } from '../../signaling/src/testing/free-port.ts';

const AGENCIES = 10;
const POINTS = 400;
const EXPERTS_PER_AGENCY = Number(process.env.BENCH_QUEUE_EXPERTS_PER_AGENCY ?? 20);
const BOOTHS = Number(process.env.BENCH_QUEUE_BOOTHS ?? 1800);
const WAITING_PER_AGENCY = Number(process.env.BENCH_QUEUE_WAITING ?? 30);
const EVENTS = Number(process.env.BENCH_QUEUE_EVENTS ?? 200);
const root = path.resolve(import.meta.dirname, '../..');


const agencyId = (index: number) => `ag${index}`;
const serviceId = (index: number) => `sv${index}`;

async function seed(dataDir: string): Promise<{ booths: Principal[]; experts: Principal[] }> {
  const storage = await openStorage({ kind: 'sqlite', dataDir });
  const text = (value: string) => ({ fi: value, sv: value, en: value });
  for (let index = 0; index < AGENCIES; index++) {
    await storage.catalogue.upsertAgency({ id: agencyId(index), code: `A${index}`, name: text(`Agency ${index}`) });
    await storage.catalogue.upsertService({ id: serviceId(index), agencyId: agencyId(index), name: text(`Service ${index}`), remoteCapable: true, notRemoteInstructions: null });
  }
  const booths: Principal[] = [];
  for (let point = 0; point < POINTS; point++) {
    await storage.catalogue.saveServicePoint({
      id: `sp${point}`,
      kind: 'S',
      name: text(`Point ${point}`),
      municipality: `Municipality ${point % 50}`,
      region: `Region ${point % 19}`,
      address: '',
      hostOrganisation: null,
      openingHours: [],
      exceptions: [],
      queuePolicy: defaultQueuePolicy,
      agencyGraceSeconds: [],
      agencyIds: Array.from({ length: AGENCIES }, (_, index) => agencyId(index)),
    });
  }
  for (let index = 0; index < BOOTHS; index++) {
    const booth = { id: `b${index}`, servicePointId: `sp${index % POINTS}`, label: `Booth ${index}` };
    await storage.catalogue.upsertBooth(booth, randomBytes(16).toString('hex'));
    booths.push({ role: 'booth', subjectId: booth.id, displayName: booth.label, agencyId: null, servicePointId: booth.servicePointId });
  }
  const experts: Principal[] = [];
  for (let agency = 0; agency < AGENCIES; agency++) {
    for (let index = 0; index < EXPERTS_PER_AGENCY; index++) {
      experts.push({ role: 'expert', subjectId: `e${agency}-${index}`, displayName: `Expert ${index}`, agencyId: agencyId(agency), servicePointId: null });
    }
  }
  await storage.close();
  return { booths, experts };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-bench-queue-'));
const secret = randomBytes(48);
const { booths, experts } = await seed(dataDir);
const port = await freePort();
const server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'signaling/src/main.ts', '--port', String(port)], {
  cwd: root,
  env: {
    ...process.env,
    ETAPISTE_DATA_DIR: dataDir,
    ETAPISTE_JWT_SECRET: secret.toString('base64'),
    ETAPISTE_MEDIA_WORKERS: '1',
    ETAPISTE_RTC_PORT: '0',
    ETAPISTE_HOST: '127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is running at') && resolve()));

const tokens = new TokenService(Buffer.from(secret.toString('base64'), 'utf8'));
async function connect(principal: Principal): Promise<SignalingClient> {
  const client = new SignalingClient({ url: `ws://127.0.0.1:${port}/ws`, token: tokens.issue(principal, 3600).token, requestTimeoutMs: 30_000 });
  await client.connect();
  return client;
}

try {
  const connectStarted = Date.now();
  const boothClients: SignalingClient[] = [];
  const expertClients: SignalingClient[] = [];
  for (let batch = 0; batch < booths.length; batch += 100) {
    boothClients.push(...(await Promise.all(booths.slice(batch, batch + 100).map(connect))));
  }
  for (let batch = 0; batch < experts.length; batch += 100) {
    expertClients.push(...(await Promise.all(experts.slice(batch, batch + 100).map(connect))));
  }
  const connectSeconds = (Date.now() - connectStarted) / 1000;
  const clients = boothClients.length + expertClients.length;

  // Background: WAITING_PER_AGENCY customers waiting in every agency.
  const waitingByAgency = new Map<number, number[]>();
  let nextBooth = 0;
  for (let agency = 0; agency < AGENCIES; agency++) {
    const holders: number[] = [];
    for (let count = 0; count < WAITING_PER_AGENCY; count++) {
      await boothClients[nextBooth]!.request('queue.takeNumber', { serviceId: serviceId(agency), language: 'fi' });
      holders.push(nextBooth++);
    }
    waitingByAgency.set(agency, holders);
  }

  // Baseline: one request round trip on an idle connection.
  const baseline: number[] = [];
  const idle = boothClients[boothClients.length - 1]!;
  for (let run = 0; run < 50; run++) {
    const started = performance.now();
    await idle.request('booth.state', {});
    baseline.push(performance.now() - started);
  }

  const perClient: number[] = [];
  const fanOutComplete: number[] = [];
  for (let event = 0; event < EVENTS; event++) {
    const agency = event % AGENCIES;
    const boothIndex = nextBooth++ % boothClients.length;
    const booth = boothClients[boothIndex]!;
    const subscribers = [
      ...expertClients.slice(agency * EXPERTS_PER_AGENCY, (agency + 1) * EXPERTS_PER_AGENCY).map((client) => ({ client, name: 'queue.changed' as const })),
      ...(waitingByAgency.get(agency) ?? []).map((index) => ({ client: boothClients[index]!, name: 'queue.ticketChanged' as const })),
    ];
    let started = 0;
    const arrivals = subscribers.map(
      ({ client, name }) =>
        new Promise<number>((resolve) => {
          const off = client.on(name, () => {
            off();
            resolve(performance.now() - started);
          });
        }),
    );
    started = performance.now();
    const { view } = await booth.request('queue.takeNumber', { serviceId: serviceId(agency), language: 'fi' });
    const latencies = await Promise.all(arrivals);
    perClient.push(...latencies);
    fanOutComplete.push(Math.max(...latencies));
    // Keep the queue length steady: the new customer leaves again (not measured).
    const settled = subscribers.map(({ client, name }) => new Promise<void>((resolve) => { const off = client.on(name, () => { off(); resolve(); }); }));
    await booth.request('queue.leave', { ticketId: view.ticket.ticketId });
    await Promise.all(settled);
  }

  const round = (value: number) => Math.round(value * 10) / 10;
  const subscribersPerEvent = EXPERTS_PER_AGENCY + WAITING_PER_AGENCY;
  const figures = {
    bench: 'queue',
    clients,
    events: EVENTS,
    subscribers_per_event: subscribersPerEvent,
    notify_p50_ms: round(percentile(perClient, 50)),
    notify_p99_ms: round(percentile(perClient, 99)),
    fanout_complete_p50_ms: round(percentile(fanOutComplete, 50)),
    fanout_complete_p99_ms: round(percentile(fanOutComplete, 99)),
    baseline_rtt_p50_ms: round(percentile(baseline, 50)),
    notify_p50_vs_rtt: round(percentile(perClient, 50) / percentile(baseline, 50)),
  };
  writeBenchmarkSection(
    'queue',
    `## bench:queue — a queue change reaching every subscribed client

A real server process (SQLite, one media worker) and ${clients} WebSocket clients from one driver process on
the same 2-core machine: ${booths.length} booths at ${POINTS} service points and ${experts.length} experts of ${AGENCIES}
agencies (connected in ${connectSeconds.toFixed(1)} s), with ${WAITING_PER_AGENCY} customers waiting in every agency. ${EVENTS} events,
each a customer taking a number; per event ${subscribersPerEvent} clients follow that agency's queue
(${EXPERTS_PER_AGENCY} experts get \`queue.changed\` with the whole overview, ${WAITING_PER_AGENCY} waiting booths get their
new position in \`queue.ticketChanged\`). Clock: request sent → notification received, per client.
Baseline: one request's round trip on an idle connection.

| measure | p50 | p99 |
|---|---|---|
| request → each subscribed client notified | ${figures.notify_p50_ms} ms | ${figures.notify_p99_ms} ms |
| request → the last subscriber of the event notified | ${figures.fanout_complete_p50_ms} ms | ${figures.fanout_complete_p99_ms} ms |
| baseline: request round trip | ${figures.baseline_rtt_p50_ms} ms | ${round(percentile(baseline, 99))} ms |

Notification p50 is ${figures.notify_p50_vs_rtt}× the idle round trip. Measured ${new Date().toISOString().slice(0, 10)}.`,
  );
  for (const client of [...boothClients, ...expertClients]) client.close();
  console.log(JSON.stringify(figures));
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
