/**
 * bench:dispatch — how fast an interpreter request reaches interpreters, and how fast an
 * accepting interpreter is seen at the booth.
 *
 * 1. Request → ringing: a server with the demo data plus INTERPRETERS extra FinSL interpreters
 *    (of the provider Kela has a contract with, and as many of one it has none with), all
 *    connected and available. REQUESTS times: a customer takes a number, the expert takes it,
 *    the customer answers, the expert asks for FinSL; the clock runs from sending
 *    `interpreting.request` to each rung interpreter receiving `interpreting.ringing` (first of
 *    the batch, and the whole batch); then the expert cancels and hangs up. Baseline, same run:
 *    the round trip of `queue.overview` on the expert's idle connection.
 * 2. Accept → first interpreter frame at the booth: real Chromium pages (booth kiosk, expert
 *    console, interpreter console), ACCEPT_RUNS calls; the clock runs from the interpreter
 *    pressing Accept to the booth's first decoded frame of the interpreter's camera.
 *
 * Writes docs/benchmarks.md; the last output line is JSON.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { InterpretingSkill } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import { hashPassword } from '../../signaling/src/auth/passwords.ts';
import { connectClient, loginBooth, loginStaff, startTestServer } from '../../signaling/src/testing/test-server.ts';
import { measureAcceptToFirstFrame } from './dispatch-media.ts';
import { percentile, writeBenchmarkSection } from './report.ts';

const INTERPRETERS = Number(process.env.BENCH_DISPATCH_INTERPRETERS ?? 60);
const REQUESTS = Number(process.env.BENCH_DISPATCH_REQUESTS ?? 100);
const ACCEPT_RUNS = Number(process.env.BENCH_DISPATCH_ACCEPT_RUNS ?? 8);
const FINSL: InterpretingSkill = { modality: 'signLanguage', language: 'fse' };
const KELA_SERVICE = 'kela-housing-allowance';

async function measureRequestToRinging(): Promise<{ first: number[]; batch: number[]; baseline: number[] }> {
  const server = await startTestServer({ interpreting: { ringBatchSize: 3, ringMs: 20_000, bookedWaitMs: 120_000 } });
  const clients: SignalingClient[] = [];
  try {
    const passwordHash = await hashPassword('bench-password-123');
    for (let index = 0; index < INTERPRETERS; index++) {
      const id = `u-bench-int-${index}`;
      await server.storage.catalogue.upsertStaffUser({
        id, username: `bench.interpreter.${index}`, passwordHash, role: 'interpreter', displayName: `Bench interpreter ${index}`, agencyId: null, servicePointId: null, active: true,
      });
      // Half of them work for the provider Kela has no contract with: they must never ring.
      await server.storage.interpreting.saveInterpreter({ interpreterId: id, providerId: index % 2 === 0 ? 'prov-viittoen' : 'prov-kielisilta', skills: [FINSL] });
    }
    const arrivals = new Map<string, number[]>();
    let uncontractedRings = 0;
    for (let index = 0; index < INTERPRETERS; index++) {
      const client = await connectClient(server, (await loginStaff(server, `bench.interpreter.${index}`, 'bench-password-123')).token);
      await client.request('interpreter.setAvailability', { available: true });
      client.on('interpreting.ringing', ({ offer }) => {
        const list = arrivals.get(offer.requestId) ?? [];
        list.push(performance.now());
        arrivals.set(offer.requestId, list);
        if (index % 2 === 1) uncontractedRings++;
      });
      clients.push(client);
    }
    const booth = await connectClient(server, (await loginBooth(server)).token);
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    clients.push(booth, expert);

    const first: number[] = [];
    const batch: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < REQUESTS; run++) {
      const visit = await booth.request('queue.takeNumber', { serviceId: KELA_SERVICE, language: 'fi' });
      await expert.request('queue.takeNext', {});
      const { session } = await booth.request('queue.answer', { ticketId: visit.view.ticket.ticketId });
      const rttStart = performance.now();
      await expert.request('queue.overview', {});
      baseline.push(performance.now() - rttStart);
      const sentAt = performance.now();
      const { request } = await expert.request('interpreting.request', { sessionId: session.sessionId, skill: FINSL });
      const deadline = Date.now() + 5000;
      while ((arrivals.get(request.requestId)?.length ?? 0) < 3 && Date.now() < deadline) await sleep(1);
      const times = arrivals.get(request.requestId) ?? [];
      if (times.length < 3) throw new Error(`run ${run}: only ${times.length} interpreters rang`);
      first.push(Math.min(...times) - sentAt);
      batch.push(Math.max(...times) - sentAt);
      await expert.request('interpreting.cancel', { requestId: request.requestId });
      await expert.request('session.end', { sessionId: session.sessionId });
      // Stay under the per-connection message rate limit (20/s): the expert sends 5 messages per run.
      await sleep(300);
    }
    if (uncontractedRings > 0) throw new Error(`${uncontractedRings} rings reached interpreters of a provider without a contract`);
    return { first, batch, baseline };
  } finally {
    for (const client of clients) client.close();
    await server.close();
  }
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const ringing = await measureRequestToRinging();
const accept = await measureAcceptToFirstFrame(ACCEPT_RUNS);

const figures = {
  bench: 'dispatch',
  request_to_ringing_p50_ms: round(percentile(ringing.first, 50)),
  request_to_ringing_p99_ms: round(percentile(ringing.first, 99)),
  request_to_batch_rung_p50_ms: round(percentile(ringing.batch, 50)),
  request_to_batch_rung_p99_ms: round(percentile(ringing.batch, 99)),
  baseline_rtt_p50_ms: round(percentile(ringing.baseline, 50)),
  ringing_vs_rtt_p50: round(percentile(ringing.first, 50) / percentile(ringing.baseline, 50), 2),
  accept_to_first_frame_p50_ms: Math.round(percentile(accept.acceptToFrame, 50)),
  accept_to_first_frame_p99_ms: Math.round(percentile(accept.acceptToFrame, 99)),
  baseline_loopback_first_frame_p50_ms: Math.round(percentile(accept.baseline, 50)),
};

writeBenchmarkSection(
  'dispatch',
  `## bench:dispatch — interpreter request → ringing, accept → first interpreter frame at the booth

Run on ${new Date().toISOString().slice(0, 10)}. ${INTERPRETERS} extra FinSL interpreters online (half of a provider
Kela has no contract with: never rung), batch size 3; ${REQUESTS} requests by a Kela expert in a live session.
Then ${ACCEPT_RUNS} three-party calls in headless Chromium (booth kiosk, expert console, interpreter console
on one 2-core machine).

| figure | p50 | p99 |
|---|---|---|
| request → first interpreter ringing | ${figures.request_to_ringing_p50_ms} ms | ${figures.request_to_ringing_p99_ms} ms |
| request → whole batch (3) ringing | ${figures.request_to_batch_rung_p50_ms} ms | ${figures.request_to_batch_rung_p99_ms} ms |
| baseline: idle request round trip (same run) | ${figures.baseline_rtt_p50_ms} ms | ${round(percentile(ringing.baseline, 99))} ms |
| accept → first decoded interpreter frame at the booth | ${figures.accept_to_first_frame_p50_ms} ms | ${figures.accept_to_first_frame_p99_ms} ms |
| baseline: WebRTC loopback offer → first frame (same run) | ${figures.baseline_loopback_first_frame_p50_ms} ms | ${Math.round(percentile(accept.baseline, 99))} ms |

Ringing costs ${figures.ringing_vs_rtt_p50}× an idle round trip at the median (matching reads the contracts and
interpreters, then one notification per rung interpreter).`,
);
console.log(JSON.stringify(figures));
process.exit(0);
