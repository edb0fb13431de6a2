import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import type { types } from 'mediasoup';
import { hasStaleProducerScore, watchStaleConsumer } from './stale-consumer.ts';

/** A stand-in for a mediasoup consumer: its score, state and events. */
function fakeConsumer(options: { type?: types.ConsumerType; paused?: boolean; producerScore: number; producerScores: number[] }) {
  const events = new EventEmitter();
  const observer = new EventEmitter();
  const consumer = {
    type: options.type ?? 'svc',
    paused: options.paused ?? false,
    producerPaused: false,
    closed: false,
    score: { score: 10, producerScore: options.producerScore, producerScores: options.producerScores },
    on: (event: string, listener: (...args: any[]) => void) => events.on(event, listener),
    off: (event: string, listener: (...args: any[]) => void) => events.off(event, listener),
    observer,
  };
  const setScore = (producerScore: number, producerScores: number[]) => {
    consumer.score = { score: 10, producerScore, producerScores };
    events.emit('score', consumer.score);
  };
  return { consumer, asConsumer: consumer as unknown as types.Consumer, events, observer, setScore };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a consumer stuck with a stale producer score is replaced', () => {
  test('what counts as stale: a single-stream consumer whose own producer score is 0 while its stream scores', () => {
    assert.equal(hasStaleProducerScore(fakeConsumer({ producerScore: 0, producerScores: [10] }).asConsumer), true);
    assert.equal(hasStaleProducerScore(fakeConsumer({ type: 'simple', producerScore: 0, producerScores: [7] }).asConsumer), true);
    assert.equal(hasStaleProducerScore(fakeConsumer({ producerScore: 10, producerScores: [10] }).asConsumer), false);
    assert.equal(hasStaleProducerScore(fakeConsumer({ producerScore: 0, producerScores: [0] }).asConsumer), false, 'the stream itself is bad');
    // A simulcast consumer without a current layer legitimately reports 0.
    assert.equal(hasStaleProducerScore(fakeConsumer({ type: 'simulcast', producerScore: 0, producerScores: [10, 10, 0] }).asConsumer), false);
    assert.equal(hasStaleProducerScore(fakeConsumer({ paused: true, producerScore: 0, producerScores: [10] }).asConsumer), false, 'a paused consumer is not stuck');
  });

  test('replaced once the stale state has lasted, not before; a score that recovers in time keeps it', async () => {
    const stuck = fakeConsumer({ producerScore: 0, producerScores: [10] });
    let replaced = 0;
    watchStaleConsumer(stuck.asConsumer, () => replaced++, 150);
    await wait(50);
    assert.equal(replaced, 0);
    await wait(250);
    assert.equal(replaced, 1);

    const recovering = fakeConsumer({ producerScore: 0, producerScores: [10] });
    let recoveredReplaced = 0;
    watchStaleConsumer(recovering.asConsumer, () => recoveredReplaced++, 150);
    await wait(50);
    recovering.setScore(10, [10]);
    await wait(250);
    assert.equal(recoveredReplaced, 0);
  });

  test('a paused consumer is watched again when it is resumed; closing stops the watch', async () => {
    const paused = fakeConsumer({ paused: true, producerScore: 0, producerScores: [10] });
    let replaced = 0;
    watchStaleConsumer(paused.asConsumer, () => replaced++, 100);
    await wait(200);
    assert.equal(replaced, 0);
    paused.consumer.paused = false;
    paused.observer.emit('resume');
    await wait(250);
    assert.equal(replaced, 1);

    const closing = fakeConsumer({ producerScore: 0, producerScores: [10] });
    let closedReplaced = 0;
    watchStaleConsumer(closing.asConsumer, () => closedReplaced++, 100);
    closing.consumer.closed = true;
    closing.observer.emit('close');
    await wait(250);
    assert.equal(closedReplaced, 0);
  });
});
