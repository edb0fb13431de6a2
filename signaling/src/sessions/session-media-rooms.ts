import { ErrorCode, EtapisteError, type NotificationData, type NotificationName, type SessionEndReason } from '@etapiste/shared';
import type { MediaRoom, MediaRoomEvents, MediaServer } from '@etapiste/sfu';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import { logError } from '../logging/safe-log.ts';
import type { LiveSession } from './live-session.ts';

export interface SessionMediaRoomsDeps {
  media: MediaServer;
  registry: Pick<ConnectionRegistry, 'notifySubject'>;
  /** Whether the session is still open: a room that became ready after its session ended is closed again. */
  isOpen(sessionId: string): boolean;
  /** A rebuilt room is a recovery in the session (for the media-quality statistics). */
  countReconnect(sessionId: string): void;
  /** Ends the session (its room could not be rebuilt). */
  end(sessionId: string, reason: SessionEndReason): Promise<unknown>;
}

/**
 * The media room of each open session: created once on demand (concurrent callers share one
 * creation), given the session's participants, priority profile and release state, wired to
 * tell participants about their consumers, and rebuilt on a live worker when its worker dies.
 */
export class SessionMediaRooms {
  readonly #deps: SessionMediaRoomsDeps;

  constructor(deps: SessionMediaRoomsDeps) {
    this.#deps = deps;
  }

  /** The session's live room, created when it has none (or its room closed). */
  ensure(live: LiveSession): Promise<MediaRoom> {
    if (live.room && !live.room.closed) return Promise.resolve(live.room);
    if (live.roomPending) return live.roomPending;
    live.roomPending = (async () => {
      try {
        const room = await this.#deps.media.createRoom(live.record.sessionId);
        if (!this.#deps.isOpen(live.record.sessionId)) {
          room.close();
          throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
        }
        room.setEventSink(roomEventSink(live, this.#deps.registry));
        for (const participant of live.participants.values()) room.addParticipant(participant.participantId, participant.role);
        if (live.priorityProfile !== 'standard') await room.setPriorityProfile(live.priorityProfile);
        if (live.record.status === 'active') await room.release();
        live.room = room;
        return room;
      } catch (error) {
        if (error instanceof EtapisteError) throw error;
        throw new EtapisteError(ErrorCode.MediaUnavailable, `no media for the session: ${(error as Error).message}`);
      } finally {
        live.roomPending = null;
      }
    })();
    return live.roomPending;
  }

  /** The room's worker died: a new room on a live worker, the same participants, everyone sets up media again. */
  async rebuild(live: LiveSession): Promise<void> {
    const { sessionId } = live.record;
    live.room = null;
    try {
      const room = await this.ensure(live);
      this.#deps.countReconnect(sessionId);
      for (const subjectId of live.participants.keys()) this.#deps.registry.notifySubject(subjectId, 'media.roomRebuilt', { sessionId, mediaEpoch: room.id });
    } catch (error) {
      logError('sessions', 'rebuilding the media of a session failed', error);
      if (this.#deps.isOpen(sessionId)) await this.#deps.end(sessionId, 'mediaFailure');
    }
  }

  /**
   * A sign-language interpreter is in the session: the customer's and the interpreter's faces
   * keep their motion under congestion, the document camera and the expert's face give way.
   */
  async setPriorityProfile(live: LiveSession, profile: 'standard' | 'signLanguage'): Promise<void> {
    if (live.priorityProfile === profile) return;
    live.priorityProfile = profile;
    if (live.room && !live.room.closed) await live.room.setPriorityProfile(profile);
  }
}

/** Tells each participant (by their subject id) about the consumers the room creates, closes and pauses for them, and when someone opened their data channel. */
function roomEventSink(live: LiveSession, registry: Pick<ConnectionRegistry, 'notifySubject'>): MediaRoomEvents {
  const sessionId = live.record.sessionId;
  const tell = <N extends NotificationName>(participantId: string, notification: N, data: NotificationData<N>) => {
    const subjectId = [...live.participants].find(([, participant]) => participant.participantId === participantId)?.[0];
    if (subjectId) registry.notifySubject(subjectId, notification, data);
  };
  return {
    consumerAdded: (participantId, announcement) => tell(participantId, 'media.consumerAdded', { sessionId, ...announcement }),
    consumerClosed: (participantId, consumerId) => tell(participantId, 'media.consumerClosed', { sessionId, consumerId }),
    consumerPaused: (participantId, consumerId, paused) => tell(participantId, 'media.consumerPaused', { sessionId, consumerId, paused }),
    dataConsumerAdded: (participantId, announcement) => tell(participantId, 'media.dataConsumerAdded', { sessionId, ...announcement }),
    dataConsumerClosed: (participantId, dataConsumerId) => tell(participantId, 'media.dataConsumerClosed', { sessionId, dataConsumerId }),
    dataReceiverReady: (ownerId, dataProducerId, receiverId) => tell(ownerId, 'media.dataReceiverReady', { sessionId, dataProducerId, participantId: receiverId }),
  };
}
