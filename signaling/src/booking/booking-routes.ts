import express, { type Request } from 'express';
import { z } from 'zod';
import { AssignBookingInterpreterRequest, ErrorCode, EtapisteError, Id, InterpretingSkill, Language, LocalDate, TimeOfDay, type Principal } from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';
import { parseBody } from '../http/validation.ts';
import type { BookingService } from './booking-service.ts';

const SlotQuery = z.object({ servicePointId: Id, agencyId: Id, date: LocalDate });
const ListQuery = z.object({ servicePointId: Id.optional(), agencyId: Id.optional(), date: LocalDate.optional() });
const BookBody = z
  .object({
    servicePointId: Id,
    agencyId: Id,
    serviceId: Id,
    date: LocalDate,
    from: TimeOfDay,
    stopId: Id.nullable(),
    language: Language,
    interpreterNeed: InterpretingSkill.nullable().optional(),
  })
  .strict();
const RebookBody = z.object({ date: LocalDate, from: TimeOfDay, stopId: Id.nullable() }).strict();

/** REST for bookings (staff): slots, book, list, cancel, rebook. Mounted at /api/bookings. */
export function bookingRouter(deps: { bookings: BookingService; tokens: TokenService }): express.Router {
  const router = express.Router();
  const staff = (request: Request): Principal => {
    const header = request.headers.authorization;
    const { principal } = deps.tokens.verify(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!['expert', 'supervisor', 'admin'].includes(principal.role)) throw new EtapisteError(ErrorCode.Forbidden, `${principal.role} may not book`);
    return principal;
  };
  router.get('/slots', async (request, response) => {
    response.json(await deps.bookings.slots(staff(request), parseBody(SlotQuery, request.query)));
  });
  router.get('/', async (request, response) => {
    response.json(await deps.bookings.list(staff(request), parseBody(ListQuery, request.query)));
  });
  router.post('/', async (request, response) => {
    response.status(201).json(await deps.bookings.book(staff(request), parseBody(BookBody, request.body)));
  });
  router.post('/:bookingId/cancel', async (request, response) => {
    response.json(await deps.bookings.cancel(staff(request), parseBody(Id, request.params.bookingId)));
  });
  router.post('/:bookingId/rebook', async (request, response) => {
    response.json(await deps.bookings.rebook(staff(request), parseBody(Id, request.params.bookingId), parseBody(RebookBody, request.body)));
  });
  router.put('/:bookingId/interpreter', async (request, response) => {
    const { interpreterId } = parseBody(AssignBookingInterpreterRequest, request.body);
    response.json(await deps.bookings.setInterpreter(staff(request), parseBody(Id, request.params.bookingId), interpreterId));
  });
  return router;
}
