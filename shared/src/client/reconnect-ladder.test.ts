import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Transport } from 'mediasoup-client/types';
import { ReconnectLadder, type LadderHost } from './reconnect-ladder.ts';

/** A stand-in for the two mediasoup-client transports: only identity and direction matter to the ladder. */
const transport = (direction: 'send' | 'recv') => ({ direction, closed: false }) as unknown as Transport;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits (generously: the machine is shared) until the condition holds. */
async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
const timing = { disconnectedGraceMs: 300, stepTimeoutMs: 40, iceRestarts: 2, localRestartIntervalMs: 20 };

function harness(options: { signalingOpen?: () => boolean; heal?: (step: string) => boolean } = {}) {
  const send = transport('send');
  const recv = transport('recv');
  const steps: string[] = [];
  const recovering: boolean[] = [];
  let ladder: ReconnectLadder;
  const act = (step: string) => {
    steps.push(step);
    if (options.heal?.(step)) setTimeout(() => (ladder.transportState(send, 'connected'), ladder.transportState(recv, 'connected')), 5);
  };
  const host: LadderHost = {
    transports: () => [send, recv],
    signalingOpen: options.signalingOpen ?? (() => true),
    restartIce: async (t) => act(`iceRestart:${t.direction}`),
    restartIceLocally: async (t) => act(`localIceRestart:${t.direction}`),
    newTransports: async () => act('newTransports'),
    rejoin: async () => act('rejoin'),
    recovering: (active) => void recovering.push(active),
  };
  ladder = new ReconnectLadder(host, timing);
  ladder.transportState(send, 'connected');
  ladder.transportState(recv, 'connected');
  return { ladder, send, recv, steps, recovering };
}

describe('reconnection ladder', () => {
  test('a short "disconnected" that heals by itself takes no step', async () => {
    const { ladder, send, steps, recovering } = harness();
    ladder.transportState(send, 'disconnected');
    await sleep(10);
    ladder.transportState(send, 'connected');
    await sleep(400);
    assert.deepEqual(steps, []);
    assert.deepEqual(recovering, [true, false]);
    assert.equal(ladder.recoveries.length, 1);
    assert.ok(ladder.recoveries[0]!.recoveredAt);
  });

  test('"failed": ICE restart at once, only of the troubled transport; recovery recorded with its steps', async () => {
    const { ladder, send, steps } = harness({ heal: (step) => step.startsWith('iceRestart') });
    ladder.transportState(send, 'failed');
    await until('recovered', () => ladder.recoveries[0]?.recoveredAt != null);
    assert.deepEqual(steps, ['iceRestart:send']);
    const [recovery] = ladder.recoveries;
    assert.equal(recovery!.trigger, 'send:failed');
    assert.deepEqual(recovery!.steps.map((step) => step.step), ['iceRestart']);
    assert.ok(recovery!.recoveredAt! >= recovery!.startedAt);
  });

  test('escalates: ICE restarts, then new transports, then a full rejoin, then around again', async () => {
    const { ladder, send, steps } = harness({ heal: (step) => step === 'rejoin' });
    ladder.transportState(send, 'failed');
    await until('recovered', () => ladder.recoveries[0]?.recoveredAt != null);
    assert.deepEqual(steps, ['iceRestart:send', 'iceRestart:send', 'newTransports', 'rejoin']);
    assert.ok(ladder.recoveries[0]!.recoveredAt);
  });

  test('while signalling is down, ICE is restarted locally (both ends cannot be reached) and nothing escalates', async () => {
    let open = false;
    const { ladder, send, recv, steps } = harness({ signalingOpen: () => open });
    ladder.transportState(send, 'failed');
    ladder.transportState(recv, 'disconnected');
    await until('six local restarts', () => steps.length >= 6);
    assert.ok(steps.every((step) => step.startsWith('localIceRestart')));
    // Signalling is back: the next step is a restart on both ends, at once.
    open = true;
    ladder.kick('signalingReconnected');
    await until('a restart on both ends', () => steps.at(-1)!.startsWith('iceRestart'));
    ladder.transportState(send, 'connected');
    ladder.transportState(recv, 'connected');
    await sleep(50);
    const count = steps.length;
    await sleep(100);
    assert.equal(steps.length, count, 'connected: the ladder stops');
  });

  test('stop() ends a running ladder', async () => {
    const { ladder, send, steps } = harness();
    ladder.transportState(send, 'failed');
    await until('a first step', () => steps.length > 0);
    ladder.stop();
    const count = steps.length;
    await sleep(150);
    assert.equal(steps.length, count);
  });
});
