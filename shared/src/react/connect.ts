import { SignalingClient } from '../client/signaling-client.ts';
import type { NotificationData } from '../protocol/notifications.ts';
import { signalingUrl } from './ws-url.ts';

export interface Connection {
  client: SignalingClient;
  ready: NotificationData<'connection.ready'>;
  /** Add to `Date.now()` to get the server's clock (for "waited N minutes"). */
  clockOffsetMs: number;
}

/**
 * Opens the live connection with a JWT (or a function giving the newest one) and waits for the
 * server's greeting. The client reconnects by itself after a drop (backoff with jitter), and
 * the call engines on it resume their sessions.
 */
export async function connectSignaling(token: string | (() => string), url: string = signalingUrl()): Promise<Connection> {
  const client = new SignalingClient({ url, token, reconnect: true });
  const ready = await client.connect();
  return { client, ready, clockOffsetMs: ready.serverTime - Date.now() };
}
