import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import {
  CloseCode,
  ErrorCode,
  EtapisteError,
  isMethodName,
  methods,
  RequestEnvelope,
  type ErrorBody,
  type Principal,
  type RequestId,
} from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';
import { ClientConnection } from './client-connection.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { MethodHandlers } from './handlers.ts';
import { logError } from '../logging/safe-log.ts';

export interface GatewayLimits {
  maxFrameBytes: number;
  messagesPerSecond: number;
  burst: number;
  /** Rejected messages within `rejectionWindowMs` after which the connection is closed. */
  maxRejections: number;
  rejectionWindowMs: number;
  /** Ping interval; a connection that has not answered the previous ping is dropped (0: no heartbeat). */
  heartbeatIntervalMs?: number;
}

export interface GatewayDeps {
  tokens: TokenService;
  registry: ConnectionRegistry;
  handlers: MethodHandlers;
  limits: GatewayLimits;
  /** The principal's last connection closed. */
  onSubjectOffline(principal: Principal): void;
  /** A connection opened (e.g. to push the current waiting list). */
  onConnected?(connection: ClientConnection): void;
}

/** What a watch-only (queue board) connection may call: watch, and keep its connection alive. */
const boardMethods = new Set<string>(['queue.watchBoard', 'connection.ping', 'connection.renewToken']);

function validationDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * The live protocol's edge: authenticates on upgrade, caps frame size, rate-limits each
 * connection, validates every message against the shared schemas, checks the caller's role
 * for every method, and turns every failure into a typed error response.
 */
export class WsGateway {
  readonly #deps: GatewayDeps;
  readonly #wss: WebSocketServer;
  /** Pings each socket has left unanswered in a row. */
  readonly #missed = new WeakMap<WebSocket, number>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(deps: GatewayDeps) {
    this.#deps = deps;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxFrameBytes, perMessageDeflate: false });
  }

  attach(server: Server, path = '/ws'): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== path) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      let verified: { principal: Principal; expiresAt: number };
      try {
        verified = this.#deps.tokens.verify(url.searchParams.get('token'));
      } catch (error) {
        const message = error instanceof EtapisteError ? error.message : 'invalid token';
        const body = JSON.stringify({ error: { code: ErrorCode.Unauthenticated, message } });
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      // A queue board (?client=board) watches only: it never replaces the kiosk nor counts as it.
      const observer = url.searchParams.get('client') === 'board';
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, verified.principal, verified.expiresAt, observer));
    });
    // A peer that vanished (link down, kiosk unplugged) sends no close: find it by its silence
    // (two pings unanswered: a busy peer may be late once), so that its participant goes
    // 'reconnecting' within three intervals.
    const interval = this.#deps.limits.heartbeatIntervalMs ?? 0;
    if (interval > 0) {
      this.#heartbeat = setInterval(() => {
        for (const ws of this.#wss.clients) {
          const missed = this.#missed.get(ws) ?? 0;
          if (missed >= 2) {
            ws.terminate();
            continue;
          }
          this.#missed.set(ws, missed + 1);
          ws.ping();
        }
      }, interval);
      this.#heartbeat.unref();
    }
  }

  close(): void {
    clearInterval(this.#heartbeat);
    this.#deps.registry.closeAll(1001, 'server shutting down');
    this.#wss.close();
  }

  #onConnection(ws: WebSocket, principal: Principal, tokenExpiresAt: number, observer: boolean): void {
    const { registry, limits } = this.#deps;
    // The connection lives as long as its token (renewed over the socket), then closes with 4401.
    const connection = new ClientConnection(ws, principal, limits, { observer, tokenExpiresAt });
    this.#missed.set(ws, 0);
    ws.on('pong', () => this.#missed.set(ws, 0));
    if (observer) {
      registry.addObserver(connection);
      ws.on('close', () => registry.removeObserver(connection));
    } else {
      // A booth is one kiosk: a newer connection (reload, reconnect) replaces an older one, so
      // that two kiosks with the same device token cannot both act as the booth.
      if (principal.role === 'booth') registry.replaceSubject(principal.subjectId, CloseCode.Replaced, 'replaced by a newer connection');
      registry.add(connection);
      ws.on('close', () => {
        if (registry.remove(connection)) this.#deps.onSubjectOffline(principal);
      });
    }
    ws.on('message', (data, isBinary) => void this.#onMessage(connection, data, isBinary));
    ws.on('error', () => undefined); // e.g. frame too large: ws closes with 1009 by itself
    connection.notify('connection.ready', {
      connectionId: connection.id,
      principal,
      serverTime: Date.now(),
      tokenExpiresAt: connection.tokenExpiresAt,
      limits: { maxFrameBytes: limits.maxFrameBytes, messagesPerSecond: limits.messagesPerSecond, burst: limits.burst },
    });
    this.#deps.onConnected?.(connection);
  }

  async #onMessage(connection: ClientConnection, data: RawData, isBinary: boolean): Promise<void> {
    // Closing (e.g. its token expired): nothing more is served on it.
    if (!connection.open) return;
    if (!connection.bucket.tryTake()) {
      this.#reject(connection, null, { code: ErrorCode.RateLimited, message: 'too many messages; slow down' });
      return;
    }
    if (isBinary) {
      this.#reject(connection, null, { code: ErrorCode.BadJson, message: 'binary frames are not accepted' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.#reject(connection, null, { code: ErrorCode.BadJson, message: 'message is not valid JSON' });
      return;
    }
    const envelope = RequestEnvelope.safeParse(json);
    if (!envelope.success) {
      const id = RequestEnvelope.shape.id.safeParse((json as { id?: unknown } | null)?.id);
      this.#reject(connection, id.success ? id.data : null, {
        code: ErrorCode.ValidationFailed,
        message: 'not a request envelope {id, method, params}',
        details: validationDetails(envelope.error),
      });
      return;
    }
    const { id, method } = envelope.data;
    if (!isMethodName(method)) {
      this.#reject(connection, id, { code: ErrorCode.UnknownMethod, message: `unknown method ${method}` });
      return;
    }
    const spec = methods[method];
    if (connection.observer && !boardMethods.has(method)) {
      this.#reject(connection, id, { code: ErrorCode.Forbidden, message: 'a board connection only watches the queue board' });
      return;
    }
    if (!(spec.roles as readonly string[]).includes(connection.principal.role)) {
      this.#reject(connection, id, { code: ErrorCode.Forbidden, message: `${connection.principal.role} may not call ${method}` });
      return;
    }
    const params = spec.params.safeParse(envelope.data.params ?? {});
    if (!params.success) {
      this.#reject(connection, id, {
        code: ErrorCode.ValidationFailed,
        message: `invalid params for ${method}`,
        details: validationDetails(params.error),
      });
      return;
    }
    try {
      const handler = this.#deps.handlers[method] as (params: unknown, context: unknown) => Promise<unknown>;
      const result = await handler(params.data, { principal: connection.principal, connection });
      connection.respondOk(id, result);
    } catch (error) {
      if (error instanceof EtapisteError) {
        this.#reject(connection, id, error.toBody());
      } else {
        logError('gateway', `${method} failed`, error);
        this.#reject(connection, id, { code: ErrorCode.Internal, message: 'internal error' });
      }
    }
  }

  #reject(connection: ClientConnection, id: RequestId | null, error: ErrorBody): void {
    connection.respondError(id, error);
    if (connection.recordRejection(this.#deps.limits.maxRejections, this.#deps.limits.rejectionWindowMs)) {
      connection.close(CloseCode.PolicyViolation, 'too many rejected messages');
    }
  }
}
