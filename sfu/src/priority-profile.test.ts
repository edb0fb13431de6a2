import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParticipantRole, RtpParametersWire } from '@etapiste/shared';
import { sfuConfigFromEnv } from './config.ts';
import { LocalMediaServer } from './local-media-server.ts';
import type { MediasoupRoom } from './mediasoup-room.ts';

const transportCc = { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5 };
let nextSsrc = 1000;
const vp8 = (encodings: RtpParametersWire['encodings']): RtpParametersWire =>
  ({
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'transport-cc' }, { type: 'nack' }] }],
    headerExtensions: [transportCc],
    encodings,
  }) as RtpParametersWire;
/** What the call engine sends: face = 3 simulcast layers, document = one L1T3 encoding. */
const faceParameters = () => vp8([{ ssrc: ++nextSsrc }, { ssrc: ++nextSsrc }, { ssrc: ++nextSsrc }].map((encoding) => ({ ...encoding, scalabilityMode: 'L1T1' })));
const documentParameters = () => vp8([{ ssrc: ++nextSsrc, scalabilityMode: 'L1T3' }]);
const opusParameters = (): RtpParametersWire =>
  ({ codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: ++nextSsrc }] }) as RtpParametersWire;

/**
 * The room-level sign-language priority with real mediasoup objects: three participants, their
 * producers as the call engine makes them, and the layers and priorities mediasoup's consumers
 * end up with for a receiver whose link carries little.
 */
describe('media room: priority profile and layer selection', () => {
  let media: LocalMediaServer;
  let room: MediasoupRoom;

  before(async () => {
    media = await new LocalMediaServer({ ...sfuConfigFromEnv({}), workers: 1, rtcPort: 0, listenIp: '127.0.0.1' }).start();
    room = (await media.createRoom('s_sign_language')) as MediasoupRoom;
    const join = async (participantId: string, role: ParticipantRole, sources: ('faceCamera' | 'documentCamera' | 'microphone')[]) => {
      room.addParticipant(participantId, role);
      const send = await room.createTransport(participantId, 'send');
      await room.createTransport(participantId, 'recv');
      await room.setReady(participantId, room.routerRtpCapabilities);
      for (const source of sources) {
        const rtpParameters = source === 'microphone' ? opusParameters() : source === 'faceCamera' ? faceParameters() : documentParameters();
        await room.produce(participantId, { transportId: send.transportId, kind: source === 'microphone' ? 'audio' : 'video', source, rtpParameters });
      }
    };
    await join('p_customer', 'customer', ['faceCamera', 'documentCamera', 'microphone']);
    await join('p_interpreter', 'interpreter', ['faceCamera', 'microphone']);
    await join('p_expert', 'expert', ['faceCamera', 'microphone']);
    await room.release();
  });
  after(async () => {
    room?.close();
    await media?.close();
  });

  const decisions = (participantId: string) => Object.fromEntries(room.layerDecisions(participantId).map((decision) => [`${decision.ownerRole}:${decision.source}`, decision]));

  test('standard profile: audio first, faces next, the document camera last; under 900 kbit/s the second face drops below CIF', async () => {
    const expertView = decisions('p_expert');
    assert.deepEqual(Object.keys(expertView).sort(), ['customer:documentCamera', 'customer:faceCamera', 'customer:microphone', 'interpreter:faceCamera', 'interpreter:microphone']);
    assert.ok(expertView['customer:microphone']!.priority > expertView['customer:faceCamera']!.priority);
    assert.ok(expertView['customer:faceCamera']!.priority > expertView['customer:documentCamera']!.priority);

    await room.applyAvailableBitrate('p_expert', 900_000);
    const constrained = decisions('p_expert');
    assert.equal(constrained['customer:faceCamera']!.preferredLayers!.spatialLayer, 1);
    assert.equal(constrained['interpreter:faceCamera']!.preferredLayers!.spatialLayer, 0);
    assert.deepEqual(constrained['customer:documentCamera']!.preferredLayers, { spatialLayer: 0, temporalLayer: 0 }, 'document: full resolution, base frame rate');
  });

  test("signLanguage profile: the customer's and the interpreter's faces keep ≥ CIF; the document camera and the expert's face give way", async () => {
    await room.setPriorityProfile('signLanguage');
    assert.equal(room.priorityProfile, 'signLanguage');
    // The profile re-plans with the last estimate (900 kbit/s) without waiting for the next one.
    const expertView = decisions('p_expert');
    assert.equal(expertView['customer:faceCamera']!.preferredLayers!.spatialLayer, 1);
    assert.equal(expertView['interpreter:faceCamera']!.preferredLayers!.spatialLayer, 1, 'interpreter face back at the CIF layer');
    assert.ok(expertView['interpreter:faceCamera']!.priority > expertView['customer:documentCamera']!.priority);
    assert.ok(expertView['customer:microphone']!.priority > expertView['interpreter:faceCamera']!.priority);

    // The booth sees the interpreter (sign language) and the expert: the expert's face gives way.
    await room.applyAvailableBitrate('p_customer', 700_000);
    const boothView = decisions('p_customer');
    assert.ok(boothView['interpreter:faceCamera']!.priority > boothView['expert:faceCamera']!.priority);
    assert.equal(boothView['interpreter:faceCamera']!.preferredLayers!.spatialLayer, 1);
    assert.equal(boothView['expert:faceCamera']!.preferredLayers!.spatialLayer, 0);

    // The expert's link recovers: everything climbs back to the top layers.
    await room.applyAvailableBitrate('p_expert', 10_000_000);
    const recovered = decisions('p_expert');
    assert.equal(recovered['customer:faceCamera']!.preferredLayers!.spatialLayer, 2);
    assert.equal(recovered['interpreter:faceCamera']!.preferredLayers!.spatialLayer, 2);
    assert.deepEqual(recovered['customer:documentCamera']!.preferredLayers, { spatialLayer: 0, temporalLayer: 2 });

    await room.setPriorityProfile('standard');
    assert.equal(decisions('p_expert')['interpreter:faceCamera']!.priority, decisions('p_expert')['customer:faceCamera']!.priority);
  });
});
