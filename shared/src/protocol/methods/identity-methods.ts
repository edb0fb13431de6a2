import { z } from 'zod';
import { Id } from '../../domain.ts';
import { base64Of, BoothIdentityProblem, IdentityProblem, IdentityState } from '../../identity.ts';
import { method } from './method.ts';

export const identityMethods = {
  'identity.request': method({
    summary:
      "The session's expert asks to identify the customer with their ID card. The server issues a random single-use challenge bound to the session (valid a few minutes) and sends it to the booth (identity.requested); the expert follows the request with identity.changed.",
    roles: ['expert'],
    params: z.object({ sessionId: Id }).strict(),
    result: z.object({ state: IdentityState }),
  }),
  'identity.report': method({
    summary:
      'The booth reports a problem with the card reader or the PIN (wrong PIN with tries left, card removed, reader unplugged, customer cancelled). The expert sees it at once; final problems end the request.',
    roles: ['booth'],
    params: z.object({ requestId: Id, problem: BoothIdentityProblem, triesLeft: z.number().int().min(0).max(15).nullable() }).strict(),
    result: z.object({}).strict(),
  }),
  'identity.submit': method({
    summary:
      "The booth sends the card's authentication certificate (DER, base64) and its signature of the challenge (RSA PKCS#1 v1.5 / SHA-256 or ECDSA). The server verifies both and the chain to a trusted CA and tells the expert; the booth learns only verified or the problem.",
    roles: ['booth'],
    params: z.object({ requestId: Id, certificate: base64Of(8192), signature: base64Of(1024) }).strict(),
    result: z.object({ verified: z.boolean(), problem: IdentityProblem.nullable() }),
  }),
} as const;
