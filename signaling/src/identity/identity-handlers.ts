import type { MethodHandlers } from '../gateway/handlers.ts';
import type { IdentityService } from './identity-service.ts';

export function identityHandlers(identity: IdentityService): Pick<MethodHandlers, 'identity.request' | 'identity.report' | 'identity.submit'> {
  return {
    'identity.request': async ({ sessionId }, { principal }) => ({ state: await identity.request(principal, sessionId) }),
    'identity.report': async ({ requestId, problem, triesLeft }, { principal }) => {
      await identity.report(principal, requestId, problem, triesLeft);
      return {};
    },
    'identity.submit': ({ requestId, certificate, signature }, { principal }) => identity.submit(principal, requestId, certificate, signature),
  };
}
