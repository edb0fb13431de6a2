/**
 * The booth's ID-card reader as the device bridge sees it. The bridge reads the card's
 * authentication certificate, and with the PIN the customer typed, has the card sign the
 * server's challenge. Failures are typed so that the booth and the expert can be told clearly
 * what happened; the PIN never leaves this interface.
 */
export interface IdCardReader {
  status(): Promise<IdCardReaderStatus>;
  /** The card's authentication certificate (DER). */
  readAuthenticationCertificate(): Promise<Buffer>;
  /** Verifies the PIN on the card, then signs the challenge with the authentication key. */
  signChallenge(challenge: Buffer, pin: string): Promise<Buffer>;
}

export interface IdCardReaderStatus {
  readerPresent: boolean;
  cardPresent: boolean;
}

export const IdCardErrorCode = {
  /** The PIN was wrong; `triesLeft` says how many attempts remain (0 = the PIN is now blocked). */
  WrongPin: 'wrongPin',
  /** The PIN is blocked (no tries left); the card's owner must unblock it with the PUK. */
  PinBlocked: 'pinBlocked',
  /** The card was taken out (or lost contact) during the operation. */
  CardRemoved: 'cardRemoved',
  /** No reader (unplugged, or the PC/SC service is not running). */
  ReaderUnavailable: 'readerUnavailable',
  /** The reader is there but holds no card. */
  NoCard: 'noCard',
  /** The card is not an ID card this reader understands, or it answered with an error. */
  CardError: 'cardError',
} as const;
export type IdCardErrorCode = (typeof IdCardErrorCode)[keyof typeof IdCardErrorCode];

export class IdCardError extends Error {
  readonly code: IdCardErrorCode;
  readonly triesLeft: number | null;
  constructor(code: IdCardErrorCode, message: string, triesLeft: number | null = null) {
    super(message);
    this.name = 'IdCardError';
    this.code = code;
    this.triesLeft = triesLeft;
  }
}

export function isIdCardError(value: unknown): value is IdCardError {
  return value instanceof IdCardError;
}
