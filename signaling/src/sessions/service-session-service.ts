import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  EtapisteError,
  type Language,
  type Participant,
  type Principal,
  type ServiceSessionInfo,
  type SessionEndReason,
} from '@etapiste/shared';
import type { MediaRoom, MediaServer } from '@etapiste/sfu';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionRecord, Storage } from '../storage/repositories.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import { logError } from '../logging/safe-log.ts';
import { SessionLiveness } from './session-liveness.ts';
import type { Participation } from './participant-presence.ts';

interface LiveSession {
  record: ServiceSessionRecord;
  /** Participant per principal subject id (the booth's id for the customer). */
  participants: Map<string, Participant>;
  expertDisplayName: string | null;
  room: MediaRoom | null;
  roomPending: Promise<MediaRoom> | null;
  qualityTimer: ReturnType<typeof setInterval> | null;
  /** Subjects that have asked for the session's media at least once. */
  mediaJoined: Set<string>;
  /** Who gives way under congestion; kept here so a rebuilt room gets it too. */
  priorityProfile: 'standard' | 'signLanguage';
}

export interface NewSession {
  visitId: string;
  ticketId: string | null;
  agencyId: string;
  serviceId: string;
  servicePointId: string;
  boothId: string;
  language: Language;
  previousSessionId: string | null;
}

type EndListener = (record: ServiceSessionRecord, reason: SessionEndReason) => void | Promise<void>;
type ExpertListener = (record: ServiceSessionRecord) => void | Promise<void>;
type ParticipantListener = (record: ServiceSessionRecord, subjectId: string, participant: Participant) => void | Promise<void>;

export const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/**
 * Service sessions: one customer (at a booth) with one agency's expert, one media room each.
 * A session is created waiting when the customer takes a number (so the booth can prepare
 * its media), gets its expert when the number is taken, becomes active when the customer
 * answers, and ends once. Records are durable; rooms and participants are live state.
 */
export class ServiceSessionService {
  readonly #live = new Map<string, LiveSession>();
  readonly #storage: Storage;
  readonly #media: MediaServer;
  readonly #registry: ConnectionRegistry;
  readonly #endListeners = new Set<EndListener>();
  readonly #expertListeners = new Set<ExpertListener>();
  readonly #mediaJoinListeners = new Set<ParticipantListener>();
  readonly #leaveListeners = new Set<ParticipantListener>();
  readonly #usage: UsageRecorder | null;
  readonly #qualityIntervalMs: number;
  /** Reconnection and live-quality hooks (participant presence, room rebuilds); see SessionLiveness. */
  readonly liveness: SessionLiveness;

  constructor(deps: { storage: Storage; media: MediaServer; registry: ConnectionRegistry; usage?: UsageRecorder; qualityIntervalMs?: number }) {
    this.#usage = deps.usage ?? null;
    this.#qualityIntervalMs = deps.qualityIntervalMs ?? 60_000;
    this.#storage = deps.storage;
    this.#media = deps.media;
    this.#registry = deps.registry;
    this.liveness = new SessionLiveness(deps.registry, {
      roomOf: (sessionId) => this.#live.get(sessionId)?.room ?? null,
      participantsOf: (sessionId) => this.#live.get(sessionId)?.participants ?? new Map(),
    });
    // A dead worker's rooms are rebuilt on a live worker: same session, same participants; the
    // participants are told to set up their media again.
    this.#media.onRoomLost((sessionId) => {
      const live = this.#live.get(sessionId);
      if (live) void this.#rebuildRoom(live);
    });
  }

  onEnded(listener: EndListener): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  /** Called when an expert takes the session's number (the moment an interpreter the customer needs is dispatched). */
  onExpertAssigned(listener: ExpertListener): () => void {
    this.#expertListeners.add(listener);
    return () => this.#expertListeners.delete(listener);
  }

  /** Called the first time a participant asks for the session's media (they are joining). */
  onMediaJoined(listener: ParticipantListener): () => void {
    this.#mediaJoinListeners.add(listener);
    return () => this.#mediaJoinListeners.delete(listener);
  }

  /** Called when an interpreter leaves a session that goes on. */
  onParticipantLeft(listener: ParticipantListener): () => void {
    this.#leaveListeners.add(listener);
    return () => this.#leaveListeners.delete(listener);
  }

  /**
   * Reloads open sessions after a restart. Active sessions come back with their customer and
   * expert, who are expected to reconnect within the grace period (their rooms are created
   * again when they set up media); returns the ones that cannot go on (no expert).
   */
  async restore(): Promise<ServiceSessionRecord[]> {
    const open = await this.#storage.sessions.listSessions({ statuses: ['waiting', 'active'] });
    const interrupted: ServiceSessionRecord[] = [];
    for (const record of open) {
      if (record.status === 'active' && !record.expertId) {
        interrupted.push(record);
        continue;
      }
      const live = this.#liveOf(record);
      if (record.expertId) live.participants.set(record.expertId, { participantId: newId('p'), role: 'expert', displayName: null });
      this.#live.set(record.sessionId, live);
      if (record.status === 'active') {
        live.qualityTimer = setInterval(() => void this.#sampleQuality(live), this.#qualityIntervalMs);
        live.qualityTimer.unref?.();
        this.liveness.activated(record.sessionId);
        this.liveness.restored(record, [...live.participants.keys()]);
      }
    }
    return interrupted;
  }

  async createWaiting(input: NewSession): Promise<ServiceSessionInfo> {
    const record: ServiceSessionRecord = {
      sessionId: newId('s'),
      ...input,
      expertId: null,
      status: 'waiting',
      createdAt: Date.now(),
      startedAt: null,
      endedAt: null,
      endReason: null,
    };
    await this.#storage.sessions.saveSession(record);
    const live = this.#liveOf(record);
    this.#live.set(record.sessionId, live);
    // Warm start: the room exists while the customer waits, so the booth can connect and
    // publish (paused) its media. Nobody consumes it before the customer answers.
    void this.#ensureRoom(live).catch((error: unknown) => {
      // A session that ended before its room was ready needs none; anything else is worth a line.
      if (!(error instanceof EtapisteError && error.code === ErrorCode.Conflict)) logError('sessions', `no room for ${record.sessionId}`, error);
    });
    return this.info(live);
  }

  /**
   * The expert who took the number joins the room at once, so their media is set up (paused)
   * while the number is being called; the customer's producers stay paused until they answer,
   * so nothing of the customer reaches the expert before that. `null` takes the expert out.
   */
  async assignExpert(sessionId: string, expert: Principal | null): Promise<void> {
    const live = this.#require(sessionId);
    const previous = live.record.expertId;
    if (previous && previous !== expert?.subjectId) {
      const participant = live.participants.get(previous);
      live.participants.delete(previous);
      if (participant) live.room?.removeParticipant(participant.participantId);
    }
    live.record = { ...live.record, expertId: expert?.subjectId ?? null };
    live.expertDisplayName = expert?.displayName ?? null;
    if (expert && !live.participants.has(expert.subjectId)) {
      const participant: Participant = { participantId: newId('p'), role: 'expert', displayName: expert.displayName };
      live.participants.set(expert.subjectId, participant);
      live.room?.addParticipant(participant.participantId, participant.role);
    }
    await this.#storage.sessions.saveSession(live.record);
    if (expert) for (const listener of this.#expertListeners) await listener(live.record);
  }

  /**
   * An interpreter joins a waiting or active session as a third participant: the others are
   * told, and the interpreter's media starts like anyone's (held until the customer answers).
   */
  addInterpreter(sessionId: string, interpreter: Principal): ServiceSessionInfo {
    const live = this.#require(sessionId);
    if (live.record.status === 'ended') throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
    if (!live.participants.has(interpreter.subjectId)) {
      const participant: Participant = { participantId: newId('p'), role: 'interpreter', displayName: interpreter.displayName };
      live.participants.set(interpreter.subjectId, participant);
      live.room?.addParticipant(participant.participantId, participant.role);
      for (const subjectId of live.participants.keys()) {
        if (subjectId !== interpreter.subjectId) this.#registry.notifySubject(subjectId, 'session.participantJoined', { sessionId, participant });
      }
    }
    return this.info(live);
  }

  /** A participant other than the customer and the expert (an interpreter) leaves; the session goes on. */
  removeParticipant(sessionId: string, subjectId: string): Participant | null {
    const live = this.#live.get(sessionId);
    const participant = live?.participants.get(subjectId);
    if (!live || !participant || participant.role !== 'interpreter') return null;
    live.participants.delete(subjectId);
    live.mediaJoined.delete(subjectId);
    live.room?.removeParticipant(participant.participantId);
    this.#registry.notifySubject(subjectId, 'session.participantLeft', { sessionId, participant });
    for (const other of live.participants.keys()) this.#registry.notifySubject(other, 'session.participantLeft', { sessionId, participant });
    for (const listener of this.#leaveListeners) {
      void Promise.resolve(listener(live.record, subjectId, participant)).catch((error: unknown) => logError('sessions', 'leave listener failed', error));
    }
    return participant;
  }

  /**
   * Drops an interpreter's media in a session (their console went away) but keeps them a
   * participant: the others' consumers of it close, and a reconnected console publishes afresh.
   */
  resetMedia(sessionId: string, subjectId: string): void {
    const live = this.#live.get(sessionId);
    const participant = live?.participants.get(subjectId);
    if (!live || !participant || participant.role !== 'interpreter') return;
    live.mediaJoined.delete(subjectId);
    live.room?.removeParticipant(participant.participantId);
    live.room?.addParticipant(participant.participantId, participant.role);
  }

  /**
   * A sign-language interpreter is in the session: the customer's and the interpreter's faces
   * keep their motion under congestion, the document camera and the expert's face give way.
   */
  async setPriorityProfile(sessionId: string, profile: 'standard' | 'signLanguage'): Promise<void> {
    const live = this.#live.get(sessionId);
    if (!live || live.priorityProfile === profile) return;
    live.priorityProfile = profile;
    if (live.room && !live.room.closed) await live.room.setPriorityProfile(profile);
  }

  /** The priority profile of the session's live media room (null without a room). */
  roomPriorityProfile(sessionId: string): 'standard' | 'signLanguage' | null {
    const room = this.#live.get(sessionId)?.room;
    return room && !room.closed ? room.priorityProfile : null;
  }

  /** The role of a principal in an open session, or null. */
  participantOf(sessionId: string, subjectId: string): Participant | null {
    return this.#live.get(sessionId)?.participants.get(subjectId) ?? null;
  }

  /** A waiting session moves to another agency's service (host staff corrected the queue). */
  async retarget(sessionId: string, agencyId: string, serviceId: string): Promise<void> {
    const live = this.#require(sessionId);
    if (live.record.status !== 'waiting') throw new EtapisteError(ErrorCode.Conflict, 'the session is not waiting');
    live.record = { ...live.record, agencyId, serviceId };
    await this.#storage.sessions.saveSession(live.record);
  }

  /** The customer answered: the expert joins, both are told, media may flow. */
  async activate(sessionId: string): Promise<ServiceSessionInfo> {
    const live = this.#require(sessionId);
    if (live.record.status !== 'waiting' || !live.record.expertId) throw new EtapisteError(ErrorCode.Conflict, 'the session cannot start now');
    const room = await this.#ensureRoom(live);
    const expert = live.participants.get(live.record.expertId);
    if (!expert) throw new EtapisteError(ErrorCode.Conflict, 'the expert has left');
    // Until now the room held all media back: nothing of the customer before they answer.
    await room.release();
    live.record = { ...live.record, status: 'active', startedAt: Date.now() };
    await this.#storage.sessions.saveSession(live.record);
    live.qualityTimer = setInterval(() => void this.#sampleQuality(live), this.#qualityIntervalMs);
    live.qualityTimer.unref?.();
    this.liveness.activated(sessionId);
    const session = this.info(live);
    for (const subjectId of live.participants.keys()) this.#registry.notifySubject(subjectId, 'session.accepted', { session });
    this.#registry.notifySubject(live.record.boothId, 'session.participantJoined', { sessionId, participant: expert });
    return session;
  }

  /** Ends the session once: releases its media, tells everyone involved, persists, informs listeners. */
  async end(sessionId: string, reason: SessionEndReason): Promise<ServiceSessionRecord | null> {
    const live = this.#live.get(sessionId);
    if (!live) return null;
    this.#live.delete(sessionId);
    if (live.qualityTimer) clearInterval(live.qualityTimer);
    this.liveness.ended(sessionId);
    // A last media-quality sample of a served session before its media goes away.
    if (live.record.status === 'active' && reason !== 'mediaFailure') await this.#sampleQuality(live);
    live.room?.close();
    live.room = null;
    live.record = { ...live.record, status: 'ended', endedAt: Date.now(), endReason: reason };
    await this.#storage.sessions.saveSession(live.record);
    const told = new Set([...live.participants.keys(), ...(live.record.expertId ? [live.record.expertId] : [])]);
    for (const subjectId of told) this.#registry.notifySubject(subjectId, 'session.ended', { sessionId, reason });
    for (const listener of this.#endListeners) await listener(live.record, reason);
    return live.record;
  }

  /** Hang-up by a participant. */
  async endBy(principal: Principal, sessionId: string): Promise<void> {
    const live = this.#require(sessionId);
    const participant = live.participants.get(principal.subjectId);
    if (!participant) throw new EtapisteError(ErrorCode.Forbidden, 'not a participant');
    // An interpreter hanging up leaves; the customer and the expert go on.
    if (participant.role === 'interpreter') {
      this.removeParticipant(sessionId, principal.subjectId);
      return;
    }
    if (live.record.status !== 'active') throw new EtapisteError(ErrorCode.Conflict, 'the session is not active');
    await this.end(sessionId, 'hangup');
  }

  /**
   * The caller's media room and participant id, for the session's participants: the customer
   * from taking the number, the expert from taking it (both publish paused until the answer).
   */
  async mediaContext(principal: Principal, sessionId: string): Promise<{ room: MediaRoom; participantId: string }> {
    const live = this.#require(sessionId);
    const participant = live.participants.get(principal.subjectId);
    if (!participant) throw new EtapisteError(ErrorCode.Forbidden, 'not a participant of this session');
    // Warm start: the waiting customer, and the expert calling their number, prepare media early.
    const allowed = live.record.status === 'active' || live.record.status === 'waiting';
    if (!allowed) throw new EtapisteError(ErrorCode.Conflict, 'the session is not active');
    const room = await this.#ensureRoom(live);
    if (!live.mediaJoined.has(principal.subjectId)) {
      live.mediaJoined.add(principal.subjectId);
      for (const listener of this.#mediaJoinListeners) await listener(live.record, principal.subjectId, participant);
    }
    return { room, participantId: participant.participantId };
  }

  /**
   * A participant is back in the session (after a reconnection): checks their resume token,
   * names a restored expert again, and answers with the session and its media epoch.
   */
  async resume(principal: Principal, sessionId: string, resumeToken: string): Promise<{ session: ServiceSessionInfo; mediaEpoch: string }> {
    const live = this.#require(sessionId);
    const participant = live.participants.get(principal.subjectId);
    if (!participant || !this.liveness.presence.verifyResumeToken(sessionId, principal.subjectId, resumeToken)) {
      throw new EtapisteError(ErrorCode.Forbidden, 'not a participant of this session');
    }
    if (participant.displayName === null && principal.role !== 'booth') participant.displayName = principal.displayName;
    this.liveness.presence.cameBack(principal.subjectId);
    const room = await this.#ensureRoom(live);
    return { session: this.info(live), mediaEpoch: room.id };
  }

  /** Active sessions a subject takes part in, with the others to tell about them (participant presence). */
  participationsOf(subjectId: string): Participation[] {
    return [...this.#live.values()].flatMap((live) => {
      const participant = live.participants.get(subjectId);
      if (!participant || live.record.status !== 'active') return [];
      return [{ sessionId: live.record.sessionId, participant, otherSubjectIds: [...live.participants.keys()].filter((id) => id !== subjectId) }];
    });
  }

  get(sessionId: string): ServiceSessionRecord | null {
    return this.#live.get(sessionId)?.record ?? null;
  }

  infoOf(sessionId: string): ServiceSessionInfo | null {
    const live = this.#live.get(sessionId);
    return live ? this.info(live) : null;
  }

  /** Open sessions a principal takes part in or is assigned to. */
  openSessionsOf(subjectId: string): ServiceSessionRecord[] {
    return [...this.#live.values()]
      .filter((live) => live.participants.has(subjectId) || live.record.expertId === subjectId)
      .map((live) => live.record);
  }

  get openSessionCount(): number {
    return this.#live.size;
  }

  info(live: LiveSession): ServiceSessionInfo {
    const { record } = live;
    return {
      sessionId: record.sessionId,
      visitId: record.visitId,
      agencyId: record.agencyId,
      serviceId: record.serviceId,
      servicePointId: record.servicePointId,
      language: record.language,
      status: record.status,
      participants: [...live.participants.values()],
    };
  }

  /** Records the room's media quality (RTT, loss) as a usage event; never fails the session. */
  async #sampleQuality(live: LiveSession): Promise<void> {
    if (!this.#usage || !live.room || live.room.closed) return;
    try {
      const sample = await live.room.qualitySample();
      if (sample.streams === 0) return;
      const { record } = live;
      await this.#usage.record(
        'mediaQuality',
        { servicePointId: record.servicePointId, agencyId: record.agencyId, serviceId: record.serviceId, visitId: record.visitId, sessionId: record.sessionId, language: record.language },
        { rttMs: sample.rttMs, lossPct: sample.lossPct, reconnects: this.liveness.reconnectsOf(record.sessionId), streams: sample.streams },
      );
    } catch (error) {
      logError('sessions', 'media quality sample failed', error);
    }
  }

  /** The room's worker died: a new room on a live worker, the same participants, everyone sets up media again. */
  async #rebuildRoom(live: LiveSession): Promise<void> {
    const { sessionId } = live.record;
    live.room = null;
    try {
      const room = await this.#ensureRoom(live);
      this.liveness.presence.countReconnect(sessionId);
      for (const subjectId of live.participants.keys()) this.#registry.notifySubject(subjectId, 'media.roomRebuilt', { sessionId, mediaEpoch: room.id });
    } catch (error) {
      logError('sessions', 'rebuilding the media of a session failed', error);
      if (this.#live.has(sessionId)) await this.end(sessionId, 'mediaFailure');
    }
  }

  #liveOf(record: ServiceSessionRecord): LiveSession {
    const customer: Participant = { participantId: newId('p'), role: 'customer', displayName: null };
    return { record, participants: new Map([[record.boothId, customer]]), expertDisplayName: null, room: null, roomPending: null, qualityTimer: null, mediaJoined: new Set(), priorityProfile: 'standard' };
  }

  #ensureRoom(live: LiveSession): Promise<MediaRoom> {
    if (live.room && !live.room.closed) return Promise.resolve(live.room);
    if (live.roomPending) return live.roomPending;
    live.roomPending = (async () => {
      try {
        const room = await this.#media.createRoom(live.record.sessionId);
        if (!this.#live.has(live.record.sessionId)) {
          room.close();
          throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
        }
        this.#wireRoom(live, room);
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

  #wireRoom(live: LiveSession, room: MediaRoom): void {
    const subjectOf = (participantId: string) =>
      [...live.participants].find(([, participant]) => participant.participantId === participantId)?.[0];
    const sessionId = live.record.sessionId;
    room.setEventSink({
      consumerAdded: (participantId, announcement) => {
        const subjectId = subjectOf(participantId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.consumerAdded', { sessionId, ...announcement });
      },
      consumerClosed: (participantId, consumerId) => {
        const subjectId = subjectOf(participantId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.consumerClosed', { sessionId, consumerId });
      },
      consumerPaused: (participantId, consumerId, paused) => {
        const subjectId = subjectOf(participantId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.consumerPaused', { sessionId, consumerId, paused });
      },
      dataConsumerAdded: (participantId, announcement) => {
        const subjectId = subjectOf(participantId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.dataConsumerAdded', { sessionId, ...announcement });
      },
      dataConsumerClosed: (participantId, dataConsumerId) => {
        const subjectId = subjectOf(participantId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.dataConsumerClosed', { sessionId, dataConsumerId });
      },
      dataReceiverReady: (ownerId, dataProducerId, receiverId) => {
        const subjectId = subjectOf(ownerId);
        if (subjectId) this.#registry.notifySubject(subjectId, 'media.dataReceiverReady', { sessionId, dataProducerId, participantId: receiverId });
      },
    });
  }

  #require(sessionId: string): LiveSession {
    const live = this.#live.get(sessionId);
    if (!live) throw new EtapisteError(ErrorCode.NotFound, 'no such session');
    return live;
  }
}
