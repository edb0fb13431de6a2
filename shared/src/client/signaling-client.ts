import { ErrorCode, EtapisteError } from '../errors.ts';
import { ServerMessage } from '../protocol/envelope.ts';
import type { MethodName, MethodParams, MethodResult } from '../protocol/methods.ts';
import { notifications, type NotificationData, type NotificationName } from '../protocol/notifications.ts';
import { TypedEmitter } from './typed-emitter.ts';

export interface SignalingClientOptions {
  /** ws:// or wss:// URL of the signalling gateway, e.g. `wss://host/ws`. */
  url: string;
  /** JWT from /api/auth/login or /api/auth/booth. */
  token: string;
  requestTimeoutMs?: number;
}

type NotificationEvents = { [N in NotificationName]: NotificationData<N> };
interface ClientEvents extends NotificationEvents {
  closed: { code: number; reason: string };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: EtapisteError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The client end of the live protocol: typed requests with ids and timeouts, typed
 * notifications. Uses the global WebSocket (browsers and Node 22+).
 */
export class SignalingClient extends TypedEmitter<ClientEvents> {
  readonly #options: Required<SignalingClientOptions>;
  #socket: WebSocket | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();

  constructor(options: SignalingClientOptions) {
    super();
    this.#options = { requestTimeoutMs: 10_000, ...options };
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket and resolves with the server's `connection.ready` greeting. */
  connect(): Promise<NotificationData<'connection.ready'>> {
    const url = new URL(this.#options.url);
    url.searchParams.set('token', this.#options.token);
    const socket = new WebSocket(url);
    this.#socket = socket;
    return new Promise((resolve, reject) => {
      let greeted = false;
      const offReady = this.on('connection.ready', (ready) => {
        greeted = true;
        offReady();
        resolve(ready);
      });
      socket.addEventListener('message', (event) => this.#onMessage(event.data));
      socket.addEventListener('close', (event) => {
        this.#failPending(new EtapisteError(ErrorCode.ConnectionClosed, `connection closed (${event.code})`));
        if (!greeted) {
          offReady();
          reject(new EtapisteError(ErrorCode.Unauthenticated, `connection refused (${event.code} ${event.reason})`));
        }
        this.emit('closed', { code: event.code, reason: event.reason });
      });
    });
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new EtapisteError(ErrorCode.ConnectionClosed, 'not connected'));
    }
    const id = this.#nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new EtapisteError(ErrorCode.Timeout, `${method} timed out`));
      }, this.#options.requestTimeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.#socket?.close(1000, 'client closed');
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
