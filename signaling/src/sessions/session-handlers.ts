import { ErrorCode, EtapisteError } from '@etapiste/shared';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { ServiceSessionService } from './service-session-service.ts';

type SessionMethods = 'session.request' | 'session.cancel' | 'session.listWaiting' | 'session.accept' | 'session.end';

export function sessionHandlers(sessions: ServiceSessionService): Pick<MethodHandlers, SessionMethods> {
  const agencyOf = (agencyId: string | null) => {
    if (!agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'your account has no agency');
    return agencyId;
  };
  return {
    'session.request': async ({ serviceId, language }, { principal }) => ({
      session: await sessions.request(principal, serviceId, language),
    }),
    'session.cancel': async ({ sessionId }, { principal }) => {
      sessions.cancel(principal, sessionId);
      return {};
    },
    'session.listWaiting': async (_params, { principal }) => ({ sessions: sessions.listWaiting(agencyOf(principal.agencyId)) }),
    'session.accept': async ({ sessionId }, { principal }) => {
      agencyOf(principal.agencyId);
      return { session: await sessions.accept(principal, sessionId) };
    },
    'session.end': async ({ sessionId }, { principal }) => {
      sessions.endBy(principal, sessionId);
      return {};
    },
  };
}
