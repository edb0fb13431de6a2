import { randomUUID } from 'node:crypto';
import type { Channel, Language, QueueTicket, ServicePointDetails, UsageEvent, UsageEventKind } from '@etapiste/shared';
import { currentStop } from '../catalogue/booth-catalogue.ts';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf, localTimeOf, weekdayOf } from '../time/helsinki-time.ts';
import { logError } from '../logging/safe-log.ts';

export interface UsageContext {
  servicePointId: string;
  agencyId?: string | null;
  serviceId?: string | null;
  visitId?: string | null;
  sessionId?: string | null;
  channel?: Channel | null;
  language?: Language | null;
  at?: number;
}

/** The statistics dimensions of a ticket: place, agency, service, channel; never the customer. */
export function usageContextOf(ticket: QueueTicket): UsageContext {
  return {
    servicePointId: ticket.servicePointId,
    agencyId: ticket.agencyId,
    serviceId: ticket.serviceId,
    visitId: ticket.visitId,
    sessionId: ticket.sessionId,
    channel: ticket.bookingId ? 'booked' : 'walkIn',
    language: ticket.language,
  };
}

/**
 * Appends usage events with their place and time dimensions. Statistics never stop the
 * service: a failed append is logged, not thrown. Never pass personal data in `data`.
 */
export class UsageRecorder {
  readonly #storage: Storage;
  readonly #points = new Map<string, { point: ServicePointDetails; loadedAt: number }>();

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  async record(kind: UsageEventKind, context: UsageContext, data: UsageEvent['data'] = {}): Promise<void> {
    try {
      const at = context.at ?? Date.now();
      const point = await this.#point(context.servicePointId);
      if (!point) return;
      let stopPlace: string | null = null;
      if (point.kind === 'XS') {
        const date = localDateOf(at);
        stopPlace = currentStop(await this.#storage.catalogue.listStops(point.id, { from: date, to: date }), at).stop?.place ?? null;
      }
      const localDate = localDateOf(at);
      await this.#storage.statistics.append({
        eventId: `ev_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
        kind,
        at,
        localDate,
        hour: Number(localTimeOf(at).slice(0, 2)),
        weekday: weekdayOf(localDate),
        visitId: context.visitId ?? null,
        sessionId: context.sessionId ?? null,
        servicePointId: point.id,
        pointKind: point.kind,
        region: point.region,
        municipality: point.municipality,
        stopPlace,
        agencyId: context.agencyId ?? null,
        serviceId: context.serviceId ?? null,
        channel: context.channel ?? null,
        language: context.language ?? null,
        data,
      });
    } catch (error) {
      logError('statistics', `could not record ${kind}`, error);
    }
  }

  async #point(servicePointId: string): Promise<ServicePointDetails | null> {
    const cached = this.#points.get(servicePointId);
    if (cached && Date.now() - cached.loadedAt < 60_000) return cached.point;
    const point = await this.#storage.catalogue.getServicePointDetails(servicePointId);
    if (point) this.#points.set(servicePointId, { point, loadedAt: Date.now() });
    return point;
  }
}
