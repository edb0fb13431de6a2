import type { MethodName, MethodParams, MethodResult, Principal } from '@etapiste/shared';
import type { ClientConnection } from './client-connection.ts';

export interface RequestContext {
  principal: Principal;
  connection: ClientConnection;
}

export type MethodHandler<M extends MethodName> = (params: MethodParams<M>, context: RequestContext) => Promise<MethodResult<M>>;

/** Every protocol method must have exactly one handler: the type makes a missing one a compile error. */
export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };
