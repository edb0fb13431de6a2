/**
 * Worker thread of SqliteReader: runs read-only statistics queries on its own connection to
 * the database file, so a long national export never blocks the signalling event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface ReaderRequest {
  id: number;
  sql: string;
  params: (string | number | null)[];
}
export type ReaderResponse = { id: number; rows: Record<string, unknown>[] } | { id: number; error: string };

const { file } = workerData as { file: string };
const db = new Database(file, { fileMustExist: true, timeout: 5000 });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');
// One auxiliary thread for the GROUP BY sorter: ~20% faster on a year of data, one core left over.
db.pragma('threads = 1');
const statements = new Map<string, Database.Statement>();

parentPort!.on('message', (request: ReaderRequest) => {
  let response: ReaderResponse;
  try {
    let statement = statements.get(request.sql);
    if (!statement) statements.set(request.sql, (statement = db.prepare(request.sql)));
    response = { id: request.id, rows: statement.all(...request.params) as Record<string, unknown>[] };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(response);
});
