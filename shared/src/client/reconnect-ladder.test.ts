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
const timing = { disconnectedGraceMs: 300, iceRestartTimeoutMs: 40, stepTimeoutMs: 40, iceRestarts: 2, localRestartIntervalMs: 20 };

function harness(options: { signalingOpen?: () => boolean; heal?: (step: string) => boolean; networkReady?: () => boolean } = {}) {
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
    restartIce: async (t) => {
      act(`iceRestart:${t.direction}`);
      if (options.networkReady && !options.networkReady()) return 'networkNotReady';
    },
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

  test('steps taken before signalling dropped do not count: the returning link starts again from ICE restarts', async () => {
    let open = true;
    const { ladder, send, steps } = harness({ signalingOpen: () => open });
    ladder.transportState(send, 'failed');
    // The link dies under a still-open signalling socket: ICE restarts, then new transports.
    await until('new transports', () => steps.includes('newTransports'));
    open = false;
    await until('a local restart', () => steps.at(-1)!.startsWith('localIceRestart'));
    const before = steps.length;
    open = true;
    ladder.kick('signalingReconnected');
    await until('two more server steps', () => steps.slice(before).filter((step) => !step.startsWith('localIceRestart')).length >= 2);
    const after = steps.slice(before).filter((step) => !step.startsWith('localIceRestart'));
    assert.deepEqual(after.slice(0, 2), ['iceRestart:send', 'iceRestart:send']);
    ladder.stop();
  });

  test('an ICE restart that gathered nothing usable (the network is not ready) is repeated soon and does not escalate', async () => {
    let ready = false;
    const { ladder, send, steps } = harness({ networkReady: () => ready, heal: (step) => ready && step.startsWith('iceRestart') });
    ladder.transportState(send, 'failed');
    // iceRestarts is 2 in this timing: without the retry rule the third step would be new transports.
    await until('five restarts', () => steps.length >= 5);
    assert.ok(steps.every((step) => step === 'iceRestart:send'), steps.join());
    ready = true;
    await until('recovered', () => ladder.recoveries[0]?.recoveredAt != null);
    assert.ok(!steps.join().includes('newTransports'), steps.join());
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
