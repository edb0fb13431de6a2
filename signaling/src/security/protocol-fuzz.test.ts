import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { fuzzLimits, fuzzTokens, runProtocolFuzz } from '../testing/protocol-fuzz.ts';
import { connectClient, loginStaff, startTestServer } from '../testing/test-server.ts';

/**
 * CI's protocol fuzz: 100,000 property-generated frames over 8 parallel sockets of every role
 * (two booths, experts of both agencies, supervisor, admin, host staff, interpreter) against a
 * real server. The per-connection rate limit and rejection cap are lifted for the fuzzing
 * sockets (`fuzzLimits`): they are tested on their own in ws-gateway.test.ts. Seed:
 * ETAPISTE_FUZZ_SEED (default: a new one each run, printed, so a failure can be replayed).
 */
describe('WebSocket protocol fuzz', () => {
  let server: EtapisteServer;
  let tokens: string[];
  before(async () => {
    server = await startTestServer(fuzzLimits);
    tokens = await fuzzTokens(server);
  });
  after(() => server.close());

  test('100,000 fuzz frames: every one answered with a valid envelope and a known, non-INTERNAL code; the server stays responsive', { timeout: 600_000 }, async () => {
    const seed = Number(process.env.ETAPISTE_FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`fuzz seed ${seed}`);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const tally = await runProtocolFuzz(server, tokens, { messages: 100_000, batch: 1000, seed });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = Object.values(process.cpuUsage(cpu)).reduce((sum, micros) => sum + micros, 0) / 1e6;
    console.log(`fuzz: ${tally.sent} frames in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU); ok ${tally.ok}; ${JSON.stringify(tally.byCode)}; oversize closed ${tally.oversizeClosed}`);
    assert.deepEqual(tally.problems, []);
    assert.ok(tally.sent >= 100_000);
    assert.equal(tally.answered, tally.sent - tally.oversizeClosed, 'every frame but the oversize ones answered');
    for (const code of [ErrorCode.BadJson, ErrorCode.ValidationFailed, ErrorCode.UnknownMethod, ErrorCode.Forbidden]) {
      assert.ok((tally.byCode[code] ?? 0) > 100, `the fuzz reaches ${code}`);
    }
    // Still up and serving.
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200);
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    assert.equal((await expert.request('queue.overview', {})).agencyId, 'kela');
    expert.close();
  });
});
