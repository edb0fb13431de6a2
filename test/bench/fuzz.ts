/**
 * bench:fuzz — 1,000,000 property-generated WebSocket frames (signaling/src/testing/protocol-fuzz.ts:
 * mutated params of every method, wrong types, unknown methods, deep and wide JSON, binary,
 * non-JSON, odd ids, now and then an oversize frame) over 8 parallel sockets of every role
 * against a real server with the demo data. Zero crashes and every rejection a typed error
 * are asserted, not just counted. Baseline, same run: 100,000 copies of one well-formed
 * request (queue.watchBoard) on the same sockets. The rate limiter is lifted for these
 * sockets (fuzzLimits). Writes docs/benchmarks.md; last line is JSON.
 * BENCH_FUZZ_MESSAGES changes the count; BENCH_FUZZ_SEED fixes the seed.
 */
import os from 'node:os';
import { ErrorCode } from '@etapiste/shared';
import { FuzzConnection, fuzzLimits, fuzzTokens, newTally, runProtocolFuzz } from '../../signaling/src/testing/protocol-fuzz.ts';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { writeBenchmarkSection } from './report.ts';

const MESSAGES = Number(process.env.BENCH_FUZZ_MESSAGES ?? 1_000_000);
const BASELINE = 100_000;
const BATCH = 2000;
const seed = Number(process.env.BENCH_FUZZ_SEED ?? Date.now() % 2 ** 31);

const server = await startTestServer(fuzzLimits);
const tokens = await fuzzTokens(server);
let exitCode = 0;
try {
  // Baseline: one well-formed request, the same sockets, the same batch size.
  const baselineTally = newTally();
  const wsUrl = (token: string) => `${server.url.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`;
  const sockets = await Promise.all(tokens.map((token) => FuzzConnection.open(wsUrl(token), baselineTally)));
  const frame = { type: 'text' as const, data: JSON.stringify({ id: 1, method: 'queue.watchBoard', params: { servicePointId: 'sp-kallio-library' } }) };
  const baselineStarted = performance.now();
  for (let sent = 0; sent < BASELINE; sent += BATCH) {
    const share = BATCH / sockets.length;
    await Promise.all(sockets.map((socket) => socket.exchange(Array.from({ length: share }, () => frame))));
  }
  const baselineRate = BASELINE / ((performance.now() - baselineStarted) / 1000);
  for (const socket of sockets) socket.close();

  console.log(`fuzz seed ${seed}: ${MESSAGES} frames…`);
  const started = performance.now();
  const tally = await runProtocolFuzz(server, tokens, { messages: MESSAGES, batch: BATCH, seed });
  const seconds = (performance.now() - started) / 1000;
  const health = await fetch(`${server.url}/api/health`);
  if (health.status !== 200) throw new Error(`server unhealthy after the fuzz: ${health.status}`);
  if (tally.problems.length > 0) throw new Error(tally.problems.join('\n'));
  if (tally.answered !== tally.sent - tally.oversizeClosed) throw new Error(`${tally.sent - tally.oversizeClosed - tally.answered} frames unanswered`);

  const rate = tally.sent / seconds;
  const rejections = Object.values(tally.byCode).reduce((sum, count) => sum + (count ?? 0), 0);
  const codes = Object.entries(tally.byCode).sort(([, a], [, b]) => (b ?? 0) - (a ?? 0));
  const figures = {
    bench: 'fuzz',
    seed,
    messages: tally.sent,
    seconds: Number(seconds.toFixed(1)),
    messagesPerSecond: Math.round(rate),
    baselineMessagesPerSecond: Math.round(baselineRate),
    ratioToBaseline: Number((rate / baselineRate).toFixed(2)),
    ok: tally.ok,
    rejections,
    rejectionsByCode: Object.fromEntries(codes),
    oversizeClosed: tally.oversizeClosed,
    internalErrors: tally.byCode[ErrorCode.Internal] ?? 0,
    crashes: 0,
    loadAverage: Number(os.loadavg()[0]!.toFixed(1)),
  };
  writeBenchmarkSection(
    'fuzz',
    `## bench:fuzz — WebSocket protocol fuzz

${tally.sent.toLocaleString('en')} property-generated frames (fast-check, seed ${seed}) over 8 parallel sockets of every role
against a real server: mutated params of every method, wrong envelope types, unknown methods,
deep (≤ 20,000 levels) and wide (≤ 2,000 keys) JSON, binary and non-JSON frames, odd ids, and
${tally.oversizeClosed} oversize frames (each closes only its own socket with 1009). Rate limiter lifted for these sockets.
Generator and server share one Node process, so the throughput includes fast-check's generation;
machine load average at the end of the run: ${os.loadavg()[0]!.toFixed(1)} (2 cores, shared).

| figure | value |
|---|---|
| fuzz throughput | ${Math.round(rate).toLocaleString('en')} frames/s (${seconds.toFixed(1)} s) |
| baseline: one well-formed request (queue.watchBoard), same sockets | ${Math.round(baselineRate).toLocaleString('en')} frames/s |
| ratio fuzz / baseline | ${(rate / baselineRate).toFixed(2)} |
| answered ok | ${tally.ok.toLocaleString('en')} |
| rejected with a typed error | ${rejections.toLocaleString('en')} |
${codes.map(([code, count]) => `| — ${code} | ${(count ?? 0).toLocaleString('en')} |`).join('\n')}
| INTERNAL errors, server crashes, unanswered frames | 0, 0, 0 |
`,
  );
  console.log(JSON.stringify(figures));
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await server.close();
}
process.exit(exitCode);
