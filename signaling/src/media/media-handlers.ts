import { turnIceServers, type TurnConfig } from './turn-credentials.ts';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';

type MediaMethods =
  | 'media.getRouterCapabilities'
  | 'media.restartIce'
  | 'media.createTransport'
  | 'media.connectTransport'
  | 'media.ready'
  | 'media.produce'
  | 'media.setProducerPaused'
  | 'media.produceData'
  | 'media.resumeConsumer'
  | 'media.pauseConsumer'
  | 'media.dataConsumerReady';

/** The media methods: every call is scoped to a session the caller takes part in. */
export function mediaHandlers(sessions: ServiceSessionService, turn: TurnConfig | null): Pick<MethodHandlers, MediaMethods> {
  return {
    // Joining the session's media (again): a participant who already has media in the room
    // (a reloaded page, the last step of the reconnection ladder) starts over, and is back.
    'media.getRouterCapabilities': async ({ sessionId }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      if (room.hasMedia(participantId)) room.resetParticipant(participantId);
      const { presence } = sessions.liveness;
      presence.cameBack(principal.subjectId);
      return {
        routerRtpCapabilities: room.routerRtpCapabilities,
        iceServers: turnIceServers(turn, principal.subjectId),
        iceTransportPolicy: turn?.forceRelay ? 'relay' : 'all',
        mediaEpoch: room.id,
        resumeToken: presence.resumeTokenOf(sessionId, principal.subjectId),
      };
    },
    'media.restartIce': async ({ sessionId, transportId }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      const iceParameters = await room.restartIce(participantId, transportId);
      sessions.liveness.iceRestarted(sessionId, participantId);
      return { iceParameters: iceParameters as never };
    },
    'media.createTransport': async ({ sessionId, direction }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      return room.createTransport(participantId, direction);
    },
    'media.connectTransport': async ({ sessionId, transportId, dtlsParameters }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.connectTransport(participantId, transportId, dtlsParameters);
      return {};
    },
    'media.ready': async ({ sessionId, rtpCapabilities }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.setReady(participantId, rtpCapabilities);
      return {};
    },
    'media.produce': async ({ sessionId, transportId, kind, source, rtpParameters }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      return { producerId: await room.produce(participantId, { transportId, kind, source, rtpParameters }) };
    },
    'media.setProducerPaused': async ({ sessionId, producerId, paused }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.setProducerPaused(participantId, producerId, paused);
      return {};
    },
    'media.produceData': async ({ sessionId, transportId, sctpStreamParameters, label, protocol, receiverRoles }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      const request = { transportId, sctpStreamParameters, label, protocol, ...(receiverRoles ? { receiverRoles } : {}) };
      return { dataProducerId: await room.produceData(participantId, request) };
    },
    'media.dataConsumerReady': async ({ sessionId, dataConsumerId }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.dataConsumerReady(participantId, dataConsumerId);
      return {};
    },
    'media.pauseConsumer': async ({ sessionId, consumerId }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.pauseConsumer(participantId, consumerId);
      return {};
    },
    'media.resumeConsumer': async ({ sessionId, consumerId }, { principal }) => {
      const { room, participantId } = await sessions.mediaContext(principal, sessionId);
      await room.resumeConsumer(participantId, consumerId);
      return {};
    },
  };
}
