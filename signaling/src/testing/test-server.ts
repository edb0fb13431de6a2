import { SignalingClient } from '@etapiste/shared/client';
import type { LoginResponse } from '@etapiste/shared';
import { configFromEnv, type SignalingConfig } from '../config.ts';
import { DEMO_PASSWORD, demoBooths } from '../catalogue/demo-data.ts';
import { startServer, type EtapisteServer } from '../server.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

let postgres: Promise<PostgresServer> | null = null;
let databases = 0;

/**
 * A whole server on a free port with the demo data: an in-memory SQLite database, or, with
 * ETAPISTE_TEST_STORAGE=postgres, a fresh database on a real PostgreSQL server started for
 * this test process (the same integration suites run on both).
 */
export async function startTestServer(overrides: Partial<SignalingConfig> = {}): Promise<EtapisteServer> {
  const base = configFromEnv({ ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0', ETAPISTE_RTC_LISTEN_IP: '127.0.0.1' }, { dataDir: ':memory:' });
  let databaseUrl: string | null = null;
  let stopPostgres = async () => {};
  if (process.env.ETAPISTE_TEST_STORAGE === 'postgres') {
    postgres ??= startPostgres();
    const server = await postgres;
    databaseUrl = await server.createDatabase(`etapiste_it_${process.pid}_${++databases}`);
    stopPostgres = async () => {
      if (--databases === 0) {
        postgres = null;
        await server.stop();
      }
    };
  }
  const started = await startServer({ ...base, host: '127.0.0.1', port: 0, databaseUrl, ...overrides }, { demo: { alwaysOpen: true } });
  return {
    ...started,
    async close() {
      await started.close();
      await stopPostgres();
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function loginStaff(server: EtapisteServer, username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const { status, body } = await postJson(`${server.url}/api/auth/login`, { username, password });
  if (status !== 200) throw new Error(`login ${username} failed: ${status} ${JSON.stringify(body)}`);
  return body as LoginResponse;
}

export async function loginBooth(server: EtapisteServer, deviceToken: string = demoBooths[0].deviceToken): Promise<LoginResponse> {
  const { status, body } = await postJson(`${server.url}/api/auth/booth`, { deviceToken });
  if (status !== 200) throw new Error(`booth login failed: ${status} ${JSON.stringify(body)}`);
  return body as LoginResponse;
}

export async function connectClient(server: EtapisteServer, token: string): Promise<SignalingClient> {
  const client = new SignalingClient({ url: `${server.url.replace('http', 'ws')}/ws`, token, requestTimeoutMs: 5000 });
  await client.connect();
  return client;
}

/** Resolves with the next notification of that name (that satisfies `accept`, if given). */
export function nextNotification<T>(
  client: SignalingClient,
  name: Parameters<SignalingClient['on']>[0],
  timeoutMs = 5000,
  accept: (data: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(name)} within ${timeoutMs} ms`)), timeoutMs);
    const off = client.on(name, (data) => {
      if (!accept(data as T)) return;
      clearTimeout(timer);
      off();
      resolve(data as T);
    });
  });
}
