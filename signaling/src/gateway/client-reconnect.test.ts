import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignalingClient } from '@etapiste/shared/client';
import type { EtapisteServer } from '../server.ts';
import { loginBooth, startTestServer } from '../testing/test-server.ts';

/**
 * A TCP hop in front of the server whose link can go down: while it is down, new connections
 * are accepted and then hang (as a TCP handshake over a dead link waits for retransmissions);
 * open ones are cut.
 */
class SwitchableLink {
  readonly #server: net.Server;
  #up = true;
  readonly held = new Set<net.Socket>();
  readonly #open = new Set<net.Socket>();
  port = 0;

  constructor(targetPort: number) {
    this.#server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      if (!this.#up) {
        this.held.add(socket);
        socket.once('close', () => this.held.delete(socket));
        return;
      }
      const upstream = net.connect(targetPort, '127.0.0.1');
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      this.#open.add(socket);
      socket.once('close', () => this.#open.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as net.AddressInfo).port;
  }

  down(): void {
    this.#up = false;
    for (const socket of this.#open) socket.destroy();
  }

  up(): void {
    this.#up = true;
  }

  close(): Promise<void> {
    for (const socket of [...this.held, ...this.#open]) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('signalling client: reconnecting when the link returns', () => {
  let server: EtapisteServer;
  let link: SwitchableLink;
  before(async () => {
    server = await startTestServer();
    link = new SwitchableLink(server.port);
    await link.listen();
  });
  after(async () => {
    await link.close();
    await server.close();
  });

  test('retryNow abandons an attempt that was started over the dead link and connects at once', { timeout: 20_000 }, async () => {
    // The sockets the client creates, and which of them it closes while still connecting
    // (Node's WebSocket, unlike a browser's, does not always drop the TCP connection then).
    const NativeWebSocket = globalThis.WebSocket;
    const abandoned = new Set<WebSocket>();
    globalThis.WebSocket = class extends NativeWebSocket {
      override close(code?: number, reason?: string): void {
        if (this.readyState === NativeWebSocket.CONNECTING) abandoned.add(this);
        super.close(code, reason);
      }
    };
    const { token } = await loginBooth(server);
    const client = new SignalingClient({ url: `ws://127.0.0.1:${link.port}/ws`, token, reconnect: true });
    try {
      await client.connect();
      link.down();
      client.simulateDrop();
      // The client's next attempt goes out over the dead link and hangs.
      await until('an attempt over the dead link', () => link.held.size > 0);
      assert.equal(abandoned.size, 0);

      link.up();
      const retriedAt = Date.now();
      client.retryNow();
      // A second kick while the fresh attempt connects keeps it (no churn).
      client.retryNow();
      await client.whenOpen();
      const openAfterMs = Date.now() - retriedAt;
      // Far below the 2.5 s attempt timeout: the stuck attempt was not waited for.
      assert.ok(openAfterMs < 1500, `open ${openAfterMs} ms after retryNow`);
      // A browser opens one WebSocket to a host at a time (RFC 6455 §4.1): the stuck attempt
      // must be closed, or the new one queues behind it until its handshake retransmits.
      assert.equal(abandoned.size, 1, 'the stuck attempt (only) was abandoned');
      const state = await client.request('booth.state', {});
      assert.ok(state, 'the new connection serves requests');
    } finally {
      client.close();
      globalThis.WebSocket = NativeWebSocket;
    }
  });
});
