/**
 * Typed errors with stable codes. The same codes travel in protocol error responses, REST
 * error bodies and client-side exceptions, so a client can branch on `code` and never on text.
 */
export const ErrorCode = {
  /** The frame was not valid JSON or not a JSON object. */
  BadJson: 'BAD_JSON',
  /** The message named a method this server does not know. */
  UnknownMethod: 'UNKNOWN_METHOD',
  /** The message or its params did not match the schema. */
  ValidationFailed: 'VALIDATION_FAILED',
  /** No valid credentials (missing, expired, forged token, wrong password). */
  Unauthenticated: 'UNAUTHENTICATED',
  /** Authenticated, but the role or scope does not allow this action. */
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  /** The action conflicts with the current state (e.g. a session already accepted). */
  Conflict: 'CONFLICT',
  /** Too many messages on this connection; slow down. */
  RateLimited: 'RATE_LIMITED',
  /** The frame exceeded the size limit. */
  FrameTooLarge: 'FRAME_TOO_LARGE',
  /** The media server could not serve the request (no worker, worker died). */
  MediaUnavailable: 'MEDIA_UNAVAILABLE',
  /** A request did not get an answer in time (client side). */
  Timeout: 'TIMEOUT',
  /** The connection closed before the answer arrived (client side). */
  ConnectionClosed: 'CONNECTION_CLOSED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export const errorCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** HTTP status used when an error code is returned over REST. */
export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_JSON: 400,
  UNKNOWN_METHOD: 404,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  FRAME_TOO_LARGE: 413,
  MEDIA_UNAVAILABLE: 503,
  TIMEOUT: 504,
  CONNECTION_CLOSED: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Machine-readable extra facts, e.g. the failing schema paths. Never personal data. */
  details?: unknown;
}

export class EtapisteError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'EtapisteError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static fromBody(body: ErrorBody): EtapisteError {
    return new EtapisteError(body.code, body.message, body.details);
  }
}

export function isEtapisteError(value: unknown): value is EtapisteError {
  return value instanceof EtapisteError;
}
