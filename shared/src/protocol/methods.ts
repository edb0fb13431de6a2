import type { z } from 'zod';
import { interpretingMethods } from './methods/interpreting-methods.ts';
import { deviceMethods } from './methods/device-methods.ts';
import { identityMethods } from './methods/identity-methods.ts';
import { mediaMethods } from './methods/media-methods.ts';
import { queueMethods } from './methods/queue-methods.ts';
import { resumeMethods } from './methods/resume-methods.ts';
import { sessionMethods } from './methods/session-methods.ts';
import { statisticsMethods } from './methods/statistics-methods.ts';
import { tokenMethods } from './methods/token-methods.ts';

export type { MethodSpec } from './methods/method.ts';
export * from './methods/queue-methods.ts';
export * from './methods/interpreting-methods.ts';
export { ResumeToken } from './methods/resume-methods.ts';

/**
 * Every request a client may send over the live WebSocket, with its params, its result and
 * the roles allowed to call it. This one table is the protocol: the server validates against
 * it and dispatches from it; clients type their calls from it; docs/protocol.md describes it.
 */
export const methods = { ...queueMethods, ...sessionMethods, ...mediaMethods, ...statisticsMethods, ...interpretingMethods, ...resumeMethods, ...deviceMethods, ...identityMethods, ...tokenMethods } as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const methodNames = Object.keys(methods) as MethodName[];
export type MethodParams<M extends MethodName> = z.infer<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
