import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { sfuConfigFromEnv, type SfuConfig } from '@etapiste/sfu';
import { trustedCasFromEnv } from './identity/certificate-verification.ts';
import { turnConfigFromEnv, type TurnConfig } from './media/turn-credentials.ts';
import type { DispatchConfig } from './interpreting/interpreting-service.ts';

export interface SignalingConfig {
  host: string;
  port: number;
  /** Folder for the SQLite database and the generated JWT secret. ':memory:' keeps nothing. */
  dataDir: string;
  /** PostgreSQL connection string (production); when null the embedded SQLite is used. */
  databaseUrl: string | null;
  jwtSecret: Buffer;
  /** Where the JWT secret came from: production requires the environment. */
  jwtSecretSource: 'environment' | 'generated';
  /** NODE_ENV=production: refuses demo data and demo or missing secrets (security/production-guard.ts). */
  production: boolean;
  staffTokenTtlSeconds: number;
  boothTokenTtlSeconds: number;
  /** Largest accepted WebSocket frame. */
  maxFrameBytes: number;
  /** Token bucket per connection. */
  messagesPerSecond: number;
  burst: number;
  /** Rejected messages within `rejectionWindowMs` after which the connection is closed. */
  maxRejections: number;
  rejectionWindowMs: number;
  /** How long a participant who dropped out of an active session keeps their place (ms). */
  reconnectGraceMs: number;
  /** WebSocket ping interval; a connection that misses a pong is closed as dropped (ms). */
  heartbeatIntervalMs: number;
  /** Folder holding <app>/dist of the three web apps. */
  appsRoot: string;
  /** TURN relay with ephemeral credentials (null: none configured). */
  turn: TurnConfig | null;
  sfu: SfuConfig;
  /** Interpreter dispatch: batch size, ring time, how long a booked request waits for its interpreter. */
  interpreting: DispatchConfig;
  /** Certificate authorities whose ID-card certificates identify customers (ETAPISTE_ID_CARD_TRUSTED_CAS: PEM files). */
  idCardTrustedCas: X509Certificate[];
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The JWT secret: from the environment, else generated once and kept in the data folder. */
function loadJwtSecret(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  if (env.ETAPISTE_JWT_SECRET) {
    const secret = Buffer.from(env.ETAPISTE_JWT_SECRET, 'utf8');
    if (secret.length < 32) throw new Error('ETAPISTE_JWT_SECRET must be at least 32 bytes');
    return secret;
  }
  if (dataDir === ':memory:') return randomBytes(48);
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`expected a positive whole number, got ${value}`);
  return number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SignalingConfig> = {}): SignalingConfig {
  const dataDir = overrides.dataDir ?? env.ETAPISTE_DATA_DIR ?? path.join(repoRoot, '.data');
  return {
    host: env.ETAPISTE_HOST ?? '0.0.0.0',
    port: Number(env.PORT ?? env.ETAPISTE_PORT ?? 8080),
    dataDir,
    databaseUrl: env.ETAPISTE_DATABASE_URL || null,
    jwtSecret: loadJwtSecret(dataDir, env),
    jwtSecretSource: env.ETAPISTE_JWT_SECRET ? 'environment' : 'generated',
    production: env.NODE_ENV === 'production',
    staffTokenTtlSeconds: 15 * 60,
    boothTokenTtlSeconds: 12 * 60 * 60,
    maxFrameBytes: 64 * 1024,
    messagesPerSecond: 20,
    burst: 60,
    maxRejections: 200,
    rejectionWindowMs: 10_000,
    reconnectGraceMs: Number(env.ETAPISTE_RECONNECT_GRACE_SECONDS ?? 60) * 1000,
    heartbeatIntervalMs: 10_000,
    appsRoot: repoRoot,
    turn: turnConfigFromEnv(env),
    sfu: sfuConfigFromEnv(env),
    interpreting: {
      ringBatchSize: positiveInt(env.ETAPISTE_INTERPRETER_RING_BATCH, 3),
      ringMs: positiveInt(env.ETAPISTE_INTERPRETER_RING_SECONDS, 20) * 1000,
      bookedWaitMs: positiveInt(env.ETAPISTE_BOOKED_INTERPRETER_WAIT_SECONDS, 120) * 1000,
      reconnectGraceMs: positiveInt(env.ETAPISTE_INTERPRETER_RECONNECT_SECONDS, 15) * 1000,
    },
    idCardTrustedCas: trustedCasFromEnv(env),
    ...overrides,
  };
}
