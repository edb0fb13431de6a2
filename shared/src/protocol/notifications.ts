import { z } from 'zod';
import { Agency, Id, MediaSource, Participant, ParticipantRole, Principal, Service, ServiceSessionInfo, SessionEndReason } from '../domain.ts';
import { InterpreterOffer, InterpreterRequest, RingStopReason } from '../interpreting.ts';
import { base64Of, IdentityState } from '../identity.ts';
import { QueueBoard, TicketView } from '../queue.ts';
import { RtpParameters, SctpStreamParameters } from './media.ts';
import { QueueOverview } from './methods/queue-methods.ts';

/** Every message the server pushes without being asked. */
export const notifications = {
  'connection.ready': z.object({
    connectionId: z.string(),
    principal: Principal,
    serverTime: z.number().int(),
    /** When the token this connection lives on expires (server clock, epoch ms): renew before (`connection.renewToken`). */
    tokenExpiresAt: z.number().int(),
    /** Limits the server enforces on this connection. */
    limits: z.object({ maxFrameBytes: z.number().int(), messagesPerSecond: z.number(), burst: z.number() }),
  }),
  /** To the experts (and supervisors) of an agency whenever its queue or bookings change. */
  'queue.changed': z.object({ overview: QueueOverview }),
  /** To the booth holding a ticket: its position and estimated wait changed. */
  'queue.ticketChanged': z.object({ view: TicketView }),
  /** To the booth: its number is called (announcement 1, then 2 halfway through the grace period). */
  'queue.called': z.object({
    ticketId: Id,
    number: z.string(),
    sessionId: Id,
    graceEndsAt: z.number().int(),
    announcement: z.number().int().min(1).max(2),
  }),
  /** To everyone watching a point's queue board. */
  'queue.boardChanged': z.object({ board: QueueBoard }),
  /** To the booth: the expert offers to move the customer to another agency's service. */
  'queue.transferOffered': z.object({ sessionId: Id, agency: Agency, service: Service }),
  /** To the expert: the customer's answer to the transfer offer. */
  'queue.transferAnswered': z.object({ sessionId: Id, accepted: z.boolean() }),
  /** To every participant: the session is active (the customer answered the call). */
  'session.accepted': z.object({ session: ServiceSessionInfo }),
  'session.participantJoined': z.object({ sessionId: Id, participant: Participant }),
  'session.ended': z.object({ sessionId: Id, reason: SessionEndReason }),
  /** To every participant: an interpreter left (or was taken out); the session goes on without them. */
  'session.participantLeft': z.object({ sessionId: Id, participant: Participant }),
  /** To an interpreter: a request rings at them until `ringEndsAt`. */
  'interpreting.ringing': z.object({ offer: InterpreterOffer }),
  /** To an interpreter: a request stopped ringing at them. */
  'interpreting.ringStopped': z.object({ requestId: Id, reason: RingStopReason }),
  /** To the session's expert and booth: an interpreter request progressed (batch rung, accepted, joined, unanswered…). */
  'interpreting.requestChanged': z.object({ request: InterpreterRequest }),
  /** To an interpreter: their booked assignments or availability changed elsewhere. */
  'interpreter.stateChanged': z.object({ available: z.boolean() }),
  /**
   * To the other participants of an active session: a participant's connection dropped and the
   * server keeps their place until `graceEndsAt` ('reconnecting'), they are back ('reconnected'),
   * or the grace period ran out ('left'; the session then ends or goes on as before).
   */
  'session.participantPresence': z.object({
    sessionId: Id,
    participantId: Id,
    role: ParticipantRole,
    state: z.enum(['reconnecting', 'reconnected', 'left']),
    graceEndsAt: z.number().int().nullable(),
  }),
  /**
   * To every participant: the session's media room was rebuilt (its worker died); set up media
   * again (new transports, produce, consume) in the room named `mediaEpoch`.
   */
  'media.roomRebuilt': z.object({ sessionId: Id, mediaEpoch: z.string() }),
  /** To the expert: each participant's connection quality, from the SFU's RTP statistics. */
  'media.quality': z.object({
    sessionId: Id,
    participants: z.array(
      z.object({
        participantId: Id,
        role: ParticipantRole,
        rttMs: z.number().nullable(),
        lossPct: z.number().nullable(),
        level: z.enum(['good', 'fair', 'poor', 'unknown']),
      }),
    ),
  }),
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
  /** To the booth: the expert asks for ID-card identification; the card signs `challenge` (base64). */
  'identity.requested': z.object({ sessionId: Id, requestId: Id, challenge: base64Of(1024), expiresAt: z.number().int() }),
  /** To the booth: the request is over before the customer finished (expired, or a final problem). */
  'identity.closed': z.object({ sessionId: Id, requestId: Id }),
  /** To the session's expert: the identification request changed (waiting, a problem, verified, failed). */
  'identity.changed': z.object({ state: IdentityState }),
  'media.consumerClosed': z.object({ sessionId: Id, consumerId: z.string() }),
  'media.consumerPaused': z.object({ sessionId: Id, consumerId: z.string(), paused: z.boolean() }),
  /** To a participant: another participant's data channel is ready to be opened on the receive transport. */
  'media.dataConsumerAdded': z.object({
    sessionId: Id,
    dataConsumerId: z.string(),
    dataProducerId: z.string(),
    sctpStreamParameters: SctpStreamParameters,
    label: z.string(),
    protocol: z.string(),
    participantId: Id,
    participantRole: ParticipantRole,
  }),
  'media.dataConsumerClosed': z.object({ sessionId: Id, dataConsumerId: z.string() }),
  /**
   * To the owner of a data channel: one of its receivers has opened it, so what is sent now
   * reaches them (senders hold their first messages until a receiver is ready).
   */
  'media.dataReceiverReady': z.object({ sessionId: Id, dataProducerId: z.string(), participantId: Id }),
} as const;

export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationData<N extends NotificationName> = z.infer<Notifications[N]>;
