import type { LocalizedText, QueueTicket } from '@etapiste/shared';
import type { AgentState, CustomerInfo, TransferTarget } from './types.ts';

/** Where names of ids come from: the queue itself, else the catalogue. */
export type NameSource = Pick<AgentState, 'waiting' | 'adminCatalogue'>;

export function servicePointOf(source: NameSource, servicePointId: string): CustomerInfo['servicePoint'] {
  const waiting = source.waiting.find((entry) => entry.servicePoint.id === servicePointId);
  if (waiting) return { name: waiting.servicePoint.name, kind: waiting.servicePoint.kind };
  const point = source.adminCatalogue?.servicePoints.find((entry) => entry.id === servicePointId);
  return point ? { name: point.name, kind: point.kind } : null;
}

export function serviceNameOf(source: NameSource, serviceId: string): LocalizedText | null {
  const waiting = source.waiting.find((entry) => entry.service.id === serviceId);
  if (waiting) return waiting.service.name;
  return source.adminCatalogue?.services.find((service) => service.id === serviceId)?.name ?? null;
}

/** What the console shows of a called ticket (looked up before it leaves the waiting list). */
export function customerInfoOf(source: NameSource, ticket: Pick<QueueTicket, 'number' | 'servicePointId' | 'serviceId'>): CustomerInfo {
  return {
    number: ticket.number,
    servicePoint: servicePointOf(source, ticket.servicePointId),
    serviceName: serviceNameOf(source, ticket.serviceId),
  };
}

/** Remote-capable services of the other agencies, grouped by agency (compute with useMemo). */
export function transferTargets(catalogue: AgentState['adminCatalogue'], ownAgencyId: string | null): TransferTarget[] {
  if (!catalogue) return [];
  return catalogue.agencies
    .filter((agency) => agency.id !== ownAgencyId)
    .map((agency) => ({
      agency,
      services: catalogue.services.filter((service) => service.agencyId === agency.id && service.remoteCapable),
    }))
    .filter((target) => target.services.length > 0);
}
