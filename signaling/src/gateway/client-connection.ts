import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ErrorBody, NotificationData, NotificationName, Principal, RequestId } from '@etapiste/shared';
import { TokenBucket } from './rate-limiter.ts';

/** One authenticated WebSocket: who is on it, its rate limit, and typed sending. */
export class ClientConnection {
  readonly id = randomUUID();
  readonly principal: Principal;
  readonly bucket: TokenBucket;
  readonly #socket: WebSocket;
  #rejectionWindowStart = 0;
  #rejectionsInWindow = 0;

  /** A watch-only connection (queue board): no presence, no actions. */
  readonly observer: boolean;

  constructor(socket: WebSocket, principal: Principal, limits: { messagesPerSecond: number; burst: number }, observer = false) {
    this.#socket = socket;
    this.principal = principal;
    this.observer = observer;
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.burst);
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
