import {
  ErrorCode,
  EtapisteError,
  type InterpretingSkill,
  type Language,
  type Principal,
  type QueueTicket,
  type QueuedVisit,
  type Service,
  type ServiceSessionInfo,
  type SessionEndReason,
  type TicketPriority,
} from '@etapiste/shared';
import { boothCatalogue } from '../catalogue/booth-catalogue.ts';
import type { ClientConnection } from '../gateway/client-connection.ts';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import { newId } from '../storage/rows.ts';
import type { ServiceSessionRecord, Storage } from '../storage/repositories.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import { CalledNumbers, noShowGraceSeconds } from './called-numbers.ts';
import { QueuePublisher } from './queue-publisher.ts';
import { QueueViews } from './queue-views.ts';
import type { WaitEstimator } from './wait-estimator.ts';
import { usageContextOf, type UsageRecorder } from '../statistics/usage-recorder.ts';

const OPEN_STATUSES = ['waiting', 'called', 'serving'] as const;

interface EnqueueRequest {
  boothId: string;
  servicePointId: string;
  service: Service;
  language: Language;
  priority: TicketPriority;
  queuedAt: number;
  bookingId: string | null;
  /** Chaining keeps the visit and the number. */
  visitId?: string;
  number?: string;
  previousSessionId?: string | null;
  /** The interpreter the customer needs (asked when taking the number, or required by the booking). */
  interpreterNeed?: InterpretingSkill | null;
}

/**
 * Walk-in queues of every agency across all service points: numbers, take-next, the call
 * with its no-show grace period, chaining between agencies, and the live notifications to
 * experts, booths and queue boards. All state is in storage; timers are rebuilt on restart.
 */
export class QueueService {
  readonly views: QueueViews;
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #registry: ConnectionRegistry;
  readonly #estimator: WaitEstimator;
  readonly #usage: UsageRecorder;
  readonly #calls: CalledNumbers;
  readonly #publisher: QueuePublisher;

  constructor(deps: {
    storage: Storage;
    sessions: ServiceSessionService;
    registry: ConnectionRegistry;
    estimator: WaitEstimator;
    usage: UsageRecorder;
  }) {
    this.#usage = deps.usage;
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#registry = deps.registry;
    this.#estimator = deps.estimator;
    this.views = new QueueViews(deps);
    this.#publisher = new QueuePublisher({ views: this.views, registry: deps.registry });
    this.#calls = new CalledNumbers({ registry: deps.registry, noShow: (ticketId) => this.#noShow(ticketId) });
    deps.sessions.onEnded((record, reason) => this.#onSessionEnded(record, reason));
  }

  /**
   * After a restart: calls in progress go back to waiting at their place; customers being served
   * keep their session if it could be restored, else go to the front; every open ticket has a live session.
   */
  async restore(): Promise<void> {
    const interrupted = await this.#sessions.restore();
    for (const record of interrupted) {
      await this.#storage.sessions.saveSession({ ...record, status: 'ended', endedAt: Date.now(), endReason: 'mediaFailure' });
    }
    for (const ticket of await this.#storage.queue.listTickets({ statuses: [...OPEN_STATUSES] })) {
      // A customer being served keeps their session: both ends are expected back (grace period).
      if (ticket.status === 'serving' && ticket.sessionId && this.#sessions.get(ticket.sessionId)?.status === 'active') continue;
      let current: QueueTicket | null = ticket;
      if (ticket.status !== 'waiting') {
        current = await this.#storage.queue.updateTicketIf(ticket.ticketId, ticket.status, {
          status: 'waiting',
          expertId: null,
          calledAt: null,
          ...(ticket.status === 'serving' ? { priority: 'transfer' as const } : {}),
        });
      }
      if (current && (!current.sessionId || !this.#sessions.get(current.sessionId))) await this.#renewSession(current);
    }
  }

  async takeNumber(booth: Principal, serviceId: string, language: Language, interpreterNeed: InterpretingSkill | null = null): Promise<QueuedVisit> {
    const servicePointId = this.#pointOf(booth);
    await this.#requireNoOpenTicket(booth.subjectId, servicePointId);
    const service = await this.serviceOfferedAt(servicePointId, serviceId);
    return this.enqueue({ boothId: booth.subjectId, servicePointId, service, language, priority: 'normal', queuedAt: Date.now(), bookingId: null, interpreterNeed });
  }

  /** Creates the ticket and its waiting session and tells everyone concerned. */
  async enqueue(request: EnqueueRequest): Promise<QueuedVisit> {
    const now = Date.now();
    const visitId = request.visitId ?? newId('v');
    let ticket = await this.#storage.queue.issueTicket(
      {
        ...(request.number ? { number: request.number } : {}),
        visitId,
        servicePointId: request.servicePointId,
        agencyId: request.service.agencyId,
        serviceId: request.service.id,
        language: request.language,
        priority: request.priority,
        status: 'waiting',
        issuedAt: now,
        queuedAt: request.queuedAt,
        calledAt: null,
        boothId: request.boothId,
        expertId: null,
        bookingId: request.bookingId,
        sessionId: null,
        interpreterNeed: request.interpreterNeed ?? null,
      },
      localDateOf(now),
    );
    const session = await this.#sessions.createWaiting({
      visitId,
      ticketId: ticket.ticketId,
      agencyId: ticket.agencyId,
      serviceId: ticket.serviceId,
      servicePointId: ticket.servicePointId,
      boothId: request.boothId,
      language: request.language,
      previousSessionId: request.previousSessionId ?? null,
    });
    ticket = (await this.#storage.queue.updateTicketIf(ticket.ticketId, 'waiting', { sessionId: session.sessionId })) ?? ticket;
    await this.#usage.record('ticketIssued', usageContextOf(ticket), { priority: ticket.priority });
    await this.publish([ticket.agencyId], [ticket.servicePointId]);
    return { view: await this.views.ticketView(ticket), session };
  }

  async leave(booth: Principal, ticketId: string): Promise<void> {
    const ticket = await this.#boothTicket(booth, ticketId);
    if (ticket.status !== 'waiting' && ticket.status !== 'called') throw new EtapisteError(ErrorCode.Conflict, 'the number is no longer in the queue');
    if (!(await this.#storage.queue.updateTicketIf(ticketId, ticket.status, { status: 'cancelled' }))) {
      throw new EtapisteError(ErrorCode.Conflict, 'the number changed meanwhile');
    }
    this.#calls.clear(ticketId);
    if (ticket.sessionId) await this.#sessions.end(ticket.sessionId, 'cancelled');
    await this.publish([ticket.agencyId], [ticket.servicePointId]);
  }

  /** The next customer of the expert's agency, over all points whose booth is online. */
  async takeNext(expert: Principal): Promise<{ ticket: QueueTicket; session: ServiceSessionInfo; graceEndsAt: number } | null> {
    const agencyId = expert.agencyId;
    if (!agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'your account has no agency');
    const busy = await this.#storage.queue.listTickets({ agencyId, statuses: ['called', 'serving'] });
    if (busy.some((ticket) => ticket.expertId === expert.subjectId)) throw new EtapisteError(ErrorCode.Conflict, 'you already have a customer');
    const now = Date.now();
    for (const candidate of await this.views.waitingInOrder(agencyId, now)) {
      if (!this.#registry.isOnline(candidate.boothId)) continue;
      let ticket = await this.#storage.queue.updateTicketIf(candidate.ticketId, 'waiting', { status: 'called', calledAt: now, expertId: expert.subjectId });
      if (!ticket) continue; // another expert was faster
      if (!ticket.sessionId || !this.#sessions.get(ticket.sessionId)) ticket = await this.#renewSession(ticket);
      const sessionId = ticket.sessionId!;
      await this.#sessions.assignExpert(sessionId, expert);
      const graceEndsAt = now + (await noShowGraceSeconds(this.#storage, ticket)) * 1000;
      await this.#usage.record('ticketCalled', usageContextOf(ticket), { waitMs: now - ticket.issuedAt });
      this.#calls.start(ticket, sessionId, graceEndsAt);
      await this.publish([agencyId], [ticket.servicePointId]);
      return { ticket, session: this.#sessions.infoOf(sessionId)!, graceEndsAt };
    }
    return null;
  }

  /** "I am here": the called customer answers and the session starts. */
  async answer(booth: Principal, ticketId: string): Promise<ServiceSessionInfo> {
    const ticket = await this.#boothTicket(booth, ticketId);
    if (ticket.status !== 'called' || !ticket.sessionId) throw new EtapisteError(ErrorCode.Conflict, 'the number is not being called');
    if (!(await this.#storage.queue.updateTicketIf(ticketId, 'called', { status: 'serving' }))) {
      throw new EtapisteError(ErrorCode.Conflict, 'the call has ended');
    }
    this.#calls.clear(ticketId);
    let session: ServiceSessionInfo;
    try {
      session = await this.#sessions.activate(ticket.sessionId);
    } catch (error) {
      // The session could not start (media gone, expert left): the customer keeps their place.
      await this.#storage.queue.updateTicketIf(ticketId, 'serving', { status: 'waiting', expertId: null, calledAt: null });
      await this.#sessions.assignExpert(ticket.sessionId, null).catch(() => undefined);
      await this.publish([ticket.agencyId], [ticket.servicePointId]);
      throw error;
    }
    await this.#usage.record('sessionStarted', usageContextOf(ticket), { waitMs: Date.now() - ticket.issuedAt });
    await this.publish([ticket.agencyId], [ticket.servicePointId]);
    return session;
  }

  /** Host staff correct the queue: same place by arrival time, no priority, never to the front. */
  async moveTicket(principal: Principal, ticketId: string, serviceId: string): Promise<QueueTicket> {
    const ticket = await this.#storage.queue.getTicket(ticketId);
    if (!ticket) throw new EtapisteError(ErrorCode.NotFound, 'no such ticket');
    if (principal.role === 'hostStaff' && principal.servicePointId !== ticket.servicePointId) {
      throw new EtapisteError(ErrorCode.Forbidden, 'not a ticket of your service point');
    }
    const service = await this.serviceOfferedAt(ticket.servicePointId, serviceId);
    const moved = await this.#storage.queue.updateTicketIf(ticketId, 'waiting', {
      agencyId: service.agencyId,
      serviceId: service.id,
      priority: 'normal',
      queuedAt: ticket.priority === 'normal' ? ticket.queuedAt : Math.max(ticket.queuedAt, ticket.issuedAt),
    });
    if (!moved) throw new EtapisteError(ErrorCode.Conflict, 'only a waiting number can be moved');
    if (moved.sessionId) await this.#sessions.retarget(moved.sessionId, service.agencyId, service.id);
    await this.publish([ticket.agencyId, service.agencyId], [ticket.servicePointId]);
    return moved;
  }

  /** Host staff: the waiting numbers of their own point, in arrival order. */
  async pointTickets(principal: Principal, servicePointId: string) {
    if (principal.role === 'hostStaff' && principal.servicePointId !== servicePointId) {
      throw new EtapisteError(ErrorCode.Forbidden, 'not your service point');
    }
    const tickets = await this.views.pointTickets(servicePointId);
    if (!tickets) throw new EtapisteError(ErrorCode.NotFound, 'no such service point');
    return tickets;
  }

  async boothState(booth: Principal) {
    const servicePointId = this.#pointOf(booth);
    const catalogue = await boothCatalogue(this.#storage, servicePointId);
    const ticket = (await this.#storage.queue.listTickets({ servicePointId, statuses: [...OPEN_STATUSES] })).find(
      (entry) => entry.boothId === booth.subjectId,
    );
    const session = ticket?.sessionId ? this.#sessions.infoOf(ticket.sessionId) : null;
    const graceEndsAt = ticket ? this.#calls.graceEndsAt(ticket.ticketId) : undefined;
    return {
      catalogue,
      current: ticket && session ? { view: await this.views.ticketView(ticket), session } : null,
      calling:
        ticket && graceEndsAt !== undefined && ticket.sessionId
          ? { ticketId: ticket.ticketId, number: ticket.number, sessionId: ticket.sessionId, graceEndsAt }
          : null,
    };
  }

  async watchBoard(connection: ClientConnection, servicePointId: string) {
    const { principal } = connection;
    if ((principal.role === 'booth' || principal.role === 'hostStaff') && principal.servicePointId !== servicePointId) {
      throw new EtapisteError(ErrorCode.Forbidden, 'not your service point');
    }
    if (!(await this.#storage.catalogue.getServicePoint(servicePointId))) throw new EtapisteError(ErrorCode.NotFound, 'no such service point');
    return this.#publisher.watchBoard(connection, servicePointId);
  }

  /** Pushes the new state to the agencies' experts, their waiting booths and the points' boards. */
  publish(agencyIds: string[], servicePointIds: string[]): Promise<void> {
    return this.#publisher.publish(agencyIds, servicePointIds);
  }

  /** A principal's last connection closed. */
  async onSubjectOffline(principal: Principal): Promise<void> {
    // Interpreters come and go without ending the session (see InterpretingService.interpreterOffline).
    if (principal.role !== 'booth' && principal.role !== 'expert') return;
    for (const record of this.#sessions.openSessionsOf(principal.subjectId)) {
      if (record.status === 'active') {
        await this.#sessions.end(record.sessionId, principal.role === 'booth' ? 'boothDisconnected' : 'expertDisconnected');
      } else if (principal.role === 'expert' && record.expertId === principal.subjectId && record.ticketId) {
        // An expert who vanishes while calling a number gives it back, in its place.
        const ticket = await this.#storage.queue.updateTicketIf(record.ticketId, 'called', { status: 'waiting', expertId: null, calledAt: null });
        this.#calls.clear(record.ticketId);
        await this.#sessions.assignExpert(record.sessionId, null);
        if (ticket) await this.publish([ticket.agencyId], [ticket.servicePointId]);
      }
    }
  }

  /** Stops the call timers (shutdown). Called numbers go back to waiting at the next start. */
  stop(): void {
    this.#calls.stop();
  }

  async #noShow(ticketId: string): Promise<void> {
    const ticket = await this.#storage.queue.updateTicketIf(ticketId, 'called', { status: 'noShow' });
    if (!ticket) return;
    if (ticket.bookingId) await this.#storage.bookings.updateBookingIf(ticket.bookingId, 'checkedIn', { status: 'noShow' });
    await this.#usage.record('noShow', usageContextOf(ticket), { waitMs: (ticket.calledAt ?? Date.now()) - ticket.issuedAt });
    if (ticket.sessionId) await this.#sessions.end(ticket.sessionId, 'noShow');
    await this.publish([ticket.agencyId], [ticket.servicePointId]);
  }

  async #onSessionEnded(record: ServiceSessionRecord, reason: SessionEndReason): Promise<void> {
    if (record.startedAt) {
      await this.#usage.record(
        'sessionEnded',
        { servicePointId: record.servicePointId, agencyId: record.agencyId, serviceId: record.serviceId, visitId: record.visitId, sessionId: record.sessionId, language: record.language, channel: null },
        { serviceMs: (record.endedAt ?? Date.now()) - record.startedAt, reason },
      );
    }
    if (record.startedAt && (reason === 'hangup' || reason === 'transferred')) {
      this.#estimator.recordService(record.agencyId, (record.endedAt ?? Date.now()) - record.startedAt);
    }
    if (!record.ticketId) return;
    const ticket = await this.#storage.queue.getTicket(record.ticketId);
    if (!ticket || ticket.sessionId !== record.sessionId) return;
    if (reason === 'hangup' || reason === 'boothDisconnected') {
      if (await this.#storage.queue.updateTicketIf(ticket.ticketId, 'serving', { status: 'done' })) {
        if (ticket.bookingId) await this.#storage.bookings.updateBookingIf(ticket.bookingId, 'checkedIn', { status: 'served' });
      }
    } else if (reason === 'expertDisconnected' || reason === 'mediaFailure') {
      // The customer must not lose their place: back to the queue, to the front if they were being served.
      this.#calls.clear(ticket.ticketId);
      const requeued =
        ticket.status === 'waiting'
          ? ticket
          : await this.#storage.queue.updateTicketIf(ticket.ticketId, ticket.status, {
              status: 'waiting',
              expertId: null,
              calledAt: null,
              ...(ticket.status === 'serving' ? { priority: 'transfer' as const } : {}),
            });
      if (requeued) await this.#renewSession(requeued);
    } else return;
    await this.publish([ticket.agencyId], [ticket.servicePointId]);
  }

  /** A fresh waiting session for a ticket whose session is gone (restart, lost media). */
  async #renewSession(ticket: QueueTicket): Promise<QueueTicket> {
    const session = await this.#sessions.createWaiting({
      visitId: ticket.visitId,
      ticketId: ticket.ticketId,
      agencyId: ticket.agencyId,
      serviceId: ticket.serviceId,
      servicePointId: ticket.servicePointId,
      boothId: ticket.boothId,
      language: ticket.language,
      previousSessionId: ticket.sessionId,
    });
    return (await this.#storage.queue.updateTicketIf(ticket.ticketId, ticket.status, { sessionId: session.sessionId })) ?? ticket;
  }

  /** The service, if it is remote-capable and its agency serves at the point now. */
  async serviceOfferedAt(servicePointId: string, serviceId: string): Promise<Service> {
    const service = await this.#storage.catalogue.getService(serviceId);
    if (!service) throw new EtapisteError(ErrorCode.NotFound, 'no such service');
    if (!service.remoteCapable) throw new EtapisteError(ErrorCode.Conflict, 'this service is not available remotely');
    const catalogue = await boothCatalogue(this.#storage, servicePointId);
    if (!catalogue.openNow) throw new EtapisteError(ErrorCode.Conflict, 'the service point is closed now');
    if (!catalogue.agencies.some((agency) => agency.id === service.agencyId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'this agency gives no walk-in numbers here now');
    }
    return service;
  }

  /** CONFLICT when the booth already has a number in the queue (one customer per booth). */
  async requireBoothFree(booth: Principal): Promise<void> {
    await this.#requireNoOpenTicket(booth.subjectId, this.#pointOf(booth));
  }

  async #requireNoOpenTicket(boothId: string, servicePointId: string): Promise<void> {
    const open = await this.#storage.queue.listTickets({ servicePointId, statuses: [...OPEN_STATUSES] });
    if (open.some((ticket) => ticket.boothId === boothId)) throw new EtapisteError(ErrorCode.Conflict, 'this booth already has a number in the queue');
  }

  async #boothTicket(booth: Principal, ticketId: string): Promise<QueueTicket> {
    const ticket = await this.#storage.queue.getTicket(ticketId);
    if (!ticket) throw new EtapisteError(ErrorCode.NotFound, 'no such ticket');
    if (ticket.boothId !== booth.subjectId) throw new EtapisteError(ErrorCode.Forbidden, 'not this booth’s number');
    return ticket;
  }

  #pointOf(booth: Principal): string {
    if (!booth.servicePointId) throw new EtapisteError(ErrorCode.Forbidden, 'the booth has no service point');
    return booth.servicePointId;
  }
}
