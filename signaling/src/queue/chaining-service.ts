import { ErrorCode, EtapisteError, type Principal, type QueuedVisit } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { Storage } from '../storage/repositories.ts';
import type { QueueService } from './queue-service.ts';
import { usageContextOf, type UsageRecorder } from '../statistics/usage-recorder.ts';

/**
 * Chaining: during a session the expert offers to move the customer to another agency's
 * service; with the customer's consent the session ends and the same number goes to the front
 * of that agency's queue, in the same visit.
 */
export class ChainingService {
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #registry: ConnectionRegistry;
  readonly #queue: QueueService;
  readonly #usage: UsageRecorder;
  /** Open offers: session id → the offered service. */
  readonly #transferOffers = new Map<string, string>();

  constructor(deps: { storage: Storage; sessions: ServiceSessionService; registry: ConnectionRegistry; queue: QueueService; usage: UsageRecorder }) {
    this.#usage = deps.usage;
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#registry = deps.registry;
    this.#queue = deps.queue;
    deps.sessions.onEnded((record) => {
      this.#transferOffers.delete(record.sessionId);
    });
  }

  /** Chaining, step 1: the expert proposes another agency's service; the customer must consent. */
  async offerTransfer(expert: Principal, sessionId: string, serviceId: string): Promise<void> {
    const record = this.#sessions.get(sessionId);
    if (!record || record.status !== 'active' || record.expertId !== expert.subjectId) {
      throw new EtapisteError(ErrorCode.Forbidden, 'not your active session');
    }
    const service = await this.#queue.serviceOfferedAt(record.servicePointId, serviceId);
    if (service.agencyId === record.agencyId) throw new EtapisteError(ErrorCode.Conflict, 'choose a service of another agency');
    const agency = await this.#storage.catalogue.getAgency(service.agencyId);
    if (!agency) throw new EtapisteError(ErrorCode.NotFound, 'no such agency');
    this.#transferOffers.set(sessionId, serviceId);
    this.#registry.notifySubject(record.boothId, 'queue.transferOffered', { sessionId, agency, service });
  }

  /** Chaining, step 2: with consent the same number goes to the front of the other agency's queue. */
  async respondTransfer(booth: Principal, sessionId: string, accept: boolean): Promise<QueuedVisit | null> {
    const record = this.#sessions.get(sessionId);
    const serviceId = this.#transferOffers.get(sessionId);
    if (!record || record.boothId !== booth.subjectId || !serviceId) throw new EtapisteError(ErrorCode.NotFound, 'no transfer offer');
    this.#transferOffers.delete(sessionId);
    if (record.expertId) this.#registry.notifySubject(record.expertId, 'queue.transferAnswered', { sessionId, accepted: accept });
    if (!accept) return null;
    const ticket = record.ticketId ? await this.#storage.queue.getTicket(record.ticketId) : null;
    if (!ticket || !(await this.#storage.queue.updateTicketIf(ticket.ticketId, 'serving', { status: 'transferred' }))) {
      throw new EtapisteError(ErrorCode.Conflict, 'the session is no longer being served');
    }
    await this.#sessions.end(sessionId, 'transferred');
    await this.#usage.record('transfer', usageContextOf(ticket), { toAgencyId: serviceId ? (await this.#storage.catalogue.getService(serviceId))?.agencyId ?? null : null, toServiceId: serviceId });
    const service = await this.#queue.serviceOfferedAt(record.servicePointId, serviceId);
    return this.#queue.enqueue({
      boothId: record.boothId,
      servicePointId: record.servicePointId,
      service,
      language: record.language,
      priority: 'transfer',
      queuedAt: Date.now(),
      bookingId: null,
      visitId: record.visitId,
      number: ticket.number,
      previousSessionId: sessionId,
      // The customer still needs their interpreter at the next agency.
      interpreterNeed: ticket.interpreterNeed,
    });
  }
}
