import { z } from 'zod';
import { errorCodes } from '../errors.ts';
import { methods, type MethodName } from './methods.ts';
import { notifications, type NotificationName } from './notifications.ts';

/** A request id: chosen by the client, echoed in the response. */
export const RequestId = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]);
export type RequestId = z.infer<typeof RequestId>;

/** Client → server. `params` is validated against the method's own schema afterwards. */
export const RequestEnvelope = z
  .object({ id: RequestId, method: z.string().min(1).max(64), params: z.unknown().optional() })
  .strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ErrorBodySchema = z.object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() });

/** Server → client answer to one request; `id` is null when the request was unreadable. */
export const ResponseEnvelope = z.discriminatedUnion('ok', [
  z.object({ id: RequestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ id: RequestId.nullable(), ok: z.literal(false), error: ErrorBodySchema }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

/** Server → client push. */
export const NotificationEnvelope = z.object({ notification: z.string(), data: z.unknown() });
export type NotificationEnvelope<N extends NotificationName = NotificationName> = {
  notification: N;
  data: z.infer<(typeof notifications)[N]>;
};

export const ServerMessage = z.union([ResponseEnvelope, NotificationEnvelope]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Close codes the server uses besides the standard ones. */
export const CloseCode = {
  /** 1008 policy violation: authentication failed or sustained rate-limit abuse. */
  PolicyViolation: 1008,
  /** 1009: frame larger than the limit. */
  MessageTooBig: 1009,
  /** A booth connected again with the same device identity: the older connection is closed. */
  Replaced: 4001,
  /**
   * The token the connection was opened (or last renewed) with expired and was not renewed
   * (`connection.renewToken`). Do not reconnect with the same token: get a fresh one (staff:
   * log in again; booth: its device-token login) first.
   */
  TokenExpired: 4401,
} as const;

export function isNotificationName(name: string): name is NotificationName {
  return Object.hasOwn(notifications, name);
}
export type { MethodName };
export { methods };
