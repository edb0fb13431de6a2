import { ErrorCode, EtapisteError } from '@etapiste/shared';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { TokenService } from './tokens.ts';

/**
 * `connection.renewToken`: a live connection swaps its token for a fresh one of the same
 * principal. The new token passes the same checks as at the upgrade (signature, algorithm,
 * issuer, audience, expiry); a token of anyone else is FORBIDDEN. A refused renewal changes
 * nothing: the connection still closes (4401) when its current token expires.
 */
export function tokenRenewalHandlers(tokens: TokenService): Pick<MethodHandlers, 'connection.renewToken'> {
  return {
    'connection.renewToken': async ({ token }, { principal, connection }) => {
      const renewed = tokens.verify(token);
      if (renewed.principal.subjectId !== principal.subjectId || renewed.principal.role !== principal.role) {
        throw new EtapisteError(ErrorCode.Forbidden, 'the token names another principal than this connection');
      }
      // An older token still valid must not shorten the connection's life.
      if (renewed.expiresAt > connection.tokenExpiresAt) connection.renewTokenUntil(renewed.expiresAt);
      return { tokenExpiresAt: connection.tokenExpiresAt };
    },
  };
}
