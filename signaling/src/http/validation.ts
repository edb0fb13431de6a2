import type { z } from 'zod';
import { ErrorCode, EtapisteError } from '@etapiste/shared';

/** Validates a REST body, query or path parameter; VALIDATION_FAILED with the failing paths otherwise. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new EtapisteError(
      ErrorCode.ValidationFailed,
      'invalid request',
      parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}
