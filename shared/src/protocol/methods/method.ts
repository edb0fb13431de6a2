import type { z } from 'zod';
import type { Role } from '../../domain.ts';

/** One protocol method: its params, its result and the roles allowed to call it. */
export interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
  roles: readonly Role[];
  summary: string;
}

export function method<P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> {
  return spec;
}

/** Roles that take part in a service session's media. */
export const participantRoles = ['booth', 'expert', 'interpreter'] as const;
