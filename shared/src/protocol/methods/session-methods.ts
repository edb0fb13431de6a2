import { z } from 'zod';
import { Id } from '../../domain.ts';
import { method, participantRoles } from './method.ts';

export const sessionMethods = {
  'session.end': method({
    summary: 'A participant ends the session (hang up). Releases all media of the session.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, outcome: z.string().max(64).optional() }).strict(),
    result: z.object({}).strict(),
  }),
} as const;
