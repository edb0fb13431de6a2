import { createHmac } from 'node:crypto';
import type { IceServer } from '@etapiste/shared';

export interface TurnConfig {
  /** e.g. ["turn:turn.example.fi:3478?transport=udp", "turns:turn.example.fi:443?transport=tcp"]. */
  urls: string[];
  /** coturn's `static-auth-secret` (use-auth-secret). */
  secret: string;
  /** Lifetime of a credential. */
  ttlSeconds: number;
  /** Force every participant's media through TURN. */
  forceRelay: boolean;
}

/**
 * Ephemeral TURN credentials (the "TURN REST API" coturn implements with use-auth-secret):
 * username = "<expiry epoch seconds>:<subject>", credential = base64(HMAC-SHA1(secret, username)).
 * Nothing to store; a leaked credential expires on its own.
 */
export function turnIceServers(config: TurnConfig | null, subjectId: string, now = Date.now()): IceServer[] {
  if (!config || config.urls.length === 0) return [];
  const username = `${Math.floor(now / 1000) + config.ttlSeconds}:${subjectId}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return [{ urls: config.urls, username, credential }];
}

export function turnConfigFromEnv(env: NodeJS.ProcessEnv): TurnConfig | null {
  const urls = (env.ETAPISTE_TURN_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  if (urls.length === 0 || !env.ETAPISTE_TURN_SECRET) return null;
  return {
    urls,
    secret: env.ETAPISTE_TURN_SECRET,
    ttlSeconds: Number(env.ETAPISTE_TURN_TTL_SECONDS ?? 3600),
    forceRelay: env.ETAPISTE_FORCE_RELAY === '1',
  };
}
