import { ErrorCode, EtapisteError } from '@etapiste/shared';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { CatalogueRepository } from '../storage/catalogue-repository.ts';

export function catalogueHandlers(catalogue: CatalogueRepository): Pick<MethodHandlers, 'catalogue.forBooth'> {
  return {
    'catalogue.forBooth': async (_params, { principal }) => {
      const servicePoint = principal.servicePointId ? await catalogue.getServicePoint(principal.servicePointId) : null;
      if (!servicePoint) throw new EtapisteError(ErrorCode.NotFound, 'the booth has no service point');
      return { servicePoint, agencies: await catalogue.listAgenciesAtPoint(servicePoint.id) };
    },
  };
}
