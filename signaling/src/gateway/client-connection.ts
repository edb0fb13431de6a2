import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, type ErrorBody, type NotificationData, type NotificationName, type Principal, type RequestId } from '@etapiste/shared';
import { TokenBucket } from './rate-limiter.ts';

/** setTimeout's longest delay; a later expiry is reached in several steps. */
const maxTimerDelayMs = 2 ** 31 - 1;

/** One authenticated WebSocket: who is on it, its rate limit, its token's expiry, and typed sending. */
export class ClientConnection {
  readonly id = randomUUID();
  readonly principal: Principal;
  readonly bucket: TokenBucket;
  readonly #socket: WebSocket;
  #rejectionWindowStart = 0;
  #rejectionsInWindow = 0;
  #tokenExpiresAt = 0;
  /** One timer per connection: closes it with 4401 when its token expires unrenewed. */
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  /** A watch-only connection (queue board): no presence, no actions. */
  readonly observer: boolean;

  constructor(
    socket: WebSocket,
    principal: Principal,
    limits: { messagesPerSecond: number; burst: number },
    options: { observer?: boolean; tokenExpiresAt: number },
  ) {
    this.#socket = socket;
    this.principal = principal;
    this.observer = options.observer ?? false;
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.burst);
    socket.once('close', () => clearTimeout(this.#expiryTimer));
    this.renewTokenUntil(options.tokenExpiresAt);
  }

  /** When the token this connection lives on expires (epoch ms). */
  get tokenExpiresAt(): number {
    return this.#tokenExpiresAt;
  }

  /**
   * The connection now lives on a token valid until `expiresAt` (at the upgrade, then after each
   * verified renewal): at that moment it is closed with 4401 unless renewed again.
   */
  renewTokenUntil(expiresAt: number): void {
    this.#tokenExpiresAt = expiresAt;
    this.#armExpiry();
  }

  #armExpiry(): void {
    clearTimeout(this.#expiryTimer);
    if (this.#socket.readyState > this.#socket.OPEN) return;
    const delay = this.#tokenExpiresAt - Date.now();
    if (delay <= 0) {
      this.close(CloseCode.TokenExpired, 'token expired');
      return;
    }
    this.#expiryTimer = setTimeout(() => this.#armExpiry(), Math.min(delay, maxTimerDelayMs));
    this.#expiryTimer.unref?.();
  }

  /**
   * Counts a rejected message; true when the connection has had `limit` rejections within
   * `windowMs` (a flood or a broken client), whatever succeeded in between.
   */
  recordRejection(limit: number, windowMs: number, now = performance.now()): boolean {
    if (now - this.#rejectionWindowStart > windowMs) {
      this.#rejectionWindowStart = now;
      this.#rejectionsInWindow = 0;
    }
    this.#rejectionsInWindow += 1;
    return this.#rejectionsInWindow >= limit;
  }

  get open(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  notify<N extends NotificationName>(notification: N, data: NotificationData<N>): void {
    this.#send({ notification, data });
  }

  respondOk(id: RequestId, result: unknown): void {
    this.#send({ id, ok: true, result });
  }

  respondError(id: RequestId | null, error: ErrorBody): void {
    this.#send({ id, ok: false, error });
  }

  close(code: number, reason: string): void {
    this.#socket.close(code, reason);
  }

  /** Drops the socket without a close handshake (what a network fault looks like; fault tests). */
  terminate(): void {
    this.#socket.terminate();
  }

  /** Close frame now, socket destroyed shortly after (shutdown must not wait for peers). */
  closeNow(code: number, reason: string): void {
    this.#socket.close(code, reason);
    setTimeout(() => this.#socket.terminate(), 100);
  }

  #send(message: unknown): void {
    if (this.open) this.#socket.send(JSON.stringify(message));
  }
}
