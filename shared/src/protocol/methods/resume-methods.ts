import { z } from 'zod';
import { Id, Role, ServiceSessionInfo } from '../../domain.ts';
import { method, participantRoles } from './method.ts';

/**
 * A participant's resume token: issued with the session's media (media.getRouterCapabilities),
 * presented on a new WebSocket to re-bind it to the same participant. It survives a restart of
 * the signalling server (it is derived from the server's secret, not kept in memory).
 */
export const ResumeToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not a resume token');

/** Every role: the heartbeat of a live connection. */
const everyRole = Role.options;

export const resumeMethods = {
  'connection.ping': method({
    summary: 'Heartbeat: the client checks that its connection still carries messages both ways.',
    roles: everyRole,
    params: z.object({}).strict(),
    result: z.object({ serverTime: z.number().int() }),
  }),
  'session.resume': method({
    summary:
      'After a reconnection: re-binds this connection to the caller’s participant in the session (within the grace period). `mediaEpoch` names the session’s current media room; when it differs from the one the client knows, the room was rebuilt (worker or server restart) and the client sets up its media again.',
    roles: participantRoles,
    params: z.object({ sessionId: Id, resumeToken: ResumeToken }).strict(),
    result: z.object({ session: ServiceSessionInfo, mediaEpoch: z.string() }),
  }),
} as const;
