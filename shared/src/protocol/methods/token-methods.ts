import { z } from 'zod';
import { Role } from '../../domain.ts';
import { method } from './method.ts';

/** A JWT as presented by a client (the server verifies it; this only bounds its size). */
export const BearerToken = z.string().min(1).max(4096);

export const tokenMethods = {
  'connection.renewToken': method({
    summary:
      'Swaps the token this connection lives on for a fresh one (from POST /api/auth/refresh or a booth login) before the old one expires. The new token is verified like one presented at the upgrade (signature, algorithm, issuer, audience, expiry: UNAUTHENTICATED otherwise) and must name the same principal (same subject and role: FORBIDDEN otherwise); the connection then lives until the new expiry. A refused renewal leaves the old expiry in place: at that time the server closes the connection with 4401 (token expired).',
    roles: Role.options,
    params: z.object({ token: BearerToken }).strict(),
    result: z.object({ tokenExpiresAt: z.number().int() }),
  }),
} as const;
