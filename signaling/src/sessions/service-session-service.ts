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
import { newId } from '../storage/rows.ts';
import { SessionLiveness } from './session-liveness.ts';
import type { Participation } from './participant-presence.ts';
import { newLiveSession, openSessionsIn, participationsIn, sessionInfo, type LiveSession } from './live-session.ts';
import { SessionListeners, type EndListener, type ExpertListener, type ParticipantListener } from './session-listeners.ts';
import { SessionMediaRooms } from './session-media-rooms.ts';
import { SessionQualitySampling } from './session-quality-sampling.ts';
import { addInterpreterParticipant, assignExpertParticipant, removeInterpreterParticipant, resetInterpreterMedia } from './session-participants.ts';

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

/**
 * Service sessions: one customer (at a booth) with one agency's expert, one media room each.
 * A session is created waiting when the customer takes a number (so the booth can prepare
 * its media), gets its expert when the number is taken, becomes active when the customer
 * answers, and ends once. Records are durable; rooms and participants are live state.
 */
export class ServiceSessionService {
  readonly #live = new Map<string, LiveSession>();
  readonly #storage: Storage;
  readonly #registry: ConnectionRegistry;
  readonly #listeners = new SessionListeners();
  readonly #rooms: SessionMediaRooms;
  readonly #quality: SessionQualitySampling;
  /** Reconnection and live-quality hooks (participant presence, room rebuilds); see SessionLiveness. */
  readonly liveness: SessionLiveness;

  constructor(deps: { storage: Storage; media: MediaServer; registry: ConnectionRegistry; usage?: UsageRecorder; qualityIntervalMs?: number }) {
    this.#storage = deps.storage;
    this.#registry = deps.registry;
    this.liveness = new SessionLiveness(deps.registry, {
      roomOf: (sessionId) => this.#live.get(sessionId)?.room ?? null,
      participantsOf: (sessionId) => this.#live.get(sessionId)?.participants ?? new Map(),
    });
    this.#quality = new SessionQualitySampling({
      usage: deps.usage ?? null,
      intervalMs: deps.qualityIntervalMs ?? 60_000,
      reconnectsOf: (sessionId) => this.liveness.reconnectsOf(sessionId),
    });
    this.#rooms = new SessionMediaRooms({
      media: deps.media,
      registry: deps.registry,
      isOpen: (sessionId) => this.#live.has(sessionId),
      countReconnect: (sessionId) => this.liveness.presence.countReconnect(sessionId),
      end: (sessionId, reason) => this.end(sessionId, reason),
    });
    // A dead worker's rooms are rebuilt on a live worker: same session, same participants; the
    // participants are told to set up their media again.
    deps.media.onRoomLost((sessionId) => {
      const live = this.#live.get(sessionId);
      if (live) void this.#rooms.rebuild(live);
    });
  }

  onEnded(listener: EndListener): () => void {
    return this.#listeners.onEnded(listener);
  }

  /** Called when an expert takes the session's number (the moment an interpreter the customer needs is dispatched). */
  onExpertAssigned(listener: ExpertListener): () => void {
    return this.#listeners.onExpertAssigned(listener);
  }

  /** Called the first time a participant asks for the session's media (they are joining). */
  onMediaJoined(listener: ParticipantListener): () => void {
    return this.#listeners.onMediaJoined(listener);
  }

  /** Called when an interpreter leaves a session that goes on. */
  onParticipantLeft(listener: ParticipantListener): () => void {
    return this.#listeners.onParticipantLeft(listener);
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
      const live = newLiveSession(record);
      if (record.expertId) live.participants.set(record.expertId, { participantId: newId('p'), role: 'expert', displayName: null });
      this.#live.set(record.sessionId, live);
      if (record.status === 'active') {
        this.#quality.start(live);
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
    const live = newLiveSession(record);
    this.#live.set(record.sessionId, live);
    // Warm start: the room exists while the customer waits, so the booth can connect and
    // publish (paused) its media. Nobody consumes it before the customer answers.
    void this.#rooms.ensure(live).catch((error: unknown) => {
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
    assignExpertParticipant(live, expert);
    await this.#storage.sessions.saveSession(live.record);
    if (expert) await this.#listeners.expertAssigned(live.record);
  }

  /**
   * An interpreter joins a waiting or active session as a third participant: the others are
   * told, and the interpreter's media starts like anyone's (held until the customer answers).
   */
  addInterpreter(sessionId: string, interpreter: Principal): ServiceSessionInfo {
    const live = this.#require(sessionId);
    if (live.record.status === 'ended') throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
    addInterpreterParticipant(live, interpreter, this.#registry);
    return this.info(live);
  }

  /** A participant other than the customer and the expert (an interpreter) leaves; the session goes on. */
  removeParticipant(sessionId: string, subjectId: string): Participant | null {
    const live = this.#live.get(sessionId);
    const participant = live ? removeInterpreterParticipant(live, subjectId, this.#registry) : null;
    if (!live || !participant) return null;
    this.#listeners.participantLeft(live.record, subjectId, participant);
    return participant;
  }

  /**
   * Drops an interpreter's media in a session (their console went away) but keeps them a
   * participant: the others' consumers of it close, and a reconnected console publishes afresh.
   */
  resetMedia(sessionId: string, subjectId: string): void {
    const live = this.#live.get(sessionId);
    if (live) resetInterpreterMedia(live, subjectId);
  }

  /**
   * A sign-language interpreter is in the session: the customer's and the interpreter's faces
   * keep their motion under congestion, the document camera and the expert's face give way.
   */
  async setPriorityProfile(sessionId: string, profile: 'standard' | 'signLanguage'): Promise<void> {
    const live = this.#live.get(sessionId);
    if (live) await this.#rooms.setPriorityProfile(live, profile);
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
    const room = await this.#rooms.ensure(live);
    const expert = live.participants.get(live.record.expertId);
    if (!expert) throw new EtapisteError(ErrorCode.Conflict, 'the expert has left');
    // Until now the room held all media back: nothing of the customer before they answer.
    await room.release();
    live.record = { ...live.record, status: 'active', startedAt: Date.now() };
    await this.#storage.sessions.saveSession(live.record);
    this.#quality.start(live);
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
    this.#quality.stop(live);
    this.liveness.ended(sessionId);
    // A last media-quality sample of a served session before its media goes away.
    if (live.record.status === 'active' && reason !== 'mediaFailure') await this.#quality.sample(live);
    live.room?.close();
    live.room = null;
    live.record = { ...live.record, status: 'ended', endedAt: Date.now(), endReason: reason };
    await this.#storage.sessions.saveSession(live.record);
    const told = new Set([...live.participants.keys(), ...(live.record.expertId ? [live.record.expertId] : [])]);
    for (const subjectId of told) this.#registry.notifySubject(subjectId, 'session.ended', { sessionId, reason });
    await this.#listeners.ended(live.record, reason);
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
    const room = await this.#rooms.ensure(live);
    if (!live.mediaJoined.has(principal.subjectId)) {
      live.mediaJoined.add(principal.subjectId);
      await this.#listeners.mediaJoined(live.record, principal.subjectId, participant);
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
    const room = await this.#rooms.ensure(live);
    return { session: this.info(live), mediaEpoch: room.id };
  }

  /** Active sessions a subject takes part in, with the others to tell about them (participant presence). */
  participationsOf(subjectId: string): Participation[] {
    return participationsIn(this.#live.values(), subjectId);
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
    return openSessionsIn(this.#live.values(), subjectId);
  }

  get openSessionCount(): number {
    return this.#live.size;
  }

  info(live: LiveSession): ServiceSessionInfo {
    return sessionInfo(live);
  }

  #require(sessionId: string): LiveSession {
    const live = this.#live.get(sessionId);
    if (!live) throw new EtapisteError(ErrorCode.NotFound, 'no such session');
    return live;
  }
}
