import { z } from 'zod';
import { Id, MediaSource, ParticipantRole } from '../../domain.ts';
import {
  DataChannelLabel,
  DtlsParameters,
  IceParameters,
  IceServer,
  RtpCapabilities,
  RtpParameters,
  SctpStreamParameters,
  TransportDirection,
  TransportOptions,
} from '../media.ts';
import { method, participantRoles } from './method.ts';
import { ResumeToken } from './resume-methods.ts';

const Empty = z.object({}).strict();
const SessionRef = z.object({ sessionId: Id }).strict();

export const mediaMethods = {
  'media.getRouterCapabilities': method({
    summary: "The session router's RTP capabilities (to load the mediasoup-client Device) and ICE servers.",
    roles: participantRoles,
    params: SessionRef,
    result: z.object({
      routerRtpCapabilities: RtpCapabilities,
      /** STUN/TURN servers with short-lived TURN credentials for this participant. */
      iceServers: z.array(IceServer),
      /** 'relay' when the deployment forces all media through TURN. */
      iceTransportPolicy: z.enum(['all', 'relay']),
      /** Names the session's media room; changes when the room is rebuilt (worker death, restart). */
      mediaEpoch: z.string(),
      /** The caller's resume token for session.resume after a reconnection. */
      resumeToken: ResumeToken,
    }),
  }),
  'media.createTransport': method({
    summary: 'Creates a WebRTC transport for sending or receiving.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, direction: TransportDirection }).strict(),
    result: TransportOptions,
  }),
  'media.restartIce': method({
    summary:
      "ICE restart of one of the caller's transports (first step of the reconnection ladder): new server ICE parameters for the client's restartIce().",
    roles: participantRoles,
    params: z.object({ sessionId: Id, transportId: z.string().max(64) }).strict(),
    result: z.object({ iceParameters: IceParameters }),
  }),
  'media.connectTransport': method({
    summary: "Completes a transport's DTLS setup with the client's parameters.",
    roles: participantRoles,
    params: z.object({ sessionId: Id, transportId: z.string().max(64), dtlsParameters: DtlsParameters }).strict(),
    result: Empty,
  }),
  'media.ready': method({
    summary:
      "The client's RTP capabilities; from now on the server creates (paused) consumers for every producer of the other participants and announces them with media.consumerAdded.",
    roles: participantRoles,
    params: z.object({ sessionId: Id, rtpCapabilities: RtpCapabilities }).strict(),
    result: Empty,
  }),
  'media.produce': method({
    summary: 'Starts sending a track on the send transport.',
    roles: participantRoles,
    params: z
      .object({
        sessionId: Id,
        transportId: z.string().max(64),
        kind: z.enum(['audio', 'video']),
        source: MediaSource,
        rtpParameters: RtpParameters,
      })
      .strict(),
    result: z.object({ producerId: z.string() }),
  }),
  'media.setProducerPaused': method({
    summary: "Mutes or unmutes one of the caller's own producers (microphone mute, camera off).",
    roles: participantRoles,
    params: z.object({ sessionId: Id, producerId: z.string().max(64), paused: z.boolean() }).strict(),
    result: Empty,
  }),
  'media.produceData': method({
    summary:
      "Opens one of the caller's data channels on its send transport. The server creates a data consumer for every other ready participant (only those in receiverRoles when given) and announces it with media.dataConsumerAdded. Messages pass through the SFU and are never stored.",
    roles: participantRoles,
    params: z
      .object({
        sessionId: Id,
        transportId: z.string().max(64),
        sctpStreamParameters: SctpStreamParameters,
        label: DataChannelLabel,
        protocol: z.string().max(64),
        receiverRoles: z.array(ParticipantRole).min(1).max(4).optional(),
      })
      .strict(),
    result: z.object({ dataProducerId: z.string() }),
  }),
  'media.dataConsumerReady': method({
    summary: 'The receiver has opened the data channel announced by media.dataConsumerAdded: the SFU starts delivering to it.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, dataConsumerId: z.string().max(64) }).strict(),
    result: Empty,
  }),
  'media.pauseConsumer': method({
    summary:
      'The receiver does not want this stream for now (an interpreter’s hidden document camera): the SFU stops sending it until media.resumeConsumer.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, consumerId: z.string().max(64) }).strict(),
    result: Empty,
  }),
  'media.resumeConsumer': method({
    summary: 'The client has set up the consumer announced by media.consumerAdded; media starts flowing.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, consumerId: z.string().max(64) }).strict(),
    result: Empty,
  }),
} as const;
