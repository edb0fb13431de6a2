import fc from 'fast-check';
import WebSocket from 'ws';
import { CloseCode, ErrorCode, errorCodes, methodNames, methods, ResponseEnvelope, type ErrorCode as Code } from '@etapiste/shared';
import type { SignalingConfig } from '../config.ts';
import type { EtapisteServer } from '../server.ts';
import { loginBooth, loginStaff } from './test-server.ts';

/**
 * Property-based fuzzing of the live protocol against a real server over real sockets
 * (signaling/src/security/protocol-fuzz.test.ts runs ≥ 100,000 messages in CI,
 * `npm run bench:fuzz` runs 1,000,000). Frames: valid envelopes of every method with mutated
 * params (the method's own parameter names, random JSON values), wrong types in the envelope,
 * unknown methods, deep and wide JSON, binary frames, non-JSON text, many kinds of ids, and
 * now and then an oversize frame on a connection of its own. The property: every text or
 * binary frame gets exactly one answer, a valid response envelope whose error (if any) has
 * a known code and is never INTERNAL; an oversize frame closes only its own connection with
 * 1009; the server stays up and keeps answering normal requests.
 */

/** The per-connection limits the fuzzer runs with: the rate limiter and the rejection cap are
 * tested on their own (ws-gateway.test.ts); here they would only close the fuzzing sockets. */
export const fuzzLimits: Partial<SignalingConfig> = { messagesPerSecond: 1e9, burst: 1e9, maxRejections: 1e9 };

export type FuzzFrame = { type: 'text'; data: string } | { type: 'binary'; data: Uint8Array } | { type: 'oversize'; bytes: number };

const json = fc.jsonValue({ maxDepth: 2, depthSize: 'xsmall' });
const anyId = fc.oneof(
  fc.nat(),
  fc.integer({ min: -1e6, max: -1 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.string({ minLength: 0, maxLength: 70 }),
  fc.constant(null),
  fc.boolean(),
  json,
);
const someMethod = fc.constantFrom(...methodNames);
const paramNames = Object.fromEntries(
  methodNames.map((name) => [name, Object.keys((methods[name].params as unknown as { shape?: Record<string, unknown> }).shape ?? {})]),
) as Record<string, string[]>;

/** Params with the method's own field names and random values (sometimes an extra field). */
const mutatedParams = (method: string) => {
  const names = paramNames[method] ?? [];
  const keys = names.length > 0 ? fc.constantFrom(...names) : fc.string({ maxLength: 8 });
  return fc.oneof(
    fc.dictionary(keys, json, { maxKeys: Math.max(1, names.length) }),
    fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 8 })), json, { maxKeys: names.length + 1 }),
    json,
  );
};

const validId = fc.oneof(fc.nat(), fc.string({ minLength: 1, maxLength: 64 }));
const validEnvelope = fc.oneof(
  ...methodNames.map((method) => fc.record({ id: validId, method: fc.constant(method), params: mutatedParams(method) })),
);
const wrongTypes = fc.record(
  { id: anyId, method: fc.oneof(someMethod, json), params: json, extra: json },
  { requiredKeys: [] },
);
const unknownMethod = fc.record({ id: fc.nat(), method: fc.string({ minLength: 0, maxLength: 80 }), params: json });

const text = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzFrame> => arbitrary.map((value) => ({ type: 'text', data: JSON.stringify(value) ?? 'null' }));
const deep = fc.record({ depth: fc.integer({ min: 100, max: 20_000 }), inParams: fc.boolean(), method: someMethod }).map(({ depth, inParams, method }): FuzzFrame => {
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return { type: 'text', data: inParams ? `{"id":1,"method":"${method}","params":{"sessionId":${nested}}}` : nested };
});
const wide = fc.record({ count: fc.integer({ min: 100, max: 2000 }), method: someMethod }).map(({ count, method }): FuzzFrame => ({
  type: 'text',
  data: JSON.stringify({ id: 2, method, params: Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index])) }),
}));
const nonJson = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('', '{', '{"id":1,', 'null', '[]', '"x"', '1e999', '{"id":1,"method":"booth.state"')).map(
  (data): FuzzFrame => ({ type: 'text', data }),
);
const binary = fc.uint8Array({ maxLength: 256 }).map((data): FuzzFrame => ({ type: 'binary', data }));

/** One fuzz frame; oversize frames are rare (each needs a connection of its own). */
export const fuzzFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { arbitrary: text(validEnvelope), weight: 40 },
  { arbitrary: text(wrongTypes), weight: 15 },
  { arbitrary: text(unknownMethod), weight: 8 },
  { arbitrary: nonJson, weight: 10 },
  { arbitrary: binary, weight: 6 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: wide, weight: 1 },
);
export const oversizeFrame: fc.Arbitrary<FuzzFrame> = fc.integer({ min: 64 * 1024 + 1, max: 512 * 1024 }).map((bytes) => ({ type: 'oversize', bytes }));

export interface FuzzTally {
  sent: number;
  answered: number;
  ok: number;
  byCode: Partial<Record<Code, number>>;
  oversizeClosed: number;
  problems: string[];
}

export function newTally(): FuzzTally {
  return { sent: 0, answered: 0, ok: 0, byCode: {}, oversizeClosed: 0, problems: [] };
}

const knownCodes = new Set<string>(errorCodes);

/** A fuzzing socket: sends frames and checks every answer as it arrives. */
export class FuzzConnection {
  readonly #socket: WebSocket;
  readonly #tally: FuzzTally;
  #expected = 0;
  #answered = 0;
  #wake: (() => void) | null = null;
  #closed: { code: number } | null = null;

  private constructor(socket: WebSocket, tally: FuzzTally) {
    this.#socket = socket;
    this.#tally = tally;
    socket.on('message', (data, isBinary) => this.#onMessage(String(data), isBinary));
    socket.on('close', (code) => {
      this.#closed = { code };
      this.#wake?.();
    });
    socket.on('error', () => undefined);
  }

  static async open(url: string, tally: FuzzTally): Promise<FuzzConnection> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new FuzzConnection(socket, tally);
  }

  #onMessage(data: string, isBinary: boolean): void {
    if (isBinary) return void this.#tally.problems.push('server sent a binary frame');
    const message = JSON.parse(data) as Record<string, unknown>;
    if (!('ok' in message)) return; // a notification
    this.#answered += 1;
    this.#tally.answered += 1;
    const parsed = ResponseEnvelope.safeParse(message);
    if (!parsed.success) this.#tally.problems.push(`not a response envelope: ${data.slice(0, 200)}`);
    else if (parsed.data.ok) this.#tally.ok += 1;
    else {
      const { code } = parsed.data.error;
      this.#tally.byCode[code] = (this.#tally.byCode[code] ?? 0) + 1;
      if (!knownCodes.has(code) || code === ErrorCode.Internal) this.#tally.problems.push(`${code}: ${parsed.data.error.message}`);
    }
    if (this.#answered >= this.#expected) this.#wake?.();
  }

  /** Sends the frames and resolves when every one has its answer (or fails on close/timeout). */
  async exchange(frames: FuzzFrame[], timeoutMs = 60_000): Promise<void> {
    for (const frame of frames) {
      if (frame.type === 'oversize') throw new Error('oversize frames go through sendOversize');
      this.#socket.send(frame.data, { binary: frame.type === 'binary' });
    }
    this.#expected += frames.length;
    this.#tally.sent += frames.length;
    const deadline = Date.now() + timeoutMs;
    while (this.#answered < this.#expected) {
      if (this.#closed) throw new Error(`connection closed (${this.#closed.code}) with ${this.#expected - this.#answered} answers missing`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.#expected - this.#answered} answers missing after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** An oversize frame closes this connection with 1009 (MessageTooBig). */
  async sendOversize(bytes: number): Promise<void> {
    this.#socket.send(JSON.stringify({ id: 1, method: 'booth.state', params: { padding: 'x'.repeat(bytes) } }));
    this.#tally.sent += 1;
    const deadline = Date.now() + 10_000;
    while (!this.#closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.#closed?.code === CloseCode.MessageTooBig) this.#tally.oversizeClosed += 1;
    else this.#tally.problems.push(`oversize frame: close ${this.#closed?.code ?? 'none'} instead of 1009`);
  }

  close(): void {
    this.#socket.close();
  }
}

/**
 * Tokens of every role for the fuzzing sockets: both booths, experts of both agencies,
 * supervisor, admin, host staff and (last: it also opens the oversize frames' sockets, which
 * a booth token would not do without replacing its kiosk) the interpreter. Issued for 12 hours:
 * a long fuzz outlives the 15-minute staff tokens.
 */
export async function fuzzTokens(server: EtapisteServer): Promise<string[]> {
  const logins = [
    await loginBooth(server),
    await loginBooth(server, 'demo-booth-lapland-servicebus-01'),
    ...(await Promise.all(['expert.kela', 'expert.vero', 'supervisor.kela', 'admin', 'host.kallio', 'interpreter.demo'].map((username) => loginStaff(server, username)))),
  ];
  return logins.map((login) => server.tokens.issue(login.principal, 12 * 3600).token);
}

export interface FuzzRun {
  /** Total fuzz frames (oversize ones included). */
  messages: number;
  /** Frames per property run; each run spreads them over all connections at once. */
  batch: number;
  seed: number;
}

/**
 * Runs the fuzz property `messages / batch` times with fast-check (reproducible by seed;
 * a failure reports the seed and the shrunk counterexample) over parallel connections of
 * every role, then checks the server still answers an ordinary request.
 */
export async function runProtocolFuzz(server: EtapisteServer, tokens: string[], run: FuzzRun, tally = newTally()): Promise<FuzzTally> {
  const wsUrl = (token: string) => `${server.url.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`;
  const connections = await Promise.all(tokens.map((token) => FuzzConnection.open(wsUrl(token), tally)));
  const batch = fc.record({
    frames: fc.array(fuzzFrame, { minLength: run.batch, maxLength: run.batch }),
    oversize: fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: oversizeFrame, weight: 1 }),
  });
  try {
    await fc.assert(
      fc.asyncProperty(batch, async ({ frames, oversize }) => {
        const share = Math.ceil(frames.length / connections.length);
        await Promise.all(connections.map((connection, index) => connection.exchange(frames.slice(index * share, (index + 1) * share))));
        if (oversize) {
          const victim = await FuzzConnection.open(wsUrl(tokens[tokens.length - 1]!), tally);
          await victim.sendOversize((oversize as { bytes: number }).bytes);
        }
        if (tally.problems.length > 0) throw new Error(tally.problems.slice(0, 5).join('\n'));
      }),
      { numRuns: Math.ceil(run.messages / run.batch), seed: run.seed, endOnFailure: true },
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  return tally;
}
