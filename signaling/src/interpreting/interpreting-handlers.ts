import { ErrorCode, EtapisteError, type InterpreterAssignment } from '@etapiste/shared';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import type { InterpreterPresence } from './interpreter-presence.ts';
import type { InterpretingService } from './interpreting-service.ts';
import type { InterpretingViews } from './interpreting-views.ts';

type InterpretingMethod =
  | 'interpreter.state'
  | 'interpreter.setAvailability'
  | 'interpreting.skills'
  | 'interpreting.request'
  | 'interpreting.cancel'
  | 'interpreting.accept'
  | 'interpreting.decline'
  | 'interpreting.leave'
  | 'interpreting.requests';

export function interpretingHandlers(deps: {
  interpreting: InterpretingService;
  presence: InterpreterPresence;
  views: InterpretingViews;
  storage: Storage;
}): Pick<MethodHandlers, InterpretingMethod> {
  const { interpreting, presence, views, storage } = deps;
  return {
    'interpreter.state': async (_params, { principal }) => {
      const interpreter = await storage.interpreting.getInterpreter(principal.subjectId);
      if (!interpreter) throw new EtapisteError(ErrorCode.NotFound, 'your account has no interpreter profile; ask an administrator');
      const bookings = await storage.bookings.listBookings({ interpreterId: principal.subjectId, date: localDateOf(Date.now()) });
      const assignments = (await Promise.all(bookings.map((booking) => views.assignment(booking)))).filter(
        (assignment): assignment is InterpreterAssignment => assignment !== null,
      );
      return {
        interpreter,
        available: presence.isAvailable(principal.subjectId),
        offers: interpreting.offersFor(principal.subjectId),
        assignments,
        session: interpreting.currentSessionOf(principal.subjectId),
      };
    },
    'interpreter.setAvailability': async ({ available }, { principal }) => ({ available: interpreting.setAvailability(principal, available) }),
    'interpreting.skills': async ({ agencyId }, { principal }) => ({ skills: await interpreting.skills(principal, agencyId) }),
    'interpreting.request': async ({ sessionId, skill }, { principal }) => ({ request: await interpreting.request(principal, sessionId, skill) }),
    'interpreting.cancel': async ({ requestId }, { principal }) => ({ request: await interpreting.cancel(principal, requestId) }),
    'interpreting.accept': async ({ requestId }, { principal }) => interpreting.accept(principal, requestId),
    'interpreting.decline': async ({ requestId }, { principal }) => {
      await interpreting.decline(principal, requestId);
      return {};
    },
    'interpreting.leave': async ({ sessionId }, { principal }) => {
      await interpreting.leave(principal, sessionId);
      return {};
    },
    'interpreting.requests': async ({ sessionId }, { principal }) => ({ requests: await interpreting.requestsOf(principal, sessionId) }),
  };
}
