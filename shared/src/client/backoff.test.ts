import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay, reconnectBackoff } from './backoff.ts';

describe('reconnection backoff', () => {
  test('grows exponentially from the initial delay and stops at the cap', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 };
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, policy)),
      [100, 200, 400, 800, 1000, 1000, 1000],
    );
  });

  test('jitter draws from [base × (1 − jitter), base]', () => {
    const policy = { initialMs: 1000, maxMs: 1000, factor: 2, jitter: 0.5 };
    assert.equal(backoffDelay(0, policy, () => 0), 500);
    assert.equal(backoffDelay(0, policy, () => 0.999999), 1000);
    assert.equal(backoffDelay(0, policy, () => 0.5), 750);
  });

  test('real randomness spreads the retries of many clients over the window', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(6, reconnectBackoff));
    assert.ok(delays.every((delay) => delay >= reconnectBackoff.maxMs / 2 && delay <= reconnectBackoff.maxMs));
    // 15 buckets across the jitter window [max/2, max]: nearly all of them are hit.
    const bucketMs = reconnectBackoff.maxMs / 2 / 15;
    const buckets = new Set(delays.map((delay) => Math.min(14, Math.floor((delay - reconnectBackoff.maxMs / 2) / bucketMs))));
    assert.ok(buckets.size >= 14, `spread over ${buckets.size} of 15 buckets`);
  });

  test('a first retry comes quickly (a returning link must carry media within 2 s)', () => {
    assert.ok(backoffDelay(0) <= 250);
    assert.ok(backoffDelay(1) <= 500);
  });
});
