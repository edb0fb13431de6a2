import type { Agency, CatalogueSnapshot, LocalizedText, QueueBoard, Service } from '@etapiste/shared';

/** The remote-capable services of one agency serving at the point. */
export interface MoveTarget {
  agency: Agency;
  services: Service[];
}

/** Every agency serving at the point with its remote-capable services (compute with useMemo). */
export function pointTargets(catalogue: CatalogueSnapshot | null, servicePointId: string | null): MoveTarget[] {
  const point = catalogue?.servicePoints.find((entry) => entry.id === servicePointId);
  if (!catalogue || !point) return [];
  return catalogue.agencies
    .filter((agency) => point.agencyIds.includes(agency.id))
    .map((agency) => ({
      agency,
      services: catalogue.services.filter((service) => service.agencyId === agency.id && service.remoteCapable),
    }))
    .filter((target) => target.services.length > 0);
}

/** Where a ticket of `agencyId` can be moved: the services of the other agencies. */
export function targetsFor(targets: MoveTarget[], agencyId: string): MoveTarget[] {
  return targets.filter((target) => target.agency.id !== agencyId);
}

/** The agency's name from the catalogue, else from the board, else null. */
export function agencyNameOf(catalogue: CatalogueSnapshot | null, board: QueueBoard | null, agencyId: string): LocalizedText | null {
  return (
    catalogue?.agencies.find((agency) => agency.id === agencyId)?.name ??
    board?.agencies.find((agency) => agency.agencyId === agencyId)?.agencyName ??
    null
  );
}
