import pg from 'pg';
import { logError } from '../../logging/safe-log.ts';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
export type PgQueryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** bigint (epoch ms) → number; refuses values a double cannot hold exactly. */
const parseInt8 = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`int8 value ${value} is outside the safe integer range`);
  return parsed;
};

/**
 * A pool whose type parsers (per pool, not the global `pg.types`) return int8 as number and
 * `date` as its 'YYYY-MM-DD' text instead of a JS Date at local midnight.
 */
export function createPool(connectionString: string, options: { max?: number } = {}): PgPool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  const pool = new pg.Pool({ connectionString, types, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => logError('storage', 'idle PostgreSQL connection failed', error));
  return pool;
}

/** Runs `work` inside BEGIN … COMMIT on one pooled client; rolls back on error. */
export async function withTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
