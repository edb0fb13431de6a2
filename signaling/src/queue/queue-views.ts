import type {
  AgencyQueueStatus,
  QueueBoard,
  QueueOverview,
  QueueTicket,
  ServicePoint,
  TicketView,
  WaitingTicket,
} from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import { inQueueOrder } from './queue-order.ts';
import type { WaitEstimator } from './wait-estimator.ts';

/** Read models of the queue: what experts, customers and queue boards see. */
export class QueueViews {
  readonly #storage: Storage;
  readonly #registry: ConnectionRegistry;
  readonly #estimator: WaitEstimator;

  constructor(deps: { storage: Storage; registry: ConnectionRegistry; estimator: WaitEstimator }) {
    this.#storage = deps.storage;
    this.#registry = deps.registry;
    this.#estimator = deps.estimator;
  }

  expertsOnline(agencyId: string): number {
    return this.#registry.countOnline(agencyId, 'expert');
  }

  /** The agency's waiting tickets in the order they will be served. */
  async waitingInOrder(agencyId: string, now = Date.now()): Promise<QueueTicket[]> {
    return inQueueOrder(await this.#storage.queue.listTickets({ agencyId, statuses: ['waiting'] }), now);
  }

  /** Each waiting ticket of the agency with its position and estimate (for the booths). */
  async ticketViews(agencyId: string, now = Date.now()): Promise<TicketView[]> {
    const ordered = await this.waitingInOrder(agencyId, now);
    const online = this.expertsOnline(agencyId);
    return ordered.map((ticket, index) => ({
      ticket,
      position: index + 1,
      estimatedWaitMinutes: this.#estimator.estimateMinutes(agencyId, index, online),
    }));
  }

  async ticketView(ticket: QueueTicket, now = Date.now()): Promise<TicketView> {
    if (ticket.status !== 'waiting') return { ticket, position: null, estimatedWaitMinutes: null };
    const views = await this.ticketViews(ticket.agencyId, now);
    return views.find((view) => view.ticket.ticketId === ticket.ticketId) ?? { ticket, position: null, estimatedWaitMinutes: null };
  }

  async overview(agencyId: string, now = Date.now()): Promise<QueueOverview> {
    const ordered = await this.waitingInOrder(agencyId, now);
    // Only the points that have someone waiting (this runs on every queue change).
    const points = new Map<string, ServicePoint>();
    for (const pointId of new Set(ordered.map((ticket) => ticket.servicePointId))) {
      const point = await this.#storage.catalogue.getServicePoint(pointId);
      if (point) points.set(pointId, point);
    }
    const services = new Map((await this.#storage.catalogue.listServices(agencyId)).map((service) => [service.id, service]));
    const waiting: WaitingTicket[] = [];
    for (const ticket of ordered) {
      const point = points.get(ticket.servicePointId);
      const service = services.get(ticket.serviceId);
      if (!point || !service) continue;
      waiting.push({
        ticketId: ticket.ticketId,
        number: ticket.number,
        servicePoint: { id: point.id, kind: point.kind, name: point.name, municipality: point.municipality },
        service: { id: service.id, name: service.name },
        language: ticket.language,
        priority: ticket.priority,
        issuedAt: ticket.issuedAt,
        queuedAt: ticket.queuedAt,
        bookedFor: ticket.priority === 'booked' ? ticket.queuedAt : null,
      });
    }
    const online = this.expertsOnline(agencyId);
    return {
      agencyId,
      waiting,
      bookingsToday: await this.#storage.bookings.listBookings({ agencyId, date: localDateOf(now) }),
      expertsOnline: online,
      estimatedWaitMinutes: this.#estimator.estimateMinutes(agencyId, waiting.length, online),
    };
  }

  async board(servicePointId: string, now = Date.now()): Promise<QueueBoard> {
    const point = await this.#storage.catalogue.getServicePoint(servicePointId);
    if (!point) throw new Error(`no service point ${servicePointId}`);
    const called = await this.#storage.queue.listTickets({ servicePointId, statuses: ['called'] });
    const agencies: AgencyQueueStatus[] = [];
    for (const agency of await this.#storage.catalogue.listAgenciesAtPoint(servicePointId)) {
      const online = this.expertsOnline(agency.id);
      const agencyWaiting = await this.#storage.queue.listTickets({ agencyId: agency.id, statuses: ['waiting'] });
      const waiting = agencyWaiting.filter((ticket) => ticket.servicePointId === servicePointId).length;
      const total = agencyWaiting.length;
      agencies.push({
        agencyId: agency.id,
        agencyName: agency.name,
        waiting,
        estimatedWaitMinutes: this.#estimator.estimateMinutes(agency.id, total, online),
        expertsOnline: online,
      });
    }
    return {
      servicePointId,
      servicePointName: point.name,
      kind: point.kind,
      calling: called
        .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0))
        .slice(0, 5)
        .map((ticket) => ({ number: ticket.number, calledAt: ticket.calledAt ?? now })),
      agencies,
    };
  }

  /** The waiting numbers of one point in arrival order (host staff); null if there is no such point. */
  async pointTickets(servicePointId: string): Promise<(WaitingTicket & { agencyId: string })[] | null> {
    const point = await this.#storage.catalogue.getServicePoint(servicePointId);
    if (!point) return null;
    const services = new Map((await this.#storage.catalogue.listServices()).map((service) => [service.id, service]));
    const waiting = await this.#storage.queue.listTickets({ servicePointId, statuses: ['waiting'] });
    return waiting
      .sort((a, b) => a.issuedAt - b.issuedAt)
      .flatMap((ticket) => {
        const service = services.get(ticket.serviceId);
        if (!service) return [];
        return [
          {
            ticketId: ticket.ticketId,
            number: ticket.number,
            agencyId: ticket.agencyId,
            servicePoint: { id: point.id, kind: point.kind, name: point.name, municipality: point.municipality },
            service: { id: service.id, name: service.name },
            language: ticket.language,
            priority: ticket.priority,
            issuedAt: ticket.issuedAt,
            queuedAt: ticket.queuedAt,
            bookedFor: ticket.priority === 'booked' ? ticket.queuedAt : null,
          },
        ];
      });
  }
}
