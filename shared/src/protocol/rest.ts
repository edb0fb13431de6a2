import { z } from 'zod';
import { Principal } from '../domain.ts';

/** REST bodies (everything else goes over the WebSocket). */
export const StaffLoginRequest = z
  .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) })
  .strict();
export type StaffLoginRequest = z.infer<typeof StaffLoginRequest>;

export const BoothLoginRequest = z.object({ deviceToken: z.string().min(16).max(256) }).strict();
export type BoothLoginRequest = z.infer<typeof BoothLoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  /** Epoch milliseconds. Clients log in again (staff) or re-exchange the device token (booth) before this. */
  expiresAt: z.number().int(),
  principal: Principal,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  media: z.object({ workers: z.number().int(), healthyWorkers: z.number().int() }),
  connections: z.number().int(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Server-side media counters (also used by tests to prove that nothing leaks). */
export const MediaCounters = z.object({
  routers: z.number().int(),
  transports: z.number().int(),
  producers: z.number().int(),
  consumers: z.number().int(),
});
export type MediaCounters = z.infer<typeof MediaCounters>;
