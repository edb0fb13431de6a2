import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueueTicket } from '@etapiste/shared';
import { inQueueOrder } from './queue-order.ts';
import { WaitEstimator } from './wait-estimator.ts';

test('the estimate follows measured service times and the experts online', () => {
  const estimator = new WaitEstimator(8);
  assert.equal(estimator.estimateMinutes('kela', 3, 1), 24, 'default 8 min per customer');
  for (let index = 0; index < 30; index++) estimator.recordService('kela', 4 * 60_000);
  assert.ok(Math.abs(estimator.meanServiceMinutes('kela') - 4) < 0.1);
  assert.equal(estimator.estimateMinutes('kela', 3, 2), 6);
  assert.equal(estimator.estimateMinutes('kela', 0, 2), 0);
  assert.equal(estimator.estimateMinutes('vero', 1, 0), 8, 'no expert online still gives an estimate');
});

test('booked customers at their slot first, then transfers, then the longest wait', () => {
  const now = 1_000_000;
  const ticket = (ticketId: string, priority: QueueTicket['priority'], queuedAt: number) =>
    ({ ticketId, priority, queuedAt, issuedAt: queuedAt }) as QueueTicket;
  const order = inQueueOrder(
    [
      ticket('walkInEarly', 'normal', now - 600_000),
      ticket('bookedLater', 'booked', now + 300_000),
      ticket('transfer', 'transfer', now - 10_000),
      ticket('bookedNow', 'booked', now - 60_000),
      ticket('walkInLate', 'normal', now - 100_000),
    ],
    now,
  ).map((entry) => entry.ticketId);
  assert.deepEqual(order, ['bookedNow', 'transfer', 'walkInEarly', 'walkInLate', 'bookedLater']);
});
