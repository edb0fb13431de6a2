import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  EtapisteError,
  type Language,
  type Participant,
  type Principal,
  type Service,
  type ServicePoint,
  type ServiceSessionInfo,
  type SessionEndReason,
  type WaitingSession,
} from '@etapiste/shared';
import type { MediaRoom, MediaServer } from '@etapiste/sfu';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { CatalogueRepository } from '../storage/catalogue-repository.ts';

interface SessionRecord {
  info: ServiceSessionInfo;
  servicePoint: ServicePoint;
  service: Service;
  waitingSince: number;
  boothSubjectId: string;
  expertSubjectId: string | null;
  /** Participant id per principal subject id. */
  participants: Map<string, Participant>;
  room: MediaRoom | null;
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/**
 * Service sessions from the customer's call request to hang-up: the waiting list per agency,
 * acceptance by an expert (which creates the session's media room), participants, and ending
 * (which releases every media object). Pushes the matching notifications.
 */
export class ServiceSessionService {
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #catalogue: CatalogueRepository;
  readonly #media: MediaServer;
  readonly #registry: ConnectionRegistry;

  constructor(deps: { catalogue: CatalogueRepository; media: MediaServer; registry: ConnectionRegistry }) {
    this.#catalogue = deps.catalogue;
    this.#media = deps.media;
    this.#registry = deps.registry;
    this.#media.onRoomLost((sessionId) => {
      const record = this.#sessions.get(sessionId);
      if (record) this.#end(record, 'mediaFailure');
    });
  }

  async request(booth: Principal, serviceId: string, language: Language): Promise<ServiceSessionInfo> {
    if (!booth.servicePointId) throw new EtapisteError(ErrorCode.Forbidden, 'booth has no service point');
    if (this.#openSessionOf(booth.subjectId)) throw new EtapisteError(ErrorCode.Conflict, 'this booth already has an open session');
    const service = await this.#catalogue.getService(serviceId);
    if (!service) throw new EtapisteError(ErrorCode.NotFound, 'no such service');
    const agencies = await this.#catalogue.listAgenciesAtPoint(booth.servicePointId);
    if (!agencies.some((agency) => agency.id === service.agencyId)) {
      throw new EtapisteError(ErrorCode.Forbidden, 'this agency does not serve at this point');
    }
    if (!service.remoteCapable) throw new EtapisteError(ErrorCode.Conflict, 'this service is not available remotely');
    const servicePoint = await this.#catalogue.getServicePoint(booth.servicePointId);
    if (!servicePoint) throw new EtapisteError(ErrorCode.NotFound, 'no such service point');

    const customer: Participant = { participantId: newId('p'), role: 'customer', displayName: null };
    const record: SessionRecord = {
      info: {
        sessionId: newId('s'),
        visitId: newId('v'),
        agencyId: service.agencyId,
        serviceId: service.id,
        servicePointId: servicePoint.id,
        language,
        status: 'waiting',
        participants: [customer],
      },
      servicePoint,
      service,
      waitingSince: Date.now(),
      boothSubjectId: booth.subjectId,
      expertSubjectId: null,
      participants: new Map([[booth.subjectId, customer]]),
      room: null,
    };
    // The media room exists from the request on, so the booth connects and publishes (paused)
    // while it waits; answering then only adds the expert. Nobody consumes before acceptance.
    try {
      record.room = await this.#media.createRoom(record.info.sessionId);
    } catch (error) {
      throw new EtapisteError(ErrorCode.MediaUnavailable, `no media for the session: ${(error as Error).message}`);
    }
    this.#wireRoom(record, record.room);
    record.room.addParticipant(customer.participantId, customer.role);
    this.#sessions.set(record.info.sessionId, record);
    this.#publishWaiting(service.agencyId);
    return record.info;
  }

  cancel(booth: Principal, sessionId: string): void {
    const record = this.#get(sessionId);
    if (record.boothSubjectId !== booth.subjectId) throw new EtapisteError(ErrorCode.Forbidden, 'not your session');
    if (record.info.status !== 'waiting') throw new EtapisteError(ErrorCode.Conflict, 'the session is no longer waiting');
    this.#end(record, 'cancelled');
  }

  listWaiting(agencyId: string): WaitingSession[] {
    return [...this.#sessions.values()]
      .filter((record) => record.info.status === 'waiting' && record.info.agencyId === agencyId)
      .sort((a, b) => a.waitingSince - b.waitingSince)
      .map((record) => ({
        sessionId: record.info.sessionId,
        servicePoint: {
          id: record.servicePoint.id,
          kind: record.servicePoint.kind,
          name: record.servicePoint.name,
          municipality: record.servicePoint.municipality,
        },
        service: { id: record.service.id, name: record.service.name },
        language: record.info.language,
        waitingSince: record.waitingSince,
      }));
  }

  async accept(expert: Principal, sessionId: string): Promise<ServiceSessionInfo> {
    const record = this.#get(sessionId);
    if (record.info.agencyId !== expert.agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'not your agency');
    if (record.info.status !== 'waiting') throw new EtapisteError(ErrorCode.Conflict, 'the session was already taken');
    if (this.#openSessionOf(expert.subjectId)) throw new EtapisteError(ErrorCode.Conflict, 'you are already in a session');
    if (!record.room || record.room.closed) throw new EtapisteError(ErrorCode.MediaUnavailable, 'the session media is gone');
    record.info.status = 'active';
    record.expertSubjectId = expert.subjectId;
    const expertParticipant: Participant = { participantId: newId('p'), role: 'expert', displayName: expert.displayName };
    record.participants.set(expert.subjectId, expertParticipant);
    record.info.participants.push(expertParticipant);
    record.room.addParticipant(expertParticipant.participantId, expertParticipant.role);

    this.#registry.notifySubject(record.boothSubjectId, 'session.accepted', { session: record.info });
    this.#registry.notifySubject(record.boothSubjectId, 'session.participantJoined', { sessionId, participant: expertParticipant });
    this.#publishWaiting(record.info.agencyId);
    return record.info;
  }

  /** Ends a session the caller takes part in. */
  endBy(principal: Principal, sessionId: string): void {
    const record = this.#get(sessionId);
    if (!record.participants.has(principal.subjectId)) throw new EtapisteError(ErrorCode.Forbidden, 'not a participant');
    this.#end(record, 'hangup');
  }

  /**
   * The caller's media room and participant id. The customer may set up media while waiting
   * (a warm start); everyone else only in an active session.
   */
  mediaContext(principal: Principal, sessionId: string): { room: MediaRoom; participantId: string } {
    const record = this.#get(sessionId);
    const participant = record.participants.get(principal.subjectId);
    if (!participant) throw new EtapisteError(ErrorCode.Forbidden, 'not a participant of this session');
    const allowed = record.info.status === 'active' || (record.info.status === 'waiting' && participant.role === 'customer');
    if (!allowed || !record.room) throw new EtapisteError(ErrorCode.Conflict, 'the session is not active');
    return { room: record.room, participantId: participant.participantId };
  }

  /** The principal's last connection closed: their open sessions end. */
  onSubjectOffline(principal: Principal): void {
    const record = this.#openSessionOf(principal.subjectId);
    if (!record) return;
    if (record.info.status === 'waiting') this.#end(record, 'cancelled');
    else this.#end(record, principal.role === 'booth' ? 'boothDisconnected' : 'expertDisconnected');
  }

  get openSessionCount(): number {
    return this.#sessions.size;
  }

  #wireRoom(record: SessionRecord, room: MediaRoom): void {
    const subjectOf = (participantId: string) =>
      [...record.participants].find(([, participant]) => participant.participantId === participantId)?.[0];
    const sessionId = record.info.sessionId;
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
    });
  }

  #end(record: SessionRecord, reason: SessionEndReason): void {
    if (!this.#sessions.delete(record.info.sessionId)) return;
    const wasWaiting = record.info.status === 'waiting';
    record.info.status = 'ended';
    record.room?.close();
    record.room = null;
    for (const subjectId of record.participants.keys()) {
      this.#registry.notifySubject(subjectId, 'session.ended', { sessionId: record.info.sessionId, reason });
    }
    if (wasWaiting) this.#publishWaiting(record.info.agencyId);
  }

  #publishWaiting(agencyId: string): void {
    this.#registry.notifyAgency(agencyId, ['expert'], 'session.waitingChanged', { sessions: this.listWaiting(agencyId) });
  }

  #openSessionOf(subjectId: string): SessionRecord | undefined {
    for (const record of this.#sessions.values()) if (record.participants.has(subjectId)) return record;
    return undefined;
  }

  #get(sessionId: string): SessionRecord {
    const record = this.#sessions.get(sessionId);
    if (!record) throw new EtapisteError(ErrorCode.NotFound, 'no such session');
    return record;
  }
}

