import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '@etapiste/shared';
import { sfuConfigFromEnv } from './config.ts';
import { LocalMediaServer } from './local-media-server.ts';
import type { DataConsumerAnnouncement } from './media-server.ts';

const capabilities = { codecs: [], headerExtensions: [] };

describe('data channels through the SFU', () => {
  let media: LocalMediaServer;
  before(async () => {
    media = await new LocalMediaServer({ ...sfuConfigFromEnv({}), workers: 1, rtcPort: 0, listenIp: '127.0.0.1' }).start();
  });
  after(() => media.close());

  test('a data channel reaches only the receiver roles it names, also those who get ready later', async () => {
    const room = await media.createRoom('s_data');
    const added: { to: string; announcement: DataConsumerAnnouncement }[] = [];
    const closed: string[] = [];
    const ready: string[] = [];
    room.setEventSink({
      consumerAdded() {},
      consumerClosed() {},
      consumerPaused() {},
      dataConsumerAdded: (to, announcement) => added.push({ to, announcement }),
      dataConsumerClosed: (to) => closed.push(to),
      dataReceiverReady: (owner, dataProducerId, receiver) => ready.push(`${owner}:${dataProducerId}:${receiver}`),
    });
    for (const [id, role] of [['p_customer', 'customer'], ['p_expert', 'expert'], ['p_interpreter', 'interpreter']] as const) {
      room.addParticipant(id, role);
    }
    const send = await room.createTransport('p_customer', 'send');
    assert.ok(send.sctpParameters, 'transports carry SCTP');
    await room.createTransport('p_expert', 'recv');
    await room.createTransport('p_interpreter', 'recv');
    await room.setReady('p_expert', capabilities);

    const request = { transportId: send.transportId, sctpStreamParameters: { streamId: 1, ordered: true }, label: 'devices', protocol: 'etapiste-devices/1' };
    const devices = await room.produceData('p_customer', { ...request, receiverRoles: ['expert'] });
    await room.produceData('p_customer', { ...request, sctpStreamParameters: { streamId: 2, ordered: true }, label: 'captions', protocol: '' });
    await room.setReady('p_interpreter', capabilities);

    const summary = added.map(({ to, announcement }) => `${to}:${announcement.label}`).sort();
    assert.deepEqual(summary, ['p_expert:captions', 'p_expert:devices', 'p_interpreter:captions']);
    const deviceConsumer = added.find(({ announcement }) => announcement.label === 'devices')!.announcement;
    assert.equal(deviceConsumer.dataProducerId, devices);
    assert.equal(deviceConsumer.participantRole, 'customer');
    assert.equal(deviceConsumer.protocol, 'etapiste-devices/1');

    // Nothing is delivered to a receiver before it has opened the channel, nor while the room
    // is held; then the owner is told that receiver is ready.
    await room.dataConsumerReady('p_expert', deviceConsumer.dataConsumerId);
    assert.deepEqual(ready, [], 'a held room delivers nothing yet');
    await room.release();
    assert.deepEqual(ready, [`p_customer:${devices}:p_expert`]);
    const captionsAtInterpreter = added.find(({ to, announcement }) => to === 'p_interpreter' && announcement.label === 'captions')!.announcement;
    await room.dataConsumerReady('p_interpreter', captionsAtInterpreter.dataConsumerId);
    assert.equal(ready.length, 2, 'after the release a ready receiver is delivered to at once');
    await assert.rejects(room.dataConsumerReady('p_interpreter', deviceConsumer.dataConsumerId), { code: ErrorCode.NotFound });

    await assert.rejects(room.produceData('p_customer', { ...request, sctpStreamParameters: { streamId: 3 } }), { code: ErrorCode.Conflict });
    await assert.rejects(room.produceData('p_stranger', request), { code: ErrorCode.Forbidden });

    room.removeParticipant('p_customer');
    const deadline = Date.now() + 5000;
    while (closed.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(closed.sort(), ['p_expert', 'p_expert', 'p_interpreter'], 'receivers are told when the sender leaves');
    room.close();
  });
});
