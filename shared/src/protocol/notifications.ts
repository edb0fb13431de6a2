import { z } from 'zod';
import { Id, MediaSource, Participant, ParticipantRole, Principal, ServiceSessionInfo, SessionEndReason, WaitingSession } from '../domain.ts';
import { RtpParameters } from './media.ts';

/** Every message the server pushes without being asked. */
export const notifications = {
  'connection.ready': z.object({
    connectionId: z.string(),
    principal: Principal,
    serverTime: z.number().int(),
    /** Limits the server enforces on this connection. */
    limits: z.object({ maxFrameBytes: z.number().int(), messagesPerSecond: z.number(), burst: z.number() }),
  }),
  'session.waitingChanged': z.object({ sessions: z.array(WaitingSession) }),
  'session.accepted': z.object({ session: ServiceSessionInfo }),
  'session.participantJoined': z.object({ sessionId: Id, participant: Participant }),
  'session.ended': z.object({ sessionId: Id, reason: SessionEndReason }),
  'media.consumerAdded': z.object({
    sessionId: Id,
    consumerId: z.string(),
    producerId: z.string(),
    kind: z.enum(['audio', 'video']),
    rtpParameters: RtpParameters,
    source: MediaSource,
    participantId: Id,
    participantRole: ParticipantRole,
    /** The producer is paused (muted / camera off) at the moment of creation. */
    producerPaused: z.boolean(),
  }),
  'media.consumerClosed': z.object({ sessionId: Id, consumerId: z.string() }),
  'media.consumerPaused': z.object({ sessionId: Id, consumerId: z.string(), paused: z.boolean() }),
} as const;

export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationData<N extends NotificationName> = z.infer<Notifications[N]>;
