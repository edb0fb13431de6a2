import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import type { types } from 'mediasoup';
import { recoveryRange, restartEstimateAfterOutage, type RecoveryRange } from './estimate-after-outage.ts';

/** A stand-in for a mediasoup receive transport: its events, and the bitrate limits set on it. */
function fakeTransport() {
  const events = new EventEmitter();
  const observer = new EventEmitter();
  const limits: string[] = [];
  const transport = {
    closed: false,
    on: (event: string, listener: (...args: any[]) => void) => events.on(event, listener),
    off: (event: string, listener: (...args: any[]) => void) => events.off(event, listener),
    observer,
    setMinOutgoingBitrate: async (bitrate: number) => {
      limits.push(`min ${bitrate}`);
    },
    setMaxOutgoingBitrate: async (bitrate: number) => {
      limits.push(`max ${bitrate}`);
    },
  };
  return { transport: transport as unknown as types.WebRtcTransport, events, observer, limits };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settled = () => wait(5);
const range = (holdMs: number): RecoveryRange => ({ floor: 400_000, ceiling: 1_200_000, holdMs });
const HELD = ['max 1200000', 'min 400000'];
const RELEASED = ['max 0', 'min 0'];

describe('the receive estimate restarts when the path comes back', () => {
  test('after ICE went disconnected: held in the range when it is connected again, released after the hold', async () => {
    const { transport, events, limits } = fakeTransport();
    const estimate = restartEstimateAfterOutage(transport, range(50));
    events.emit('icestatechange', 'completed');
    events.emit('iceselectedtuplechange', { remoteIp: '10.0.0.2' });
    await settled();
    assert.deepEqual(limits, [], 'a healthy path is left to the estimator');
    events.emit('icestatechange', 'disconnected');
    await settled();
    assert.deepEqual(limits, []);
    events.emit('icestatechange', 'connected');
    events.emit('icestatechange', 'completed');
    await settled();
    assert.deepEqual(limits, HELD, 'once per outage');
    await wait(200);
    assert.deepEqual(limits, [...HELD, ...RELEASED]);
    estimate.stop();
  });

  test('after the client restarted ICE (the outage ended before the consent expired): held at once and again on the new path', async () => {
    const { transport, events, limits } = fakeTransport();
    const estimate = restartEstimateAfterOutage(transport, range(300));
    events.emit('icestatechange', 'completed');
    estimate.iceRestarted();
    await settled();
    assert.deepEqual(limits, HELD);
    await wait(200);
    events.emit('iceselectedtuplechange', { remoteIp: '10.0.0.3' });
    await settled();
    assert.deepEqual(limits, [...HELD, ...HELD]);
    // The hold counts from the new path: the restart's own release (100 ms ago by now) is off.
    await wait(200);
    assert.deepEqual(limits, [...HELD, ...HELD]);
    await wait(250);
    assert.deepEqual(limits, [...HELD, ...HELD, ...RELEASED]);
    events.emit('iceselectedtuplechange', { remoteIp: '10.0.0.4' });
    await settled();
    assert.deepEqual(limits, [...HELD, ...HELD, ...RELEASED], 'a later path change without an outage sets nothing');
    estimate.stop();
  });

  test('a closed transport is not touched, and stop() ends the watching', async () => {
    const { transport, events, observer, limits } = fakeTransport();
    const estimate = restartEstimateAfterOutage(transport, range(20));
    events.emit('icestatechange', 'disconnected');
    observer.emit('close');
    events.emit('icestatechange', 'connected');
    (transport as { closed: boolean }).closed = true;
    estimate.iceRestarted();
    await wait(50);
    assert.deepEqual(limits, []);
  });

  test('the ceiling is never the initial available bitrate (mediasoup ignores an estimate equal to it)', () => {
    for (const initial of [300_000, 400_000, 500_000, 600_000, 1_500_000, 3_000_000]) {
      const { floor, ceiling } = recoveryRange(initial);
      assert.notEqual(ceiling, initial);
      assert.ok(ceiling >= floor, `ceiling ${ceiling} ≥ floor ${floor}`);
    }
    assert.equal(recoveryRange(1_500_000).ceiling, 1_200_000);
  });
});
