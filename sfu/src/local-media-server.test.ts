import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '@etapiste/shared';
import { sfuConfigFromEnv } from './config.ts';
import { LocalMediaServer } from './local-media-server.ts';

describe('LocalMediaServer', () => {
  let media: LocalMediaServer;
  before(async () => {
    media = await new LocalMediaServer({ ...sfuConfigFromEnv({}), workers: 1, rtcPort: 0, listenIp: '127.0.0.1' }).start();
  });
  after(() => media.close());

  test('a room owns a router; transports are per participant and released on leave and close', async () => {
    const room = await media.createRoom('s_counters');
    room.addParticipant('p_customer', 'customer');
    room.addParticipant('p_expert', 'expert');
    const send = await room.createTransport('p_customer', 'send');
    await room.createTransport('p_customer', 'recv');
    await room.createTransport('p_expert', 'recv');
    assert.ok(send.iceCandidates.some((candidate) => candidate.protocol === 'udp'));
    assert.ok(send.iceCandidates.some((candidate) => candidate.protocol === 'tcp'));
    assert.deepEqual(media.counters(), { routers: 1, transports: 3, producers: 0, consumers: 0 });
    room.removeParticipant('p_customer');
    assert.equal(media.counters().transports, 1);
    room.close();
    assert.deepEqual(media.counters(), { routers: 0, transports: 0, producers: 0, consumers: 0 });
  });

  test('ICE restart gives new server ICE parameters; a reset participant keeps their place without media', async () => {
    const room = await media.createRoom('s_restart');
    room.addParticipant('p_customer', 'customer');
    const send = await room.createTransport('p_customer', 'send');
    const restarted = (await room.restartIce('p_customer', send.transportId)) as { usernameFragment: string; password: string };
    assert.notEqual(restarted.usernameFragment, (send.iceParameters as { usernameFragment: string }).usernameFragment);
    assert.notEqual(restarted.password, (send.iceParameters as { password: string }).password);
    await assert.rejects(room.restartIce('p_customer', 'no-such-transport'), { code: ErrorCode.NotFound });
    assert.equal(room.hasMedia('p_customer'), true);
    room.resetParticipant('p_customer');
    assert.equal(room.hasMedia('p_customer'), false);
    assert.equal(room.hasParticipant('p_customer'), true);
    assert.equal(media.counters().transports, 0);
    room.close();
  });

  test('bad requests get typed errors', async () => {
    const room = await media.createRoom('s_errors');
    room.addParticipant('p_customer', 'customer');
    const send = await room.createTransport('p_customer', 'send');
    await assert.rejects(room.createTransport('p_stranger', 'send'), { code: ErrorCode.Forbidden });
    await assert.rejects(room.connectTransport('p_customer', 'no-such-transport', {}), { code: ErrorCode.NotFound });
    await assert.rejects(
      room.produce('p_customer', {
        transportId: send.transportId,
        kind: 'video',
        source: 'faceCamera',
        rtpParameters: { codecs: [{ mimeType: 'video/NOPE', payloadType: 96, clockRate: 90000 }] },
      }),
      { code: ErrorCode.ValidationFailed },
    );
    await assert.rejects(
      room.produce('p_customer', {
        transportId: send.transportId,
        kind: 'audio',
        source: 'faceCamera',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] },
      }),
      { code: ErrorCode.ValidationFailed },
    );
    for (let extra = 1; extra < 4; extra++) await room.createTransport('p_customer', 'recv');
    await assert.rejects(room.createTransport('p_customer', 'recv'), { code: ErrorCode.Conflict });
    room.close();
  });

  test('a worker that dies is replaced, its rooms are reported lost and can be rebuilt at once', async () => {
    const room = await media.createRoom('s_doomed');
    const lost = new Promise<string>((resolve) => media.onRoomLost(resolve));
    const pid = media.workerOf('s_doomed');
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    assert.equal(await lost, 's_doomed');
    assert.equal(room.closed, true);
    // The only worker is dead: rebuilding waits for its replacement instead of failing.
    const rebuilt = await media.createRoom('s_doomed');
    assert.notEqual(rebuilt.id, room.id, 'a rebuilt room is a new media epoch');
    assert.notEqual(media.workerOf('s_doomed'), pid);
    rebuilt.close();
    const deadline = Date.now() + 5000;
    while (media.health().healthyWorkers < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(media.health(), { workers: 1, healthyWorkers: 1 });
    assert.notEqual(media.pool.pids()[0], pid);
    const next = await media.createRoom('s_after');
    assert.equal(next.closed, false);
    next.close();
  });
});
