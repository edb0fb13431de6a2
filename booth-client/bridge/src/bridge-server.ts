import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaymentRequest, SimulatedCardAction, type BridgeError, type BridgeHealth } from '@etapiste/shared';
import { z } from 'zod';
import { DeviceError, registryHealth, type DeviceRegistry } from './device-registry.ts';
import { paymentReceiptText } from './payment/payment-receipt.ts';
import { SimulatedPaymentTerminal } from './payment/simulated-payment-terminal.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface BridgeOptions {
  registry: DeviceRegistry;
  /** The per-booth secret the kiosk sends as `Authorization: Bearer …`. */
  token: string;
  /** The kiosk app's origin (e.g. https://etapiste.example): the only origin CORS allows. */
  kioskOrigin: string;
  /** 0 picks a free port (tests). The bridge listens on 127.0.0.1 only. */
  port: number;
}

export interface BridgeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
}
export type BridgeReply = { status?: number; json: unknown } | { status?: number; bytes: Buffer; contentType: string };
export type BridgeRoute = (request: BridgeRequest) => Promise<BridgeReply> | null;

export interface RunningBridge {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const statusOf: Partial<Record<BridgeError['error'], number>> = { invalidDocument: 400, busy: 409, paymentDeclined: 404 };

function parseJson<T>(schema: z.ZodType<T>, body: Buffer): T {
  try {
    return schema.parse(JSON.parse(body.toString('utf8')));
  } catch (error) {
    throw new DeviceError('invalidDocument', `bad request body: ${(error as Error).message.slice(0, 200)}`);
  }
}

function requireDevice<T>(device: T | null, code: BridgeError['error'], what: string): T {
  if (!device) throw new DeviceError(code, `this booth has no ${what}`);
  return device;
}

/** The bridge's own routes for printing, scanning and payment. Extra routes (the ID card's) plug in beside them. */
export function deviceRoutes(registry: DeviceRegistry): BridgeRoute {
  return (request) => {
    const { method, path, body, query } = request;
    if (method === 'GET' && path === '/health') {
      return registryHealth(registry).then((devices) => ({ json: { checkedAt: Date.now(), devices } satisfies BridgeHealth }));
    }
    if (method === 'POST' && path === '/print/preview') {
      return requireDevice(registry.printer, 'printerOffline', 'printer').preview(body).then((json) => ({ json }));
    }
    if (method === 'POST' && path === '/print') {
      const name = query.get('name') ?? 'document';
      return requireDevice(registry.printer, 'printerOffline', 'printer').print(body, name).then((json) => ({ json }));
    }
    if (method === 'POST' && path === '/scan') {
      return requireDevice(registry.scanner, 'scannerUnavailable', 'scanner').scan().then((bytes) => ({ bytes, contentType: 'image/png' }));
    }
    const terminal = () => requireDevice(registry.paymentTerminal, 'terminalOffline', 'payment terminal');
    if (method === 'POST' && path === '/payment') return terminal().request(parseJson(PaymentRequest, body)).then((json) => ({ json }));
    const payment = /^\/payment\/(pay_[A-Za-z0-9]+)(\/cancel)?$/.exec(path);
    if (payment && method === 'GET' && !payment[2]) return terminal().status(payment[1]!).then((json) => ({ json }));
    const receipt = /^\/payment\/(pay_[A-Za-z0-9]+)\/receipt$/.exec(path);
    if (receipt && method === 'POST') {
      const printer = requireDevice(registry.printer, 'printerOffline', 'printer');
      return terminal()
        .status(receipt[1]!)
        .then((state) => printer.printText(paymentReceiptText(state), 'Payment receipt'))
        .then(() => ({ json: { printed: true } }));
    }
    if (payment && method === 'POST' && payment[2]) return terminal().cancel(payment[1]!).then((json) => ({ json }));
    if (method === 'POST' && path === '/simulator/payment-terminal/card') {
      const simulator = terminal();
      if (!(simulator instanceof SimulatedPaymentTerminal)) throw new DeviceError('terminalOffline', 'the payment terminal is not a simulator');
      return Promise.resolve({ json: simulator.presentCard(parseJson(SimulatedCardAction, body).outcome) });
    }
    return null;
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DeviceError('invalidDocument', 'the document is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The device bridge's HTTP service: 127.0.0.1 only, every request needs the booth's bridge
 * token, and browsers may call it only from the kiosk's origin. Device failures answer with a
 * typed `{ error, message }` body; the bridge keeps no document after answering.
 */
export async function startBridge(options: BridgeOptions, extraRoutes: BridgeRoute[] = []): Promise<RunningBridge> {
  const routes = [...extraRoutes, deviceRoutes(options.registry)];
  const corsHeaders = {
    'access-control-allow-origin': options.kioskOrigin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'authorization, content-type',
    // Chromium's Private Network Access preflight for a kiosk page served from the network.
    'access-control-allow-private-network': 'true',
    'access-control-max-age': '600',
    vary: 'origin',
  };
  const server = http.createServer(async (request, response) => {
    const send = (status: number, body: Buffer | string, contentType = 'application/json') => {
      response.writeHead(status, { ...corsHeaders, 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
    };
    const fail = (status: number, error: BridgeError['error'], message: string) => send(status, JSON.stringify({ error, message } satisfies BridgeError));
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== options.kioskOrigin) return fail(403, 'bridgeUnavailable', 'origin not allowed');
    if (request.method === 'OPTIONS') return send(204, '');
    if (!sameSecret((request.headers.authorization ?? '').replace(/^Bearer /, ''), options.token)) {
      return fail(401, 'bridgeUnavailable', 'missing or wrong bridge token');
    }
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
      const bridgeRequest: BridgeRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, body };
      for (const route of routes) {
        const pending = route(bridgeRequest);
        if (!pending) continue;
        const reply = await pending;
        if ('bytes' in reply) return send(reply.status ?? 200, reply.bytes, reply.contentType);
        return send(reply.status ?? 200, JSON.stringify(reply.json));
      }
      return fail(404, 'bridgeUnavailable', 'no such route');
    } catch (error) {
      if (error instanceof DeviceError) return fail(statusOf[error.code] ?? 503, error.code, error.message);
      console.error('[bridge] request failed', error);
      return fail(500, 'bridgeUnavailable', 'internal error');
    }
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
