import type { MethodHandlers } from '../gateway/handlers.ts';
import type { ServiceSessionService } from './service-session-service.ts';

/** The heartbeat and the resumption of a session after a reconnection. */
export function resumeHandlers(sessions: ServiceSessionService): Pick<MethodHandlers, 'connection.ping' | 'session.resume'> {
  return {
    'connection.ping': async () => ({ serverTime: Date.now() }),
    'session.resume': async ({ sessionId, resumeToken }, { principal }) => sessions.resume(principal, sessionId, resumeToken),
  };
}
