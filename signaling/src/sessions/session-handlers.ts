import type { MethodHandlers } from '../gateway/handlers.ts';
import type { ServiceSessionService } from './service-session-service.ts';

export function sessionHandlers(sessions: ServiceSessionService): Pick<MethodHandlers, 'session.end'> {
  return {
    'session.end': async ({ sessionId }, { principal }) => {
      await sessions.endBy(principal, sessionId);
      return {};
    },
  };
}
