import type { z } from 'zod';
import { ErrorCode, EtapisteError } from '@etapiste/shared';

/**
 * Validates a REST body, query or path parameter; VALIDATION_FAILED with the failing paths
 * (`invalid <what>`) otherwise. Every REST router validates through this one function.
 */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, what = 'request'): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new EtapisteError(
      ErrorCode.ValidationFailed,
      `invalid ${what}`,
      parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}
