import express, { type Request, type Response } from 'express';
import {
  CreateStopRequest,
  datesOnWeekday,
  ErrorCode,
  EtapisteError,
  SaveAgencyRequest,
  SaveServicePointRequest,
  SaveServiceRequest,
  SaveServiceWindowRequest,
  StopDatesBatch,
  StopsQuery,
  StopWeeklyBatch,
  WindowsQuery,
  type CatalogueSnapshot,
  type Role,
  type ServicePointDetails,
  type ServiceWindow,
  type Stop,
} from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';
import { allow } from '../security/route-policy.ts';
import type { Storage } from '../storage/repositories.ts';
import { checkWindow, newId, overlaps, parseWith, pathId, refuseOrphanedBookings, resolveId, validationFailed } from './admin-rules.ts';

export interface AdminDeps {
  storage: Storage;
  tokens: TokenService;
}

/** The catalogue is not secret: supervisors see all of it, read-only, with stops and windows. */
const readers: readonly Role[] = ['admin', 'supervisor'];
/**
 * Experts read the catalogue too: the expert console names points and services and offers chaining targets from it.
 * Host staff read it to offer the services of the agencies at their point when moving a number.
 */
const catalogueReaders: readonly Role[] = [...readers, 'expert', 'hostStaff'];
const writers: readonly Role[] = ['admin'];

/**
 * The admin REST API, mounted at `/api/admin`: agencies, services, service points, bus stops
 * and service windows. Admins write; supervisors read (experts and host staff read the catalogue). Errors are thrown as EtapisteError and
 * answered by the app's error handler.
 */
export function adminRouter(deps: AdminDeps): express.Router {
  const { storage, tokens } = deps;
  const { catalogue } = storage;
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  const only = (roles: readonly Role[]) => allow(tokens, roles);

  router.get('/catalogue', only(catalogueReaders), async (_request, response) => {
    const snapshot: CatalogueSnapshot = {
      agencies: await catalogue.listAgencies(),
      services: await catalogue.listServices(),
      servicePoints: await catalogue.listServicePoints(),
    };
    response.json(snapshot);
  });

  // Agencies
  const saveAgency = async (request: Request, response: Response, existingId: string | null) => {
    const body = parseWith(SaveAgencyRequest, request.body);
    const id = resolveId(existingId, body.id, 'ag');
    requireNew(existingId, id, await catalogue.getAgency(id), 'agency');
    const agency = { ...body, id };
    await catalogue.upsertAgency(agency);
    response.status(existingId ? 200 : 201).json(agency);
  };
  router.post('/agencies', only(writers), (request, response) => saveAgency(request, response, null));
  router.put('/agencies/:id', only(writers), (request, response) => saveAgency(request, response, pathId(request)));

  // Services
  const saveService = async (request: Request, response: Response, existingId: string | null) => {
    const body = parseWith(SaveServiceRequest, request.body);
    const id = resolveId(existingId, body.id, 'sv');
    requireNew(existingId, id, await catalogue.getService(id), 'service');
    if (!(await catalogue.getAgency(body.agencyId))) throw validationFailed('no such agency', [{ path: 'agencyId', message: 'no such agency' }]);
    const service = { ...body, id };
    await catalogue.upsertService(service);
    response.status(existingId ? 200 : 201).json(service);
  };
  router.post('/services', only(writers), (request, response) => saveService(request, response, null));
  router.put('/services/:id', only(writers), (request, response) => saveService(request, response, pathId(request)));

  // Service points
  const savePoint = async (request: Request, response: Response, existingId: string | null) => {
    const body = parseWith(SaveServicePointRequest, request.body);
    const id = resolveId(existingId, body.id, 'sp');
    const existing = await catalogue.getServicePointDetails(id);
    requireNew(existingId, id, existing, 'service point');
    const agencies = new Set((await catalogue.listAgencies()).map((agency) => agency.id));
    const unknown = body.agencyIds.flatMap((agencyId, index) => (agencies.has(agencyId) ? [] : [{ path: `agencyIds.${index}`, message: `no such agency: ${agencyId}` }]));
    if (unknown.length > 0) throw validationFailed('no such agency', unknown);
    if (existing) await refuseBreakingPointChange(existing, body.kind, body.agencyIds);
    const point: ServicePointDetails = { ...body, id };
    await catalogue.saveServicePoint(point);
    response.status(existingId ? 200 : 201).json(point);
  };
  router.post('/service-points', only(writers), (request, response) => savePoint(request, response, null));
  router.put('/service-points/:id', only(writers), (request, response) => savePoint(request, response, pathId(request)));

  /** Stops and windows would lose their meaning if the kind changed or an agency left under them. */
  const refuseBreakingPointChange = async (existing: ServicePointDetails, kind: ServicePointDetails['kind'], agencyIds: string[]) => {
    if (existing.kind !== kind) {
      const stops = await catalogue.listStops(existing.id);
      const windows = await catalogue.listWindows({ servicePointId: existing.id });
      if (stops.length > 0 || windows.length > 0) {
        throw new EtapisteError(ErrorCode.Conflict, `cannot change the kind of ${existing.id}: delete its ${stops.length} stop(s) and ${windows.length} window(s) first`);
      }
    }
    for (const agencyId of existing.agencyIds.filter((agencyId) => !agencyIds.includes(agencyId))) {
      const windows = await catalogue.listWindows({ servicePointId: existing.id, agencyId });
      if (windows.length > 0) {
        throw new EtapisteError(ErrorCode.Conflict, `agency ${agencyId} still has ${windows.length} service window(s) at ${existing.id}; delete them first`);
      }
    }
  };

  // Bus stops (XS points only)
  const busPoint = async (request: Request): Promise<ServicePointDetails> => {
    const point = await catalogue.getServicePointDetails(pathId(request));
    if (!point) throw new EtapisteError(ErrorCode.NotFound, 'no such service point');
    if (point.kind !== 'XS') throw new EtapisteError(ErrorCode.Conflict, `${point.id} is an S point: only XS points (service buses) have stops`);
    return point;
  };
  const refuseOverlappingStops = async (pointId: string, planned: Stop[]) => {
    const dates = [...new Set(planned.map((stop) => stop.date))].sort();
    const first = dates[0];
    const last = dates.at(-1);
    if (!first || !last) return;
    const existing = await catalogue.listStops(pointId, { from: first, to: last });
    for (const stop of planned) {
      const clash = existing.find((other) => other.date === stop.date && overlaps(other, stop));
      if (clash) throw new EtapisteError(ErrorCode.Conflict, `the bus already has a stop on ${clash.date} ${clash.from}–${clash.to} (${clash.place})`, { stopId: clash.id });
    }
  };

  router.get('/service-points/:id/stops', only(readers), async (request, response) => {
    const point = await busPoint(request);
    const query = parseWith(StopsQuery, request.query, 'query');
    const range = query.from || query.to ? { from: query.from ?? '0001-01-01', to: query.to ?? '9999-12-31' } : undefined;
    const stops = await catalogue.listStops(point.id, range);
    response.json(stops.sort((a, b) => (a.date + a.from).localeCompare(b.date + b.from)));
  });
  router.post('/service-points/:id/stops', only(writers), async (request, response) => {
    const point = await busPoint(request);
    const body = parseWith(CreateStopRequest, request.body);
    const stop: Stop = { ...body, id: resolveId(null, body.id, 'st'), servicePointId: point.id };
    if (await catalogue.getStop(stop.id)) throw new EtapisteError(ErrorCode.Conflict, `stop ${stop.id} already exists`);
    await refuseOverlappingStops(point.id, [stop]);
    await catalogue.saveStop(stop);
    response.status(201).json(stop);
  });
  router.post('/service-points/:id/stops/batch', only(writers), async (request, response) => {
    const point = await busPoint(request);
    const byDates = typeof request.body === 'object' && request.body !== null && 'dates' in request.body;
    let template: { place: string; from: string; to: string };
    let dates: string[];
    if (byDates) {
      const batch = parseWith(StopDatesBatch, request.body);
      ({ dates, ...template } = batch);
    } else {
      const rule = parseWith(StopWeeklyBatch, request.body);
      template = rule;
      dates = datesOnWeekday(rule.weekday, rule.startDate, rule.endDate);
      if (dates.length === 0) throw validationFailed('the rule gives no dates', [{ path: 'weekday', message: 'that weekday does not occur in the date range' }]);
    }
    const { place, from, to } = template;
    const stops: Stop[] = [...dates].sort().map((date) => ({ id: newId('st'), servicePointId: point.id, place, date, from, to }));
    await refuseOverlappingStops(point.id, stops);
    for (const stop of stops) await catalogue.saveStop(stop);
    response.status(201).json({ stops });
  });
  router.delete('/stops/:id', only(writers), async (request, response) => {
    const stop = await catalogue.getStop(pathId(request));
    if (!stop) throw new EtapisteError(ErrorCode.NotFound, 'no such stop');
    const open = await storage.bookings.listBookings({ stopId: stop.id, statuses: ['booked', 'checkedIn'] });
    if (open.length > 0) {
      throw new EtapisteError(ErrorCode.Conflict, `${open.length} open booking(s) at this stop; cancel or rebook them first`, {
        bookingIds: open.map((booking) => booking.bookingId),
      });
    }
    const windows = await catalogue.listWindows({ stopId: stop.id });
    for (const window of windows) await catalogue.deleteWindow(window.id);
    await catalogue.deleteStop(stop.id);
    response.json({ stopId: stop.id, windowsDeleted: windows.length });
  });

  // Service windows
  const findWindow = async (id: string): Promise<ServiceWindow> => {
    const window = (await catalogue.listWindows()).find((candidate) => candidate.id === id);
    if (!window) throw new EtapisteError(ErrorCode.NotFound, 'no such service window');
    return window;
  };
  router.get('/windows', only(readers), async (request, response) => {
    const query = parseWith(WindowsQuery, request.query, 'query');
    const filter = { ...(query.servicePointId ? { servicePointId: query.servicePointId } : {}), ...(query.agencyId ? { agencyId: query.agencyId } : {}) };
    response.json(await catalogue.listWindows(filter));
  });
  router.post('/windows', only(writers), async (request, response) => {
    const body = parseWith(SaveServiceWindowRequest, request.body);
    const id = resolveId(null, body.id, 'w');
    if ((await catalogue.listWindows()).some((window) => window.id === id)) {
      throw new EtapisteError(ErrorCode.Conflict, `service window ${id} already exists`);
    }
    await checkWindow(storage, body, id);
    const window: ServiceWindow = { ...body, id };
    await catalogue.saveWindow(window);
    response.status(201).json(window);
  });
  router.put('/windows/:id', only(writers), async (request, response) => {
    const old = await findWindow(pathId(request));
    const body = parseWith(SaveServiceWindowRequest, request.body);
    const id = resolveId(old.id, body.id, 'w');
    await checkWindow(storage, body, id);
    const window: ServiceWindow = { ...body, id };
    await refuseOrphanedBookings(storage, old, window);
    await catalogue.saveWindow(window);
    response.json(window);
  });
  router.delete('/windows/:id', only(writers), async (request, response) => {
    const window = await findWindow(pathId(request));
    await refuseOrphanedBookings(storage, window, null);
    await catalogue.deleteWindow(window.id);
    response.json({ windowId: window.id });
  });

  return router;
}

/** Create refuses an existing id (CONFLICT); update needs one (NOT_FOUND). */
function requireNew(existingId: string | null, id: string, found: unknown, what: string): void {
  if (existingId === null && found) throw new EtapisteError(ErrorCode.Conflict, `${what} ${id} already exists`);
  if (existingId !== null && !found) throw new EtapisteError(ErrorCode.NotFound, `no such ${what}`);
}
