import { ErrorCode, EtapisteError } from '../errors.ts';
import { CloseCode, ServerMessage } from '../protocol/envelope.ts';
import type { MethodName, MethodParams, MethodResult } from '../protocol/methods.ts';
import { notifications, type NotificationData, type NotificationName } from '../protocol/notifications.ts';
import { backoffDelay, reconnectBackoff, type BackoffPolicy } from './backoff.ts';
import { TypedEmitter } from './typed-emitter.ts';

export interface ReconnectOptions {
  backoff?: BackoffPolicy;
  /** Heartbeat period: a connection that does not answer a ping within it is treated as dropped. */
  heartbeatMs?: number;
  /** An attempt that is not greeted within this time is abandoned and retried. */
  attemptTimeoutMs?: number;
  /** After this long without a connection the client gives up ('closed'). */
  giveUpAfterMs?: number;
}

export interface SignalingClientOptions {
  /** ws:// or wss:// URL of the signalling gateway, e.g. `wss://host/ws`. */
  url: string;
  /** JWT from /api/auth/login or /api/auth/booth (a function: the newest one, e.g. after a refresh). */
  token: string | (() => string);
  requestTimeoutMs?: number;
  /**
   * Reconnect by itself when the connection drops (backoff with jitter, heartbeat). Requests
   * fail while it is down; listeners stay; 'closed' then means the client gave up or was
   * replaced (4001), closed by policy, its token expired (4401), or closed by `close()`.
   */
  reconnect?: ReconnectOptions | boolean;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

type NotificationEvents = { [N in NotificationName]: NotificationData<N> };
interface ClientEvents extends NotificationEvents {
  closed: { code: number; reason: string };
  connectionState: ConnectionState;
  /** The connection is back after a drop (sessions are resumed by their call engines). */
  reconnected: { attempts: number; downMs: number };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: EtapisteError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Close codes after which reconnecting is pointless. */
const finalCloseCodes = new Set<number>([1000, CloseCode.PolicyViolation, CloseCode.Replaced, CloseCode.TokenExpired]);

/**
 * The client end of the live protocol: typed requests with ids and timeouts, typed
 * notifications. Uses the global WebSocket (browsers and Node 22+). With `reconnect`, a dropped
 * connection is re-opened with backoff and jitter, and a silent one is found by a heartbeat.
 */
export class SignalingClient extends TypedEmitter<ClientEvents> {
  readonly #options: { url: string; requestTimeoutMs: number };
  /** Where the token for the next (re)connection comes from; `renewToken` replaces it. */
  #token: string | (() => string);
  /** The token the open connection lives on, and when it expires (local clock; null: unknown). */
  #connectedWith: string | null = null;
  #tokenExpiresAt: number | null = null;
  readonly #reconnect: Required<ReconnectOptions> | null;
  #socket: WebSocket | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #state: ConnectionState = 'connecting';
  #closedByUser = false;
  #downSince = 0;
  #attempts = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The attempt retryNow started (not abandoned by another retryNow while it connects). */
  #eagerAttempt: WebSocket | null = null;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #offOnline: () => void = () => undefined;
  /** Sockets given up by the heartbeat: closed once a new one is open (make before break). */
  #stale: WebSocket[] = [];
  #missedPings = 0;

  constructor(options: SignalingClientOptions) {
    super();
    this.#options = { url: options.url, requestTimeoutMs: options.requestTimeoutMs ?? 10_000 };
    this.#token = options.token;
    const reconnect = options.reconnect === true ? {} : options.reconnect || null;
    this.#reconnect = reconnect
      ? { backoff: reconnectBackoff, heartbeatMs: 5000, attemptTimeoutMs: 2500, giveUpAfterMs: 10 * 60_000, ...reconnect }
      : null;
    // The browser saw its network come back (a bus leaving a dead zone): try at once.
    if (this.#reconnect && typeof globalThis.addEventListener === 'function') {
      const online = () => this.retryNow();
      globalThis.addEventListener('online', online);
      this.#offOnline = () => globalThis.removeEventListener('online', online);
    }
  }

  /** While reconnecting: the next attempt now instead of after the backoff delay. */
  retryNow(): void {
    if (this.#state !== 'reconnecting' || this.#closedByUser) return;
    clearTimeout(this.#retryTimer);
    // An attempt still connecting was started over the dead link: its TCP handshake waits for a
    // retransmission seconds away, and a browser opens one WebSocket to a host at a time (RFC
    // 6455 §4.1), so the new attempt would queue behind it. It is abandoned (before the new one
    // exists, so that its failure schedules nothing).
    // One started by an earlier retryNow is fresh: it is kept.
    const attempt = this.#socket;
    if (attempt?.readyState === WebSocket.CONNECTING) {
      if (attempt === this.#eagerAttempt) return;
      this.#socket = null;
      attempt.close();
    }
    void this.#retry();
    this.#eagerAttempt = this.#socket;
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN && this.#state === 'open';
  }

  get connectionState(): ConnectionState {
    return this.#state;
  }

  /**
   * Swaps the token of the open connection for a fresh one of the same principal (after a REST
   * refresh or a new booth login), so that the server does not close it (4401) when the old one
   * expires; the token is also the one later reconnections use. While disconnected it is kept
   * for the next connection (which then lives on it) and the promise rejects with
   * CONNECTION_CLOSED. A token the server refuses (UNAUTHENTICATED, FORBIDDEN) is not kept.
   */
  async renewToken(token: string): Promise<{ tokenExpiresAt: number }> {
    if (!this.isOpen) {
      this.#token = token;
      throw new EtapisteError(ErrorCode.ConnectionClosed, 'not connected; the token is kept for the next connection');
    }
    let result: { tokenExpiresAt: number };
    try {
      result = await this.request('connection.renewToken', { token });
    } catch (error) {
      // Lost on the way (connection dropped, no answer): the next connection presents it anyway.
      if (error instanceof EtapisteError && (error.code === ErrorCode.ConnectionClosed || error.code === ErrorCode.Timeout)) this.#token = token;
      throw error;
    }
    this.#token = token;
    this.#connectedWith = token;
    this.#tokenExpiresAt = result.tokenExpiresAt - this.#clockOffsetMs;
    return result;
  }

  /** Server clock minus local clock, as measured at the last greeting. */
  #clockOffsetMs = 0;

  #currentToken(): string {
    return typeof this.#token === 'function' ? this.#token() : this.#token;
  }

  /** The only token to reconnect with is the one the server already let expire. */
  #tokenExpired(): boolean {
    return this.#tokenExpiresAt !== null && this.#currentToken() === this.#connectedWith && Date.now() >= this.#tokenExpiresAt;
  }

  /** Opens the socket and resolves with the server's `connection.ready` greeting. */
  async connect(): Promise<NotificationData<'connection.ready'>> {
    const ready = await this.#open(null);
    this.#setState('open');
    this.#startHeartbeat();
    return ready;
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>, options: { timeoutMs?: number } = {}): Promise<MethodResult<M>> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new EtapisteError(ErrorCode.ConnectionClosed, 'not connected'));
    }
    const id = this.#nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new EtapisteError(ErrorCode.Timeout, `${method} timed out`));
      }, options.timeoutMs ?? this.#options.requestTimeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Resolves once the connection is open (at once if it is); rejects if the client gives up. */
  whenOpen(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(new EtapisteError(ErrorCode.ConnectionClosed, 'closed'));
    return new Promise((resolve, reject) => {
      const off = this.on('connectionState', (state) => {
        if (state === 'open') (off(), resolve());
        else if (state === 'closed') (off(), reject(new EtapisteError(ErrorCode.ConnectionClosed, 'closed')));
      });
    });
  }

  close(): void {
    this.#closedByUser = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeatTimer);
    const socket = this.#socket;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, 'client closed');
    else if (this.#state !== 'closed') this.#final(1000, 'client closed');
  }

  /**
   * Test and diagnostics hook: drops the connection as a network fault would (no close
   * handshake seen by the server), so that the client's reconnection runs.
   */
  simulateDrop(): void {
    const socket = this.#socket;
    if (socket) this.#lost(socket, 1006, 'simulated drop');
  }

  /** One socket: resolves on the greeting, rejects if it closes (or stays silent) before. */
  #open(timeoutMs: number | null): Promise<NotificationData<'connection.ready'>> {
    const url = new URL(this.#options.url);
    const token = this.#currentToken();
    url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    this.#socket = socket;
    return new Promise((resolve, reject) => {
      let greeted = false;
      const timer = timeoutMs === null ? undefined : setTimeout(() => {
        if (greeted) return;
        this.#lost(socket, 1006, 'no greeting');
      }, timeoutMs);
      const offReady = this.on('connection.ready', (ready) => {
        if (this.#socket !== socket) return;
        greeted = true;
        this.#clockOffsetMs = ready.serverTime - Date.now();
        this.#connectedWith = token;
        this.#tokenExpiresAt = ready.tokenExpiresAt - this.#clockOffsetMs;
        clearTimeout(timer);
        offReady();
        resolve(ready);
      });
      socket.addEventListener('message', (event) => {
        if (this.#socket === socket) this.#onMessage(event.data);
      });
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        if (!greeted) {
          offReady();
          reject(new EtapisteError(ErrorCode.Unauthenticated, `connection refused (${event.code} ${event.reason})`));
        }
        this.#lost(socket, event.code, event.reason);
      });
    });
  }

  /** The socket is gone (closed, or found dead by the heartbeat). Idempotent per socket. */
  #lost(socket: WebSocket, code: number, reason: string): void {
    if (this.#socket !== socket) return;
    this.#socket = null;
    clearInterval(this.#heartbeatTimer);
    // A socket the heartbeat gave up on may be only slow: the server must not see this
    // participant leave before the new connection is there, so it is closed after that.
    if (reason === 'heartbeat timed out' && socket.readyState === WebSocket.OPEN) this.#stale.push(socket);
    else if (socket.readyState <= WebSocket.OPEN) socket.close();
    this.#failPending(new EtapisteError(ErrorCode.ConnectionClosed, `connection closed (${code})`));
    const wasOpen = this.#state === 'open';
    if (!this.#reconnect || this.#closedByUser || finalCloseCodes.has(code) || this.#state === 'connecting') {
      if (this.#state !== 'connecting' || this.#closedByUser) this.#final(code, reason);
      else this.emit('closed', { code, reason });
      return;
    }
    if (wasOpen) {
      this.#downSince = Date.now();
      this.#attempts = 0;
      this.#setState('reconnecting');
    }
    if (Date.now() - this.#downSince > this.#reconnect.giveUpAfterMs) {
      this.#final(code, reason);
      return;
    }
    // Down past the token's expiry with no newer token: every attempt would be refused (401).
    if (this.#tokenExpired()) {
      this.#final(CloseCode.TokenExpired, 'token expired');
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.#retry(), wasOpen ? 0 : backoffDelay(this.#attempts - 1, this.#reconnect.backoff));
  }

  async #retry(): Promise<void> {
    if (this.#closedByUser || this.#state !== 'reconnecting' || !this.#reconnect) return;
    this.#attempts += 1;
    try {
      await this.#open(this.#reconnect.attemptTimeoutMs);
    } catch {
      // A socket that closed has scheduled the next attempt (#lost); one that could not even be
      // created (offline, blocked) has not.
      if (this.#socket === null && this.#state === 'reconnecting') {
        clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => void this.#retry(), backoffDelay(this.#attempts - 1, this.#reconnect.backoff));
      }
      return;
    }
    if (this.#closedByUser) return;
    for (const stale of this.#stale.splice(0)) stale.close(1000, 'replaced by a new connection');
    this.#setState('open');
    this.#startHeartbeat();
    // A token renewed while this attempt was already under way: the new connection adopts it.
    const newest = this.#currentToken();
    if (newest !== this.#connectedWith) void this.renewToken(newest).catch(() => undefined);
    this.emit('reconnected', { attempts: this.#attempts, downMs: Date.now() - this.#downSince });
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeatTimer);
    this.#missedPings = 0;
    if (!this.#reconnect) return;
    const { heartbeatMs } = this.#reconnect;
    this.#heartbeatTimer = setInterval(() => {
      const socket = this.#socket;
      if (!socket || this.#state !== 'open') return;
      // Two unanswered pings in a row (a busy machine can stall one): the connection is dead.
      this.request('connection.ping', {}, { timeoutMs: heartbeatMs }).then(
        () => {
          this.#missedPings = 0;
        },
        (error: unknown) => {
          if (!(error instanceof EtapisteError && error.code === ErrorCode.Timeout) || this.#socket !== socket) return;
          if (++this.#missedPings >= 2) this.#lost(socket, 1006, 'heartbeat timed out');
        },
      );
    }, heartbeatMs);
  }

  #final(code: number, reason: string): void {
    this.#offOnline();
    for (const stale of this.#stale.splice(0)) stale.close();
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeatTimer);
    this.#setState('closed');
    this.emit('closed', { code, reason });
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('connectionState', state);
  }

  #onMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    const parsed = ServerMessage.safeParse(JSON.parse(raw));
    if (!parsed.success) return;
    const message = parsed.data;
    if ('notification' in message) {
      const schema = notifications[message.notification as NotificationName];
      if (!schema) return;
      const data = schema.safeParse(message.data);
      if (data.success) this.emit(message.notification as NotificationName, data.data as never);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(EtapisteError.fromBody(message.error));
  }

  #failPending(error: EtapisteError): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}
