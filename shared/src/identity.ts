import { z } from 'zod';
import { Id } from './domain.ts';

/**
 * Identification of the customer with their ID card: the expert asks, the server issues a
 * challenge bound to the session, the booth's card reader signs it after the customer's PIN,
 * and the server checks the signature and the certificate chain. The expert then sees the
 * name (and the personal identity code when the agency's policy allows it). Neither ever
 * reaches the usage statistics.
 */

/** Why an identification did not (yet) succeed: stable codes, shown to both sides in their language. */
export const IdentityProblem = z.enum([
  /** The PIN was wrong; `triesLeft` says how many tries remain. The customer may try again. */
  'wrongPin',
  /** No PIN tries left: the card's PIN is blocked. */
  'pinBlocked',
  /** The card was taken out during the reading. */
  'cardRemoved',
  /** No card in the reader. */
  'noCard',
  /** The card reader is unplugged or its service is down. */
  'readerUnavailable',
  /** The booth's device service did not answer. */
  'bridgeUnavailable',
  /** The card could not be read (not an ID card, or a card fault). */
  'cardError',
  /** The certificate was not issued by a trusted certificate authority. */
  'unknownCa',
  /** The certificate is expired or not yet valid. */
  'certificateExpired',
  /** The signature does not match the certificate or the challenge. */
  'badSignature',
  /** The request was not answered in time. */
  'expired',
  /** The customer cancelled. */
  'cancelled',
]);
export type IdentityProblem = z.infer<typeof IdentityProblem>;

/** Problems after which the request is over (the expert must ask again). */
export const finalIdentityProblems: readonly IdentityProblem[] = [
  'pinBlocked',
  'readerUnavailable',
  'bridgeUnavailable',
  'cardError',
  'unknownCa',
  'certificateExpired',
  'badSignature',
  'expired',
  'cancelled',
];

/** Problems the booth reports (the others are found by the server). */
export const BoothIdentityProblem = IdentityProblem.extract(['wrongPin', 'pinBlocked', 'cardRemoved', 'noCard', 'readerUnavailable', 'bridgeUnavailable', 'cardError', 'cancelled']);
export type BoothIdentityProblem = z.infer<typeof BoothIdentityProblem>;

/** The identified person as the expert sees them. */
export const IdentifiedPerson = z.object({
  givenName: z.string().max(200),
  surname: z.string().max(200),
  /** The certificate's common name (surname and given names). */
  commonName: z.string().max(400),
  /** Only when the agency's policy allows it; otherwise null. */
  personalIdentityCode: z.string().max(32).nullable(),
});
export type IdentifiedPerson = z.infer<typeof IdentifiedPerson>;

export const IdentityStatus = z.enum(['waitingForCustomer', 'verified', 'failed']);
export type IdentityStatus = z.infer<typeof IdentityStatus>;

/** One identification request of a session as the expert follows it. */
export const IdentityState = z.object({
  requestId: Id,
  sessionId: Id,
  status: IdentityStatus,
  /** The latest problem (with waitingForCustomer: e.g. a wrong PIN the customer may retry). */
  problem: IdentityProblem.nullable(),
  triesLeft: z.number().int().min(0).max(15).nullable(),
  person: IdentifiedPerson.nullable(),
});
export type IdentityState = z.infer<typeof IdentityState>;

/** Base64 of at most `bytes` bytes. */
export const base64Of = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);

// ---- device bridge HTTP bodies of the ID-card reader --------------------------------------

/** POST /id-card/sign: the PIN goes only to the local bridge and the card, never to a server. */
export const IdCardSignRequest = z
  .object({
    challenge: base64Of(1024),
    pin: z.string().regex(/^\d{4,8}$/),
  })
  .strict();
export type IdCardSignRequest = z.infer<typeof IdCardSignRequest>;

export const IdCardSignResult = z.object({ certificate: base64Of(8192), signature: base64Of(1024) });
export type IdCardSignResult = z.infer<typeof IdCardSignResult>;

export const IdCardStatus = z.object({ readerPresent: z.boolean(), cardPresent: z.boolean() });
export type IdCardStatus = z.infer<typeof IdCardStatus>;
