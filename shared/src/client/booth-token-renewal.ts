import type { SignalingClient } from './signaling-client.ts';
import type { LoginResponse } from '../protocol/rest.ts';

export interface BoothTokenRenewalOptions {
  /** A fresh login with the kiosk's device token (`loginBooth(deviceToken)` in the apps). */
  login: () => Promise<LoginResponse>;
  /** When the connection's current token expires, on the server's clock (epoch ms). */
  tokenExpiresAt: number;
  /** Server clock minus local clock (`Connection.clockOffsetMs`). */
  clockOffsetMs: number;
  /** Wait before trying again after a failed login or renewal. */
  retryMs?: number;
}

/** Renew this long before expiry: ten minutes, or a third of what is left for short tokens. */
function leadMs(remainingMs: number): number {
  return Math.min(10 * 60_000, remainingMs / 3);
}

/**
 * Booth JWTs expire like staff ones (`boothTokenTtlSeconds`, 12 h by default), and the server
 * closes a connection whose token expires (4401). A kiosk runs for days: before each expiry it
 * logs in again with its device token and hands the fresh token to its live connection
 * (`renewToken`, which later reconnections also use). Stops when the client closes; returns a
 * function that stops it earlier.
 */
export function keepBoothTokenFresh(client: SignalingClient, options: BoothTokenRenewalOptions): () => void {
  const retryMs = options.retryMs ?? 30_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expiresAtLocal = options.tokenExpiresAt - options.clockOffsetMs;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void renew(), Math.max(250, delayMs));
  };
  const scheduleBeforeExpiry = () => {
    const remaining = expiresAtLocal - Date.now();
    schedule(remaining - leadMs(remaining));
  };
  const renew = async () => {
    if (stopped) return;
    try {
      const fresh = await options.login();
      if (stopped) return;
      const { tokenExpiresAt } = await client.renewToken(fresh.token);
      expiresAtLocal = tokenExpiresAt - options.clockOffsetMs;
      scheduleBeforeExpiry();
    } catch (error) {
      if (stopped) return;
      // Not connected: the fresh token waits in the client for its reconnection; otherwise
      // (server unreachable, refused) try again, sooner if the expiry is close.
      console.warn('booth token renewal failed', error);
      schedule(Math.min(retryMs, Math.max(0, (expiresAtLocal - Date.now()) / 2)));
    }
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    offClosed();
  };
  const offClosed = client.on('closed', () => stop());
  scheduleBeforeExpiry();
  return stop;
}
