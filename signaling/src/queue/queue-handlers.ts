import { ErrorCode, EtapisteError } from '@etapiste/shared';
import type { BookingService } from '../booking/booking-service.ts';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { ChainingService } from './chaining-service.ts';
import type { QueueService } from './queue-service.ts';

type QueueMethods =
  | 'booth.state'
  | 'queue.takeNumber'
  | 'booking.checkIn'
  | 'queue.leave'
  | 'queue.answer'
  | 'queue.respondTransfer'
  | 'queue.overview'
  | 'queue.takeNext'
  | 'queue.transfer'
  | 'queue.moveTicket'
  | 'queue.pointTickets'
  | 'queue.watchBoard';

export function queueHandlers(queue: QueueService, chaining: ChainingService, bookings: BookingService): Pick<MethodHandlers, QueueMethods> {
  const agencyOf = (agencyId: string | null) => {
    if (!agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'your account has no agency');
    return agencyId;
  };
  return {
    'booth.state': async (_params, { principal }) => queue.boothState(principal),
    'queue.takeNumber': async ({ serviceId, language, interpreter }, { principal }) => queue.takeNumber(principal, serviceId, language, interpreter ?? null),
    'booking.checkIn': async ({ code }, { principal }) => bookings.checkIn(principal, code),
    'queue.leave': async ({ ticketId }, { principal }) => {
      await queue.leave(principal, ticketId);
      return {};
    },
    'queue.answer': async ({ ticketId }, { principal }) => ({ session: await queue.answer(principal, ticketId) }),
    'queue.respondTransfer': async ({ sessionId, accept }, { principal }) => ({
      visit: await chaining.respondTransfer(principal, sessionId, accept),
    }),
    'queue.overview': async (_params, { principal }) => queue.views.overview(agencyOf(principal.agencyId)),
    'queue.takeNext': async (_params, { principal }) => ({ call: await queue.takeNext(principal) }),
    'queue.transfer': async ({ sessionId, serviceId }, { principal }) => {
      await chaining.offerTransfer(principal, sessionId, serviceId);
      return {};
    },
    'queue.moveTicket': async ({ ticketId, serviceId }, { principal }) => ({ ticket: await queue.moveTicket(principal, ticketId, serviceId) }),
    'queue.pointTickets': async ({ servicePointId }, { principal }) => ({ tickets: await queue.pointTickets(principal, servicePointId) }),
    'queue.watchBoard': async ({ servicePointId }, { connection }) => queue.watchBoard(connection, servicePointId),
  };
}
