import express from 'express';
import { z } from 'zod';
import { AssignBookingInterpreterRequest, Id, InterpretingSkill, Language, LocalDate, TimeOfDay, type Role } from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';
import { parseBody } from '../http/validation.ts';
import { allow, principalOf } from '../security/route-policy.ts';
import type { BookingService } from './booking-service.ts';

/** Staff who book for customers (agency scoping: BookingService). */
const bookingRoles: readonly Role[] = ['expert', 'supervisor', 'admin'];

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
  const staff = allow(deps.tokens, bookingRoles);
  router.get('/slots', staff, async (request, response) => {
    response.json(await deps.bookings.slots(principalOf(response), parseBody(SlotQuery, request.query)));
  });
  router.get('/', staff, async (request, response) => {
    response.json(await deps.bookings.list(principalOf(response), parseBody(ListQuery, request.query)));
  });
  router.post('/', staff, async (request, response) => {
    response.status(201).json(await deps.bookings.book(principalOf(response), parseBody(BookBody, request.body)));
  });
  router.post('/:bookingId/cancel', staff, async (request, response) => {
    response.json(await deps.bookings.cancel(principalOf(response), parseBody(Id, request.params.bookingId)));
  });
  router.post('/:bookingId/rebook', staff, async (request, response) => {
    response.json(await deps.bookings.rebook(principalOf(response), parseBody(Id, request.params.bookingId), parseBody(RebookBody, request.body)));
  });
  router.put('/:bookingId/interpreter', staff, async (request, response) => {
    const { interpreterId } = parseBody(AssignBookingInterpreterRequest, request.body);
    response.json(await deps.bookings.setInterpreter(principalOf(response), parseBody(Id, request.params.bookingId), interpreterId));
  });
  return router;
}
