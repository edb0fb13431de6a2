import type {
  Interpreter,
  InterpreterContract,
  InterpreterProvider,
  InterpreterRequest,
  InterpreterRequestState,
  InterpretingSkill,
} from '@etapiste/shared';
import { json, type Row } from './rows.ts';
import { type Dialect, SqlParams, insertSql, upsertSql } from './sql.ts';

/** Executes one parameterised statement on either backend. */
export interface SqlRunner {
  readonly dialect: Dialect;
  all(sql: string, values: unknown[]): Promise<Row[]>;
  run(sql: string, values: unknown[]): Promise<void>;
}

/** Interpreting catalogue (providers, contracts, interpreters) and interpreter requests. */
export interface InterpretingStore {
  listProviders(): Promise<InterpreterProvider[]>;
  saveProvider(provider: InterpreterProvider): Promise<void>;
  listContracts(filter?: { agencyId?: string; providerId?: string }): Promise<InterpreterContract[]>;
  saveContract(contract: InterpreterContract): Promise<void>;
  deleteContract(contract: InterpreterContract): Promise<boolean>;
  /** Interpreters whose account is active (with `includeInactive`, all of them). */
  listInterpreters(filter?: { providerId?: string; includeInactive?: boolean }): Promise<Interpreter[]>;
  getInterpreter(interpreterId: string): Promise<Interpreter | null>;
  saveInterpreter(profile: Omit<Interpreter, 'displayName'>): Promise<void>;
  /** Username and whether the account may log in, per interpreter. */
  interpreterAccounts(): Promise<Map<string, { username: string; active: boolean }>>;
  /** Renames or (de)activates an interpreter's staff account; false when there is none. */
  updateInterpreterAccount(interpreterId: string, change: { displayName?: string; active?: boolean }): Promise<boolean>;
  saveRequest(request: InterpreterRequest): Promise<void>;
  /** Ordered by request time. */
  listRequests(filter: { sessionId?: string; states?: readonly InterpreterRequestState[] }): Promise<InterpreterRequest[]>;
}

const toInterpreter = (row: Row): Interpreter => ({
  interpreterId: String(row.staff_id),
  providerId: String(row.provider_id),
  displayName: String(row.display_name),
  skills: json<InterpretingSkill[]>(row.skills),
});

const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const toRequest = (row: Row): InterpreterRequest => ({
  requestId: String(row.request_id),
  sessionId: String(row.session_id),
  agencyId: String(row.agency_id),
  skill: { modality: String(row.modality), language: String(row.language) } as InterpretingSkill,
  mode: String(row.mode) as InterpreterRequest['mode'],
  origin: String(row.origin) as InterpreterRequest['origin'],
  state: String(row.state) as InterpreterRequestState,
  requestedAt: Number(row.requested_at),
  batch: Number(row.batch),
  rungCount: Number(row.rung_count),
  ringingNow: 0,
  answeredAt: numOrNull(row.answered_at),
  joinedAt: numOrNull(row.joined_at),
  endedAt: numOrNull(row.ended_at),
  interpreterId: strOrNull(row.interpreter_id),
  interpreterName: strOrNull(row.display_name),
  providerId: strOrNull(row.provider_id),
});

/** One implementation for SQLite and PostgreSQL: the SQL is the same, `SqlParams` binds for each. */
export class SqlInterpretingStore implements InterpretingStore {
  readonly #db: SqlRunner;
  constructor(db: SqlRunner) {
    this.#db = db;
  }

  #params(): SqlParams {
    return new SqlParams(this.#db.dialect);
  }

  async listProviders(): Promise<InterpreterProvider[]> {
    const rows = await this.#db.all('SELECT id, name FROM interpreter_providers ORDER BY name', []);
    return rows.map((row) => ({ id: String(row.id), name: String(row.name) }));
  }

  async saveProvider(provider: InterpreterProvider): Promise<void> {
    const p = this.#params();
    await this.#db.run(upsertSql('interpreter_providers', 'id', { id: provider.id, name: provider.name }, p), p.values);
  }

  async listContracts(filter: { agencyId?: string; providerId?: string } = {}): Promise<InterpreterContract[]> {
    const p = this.#params();
    const conditions: string[] = [];
    if (filter.agencyId) conditions.push(`agency_id = ${p.add(filter.agencyId)}`);
    if (filter.providerId) conditions.push(`provider_id = ${p.add(filter.providerId)}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.#db.all(`SELECT agency_id, provider_id FROM interpreter_contracts ${where} ORDER BY agency_id, provider_id`, p.values);
    return rows.map((row) => ({ agencyId: String(row.agency_id), providerId: String(row.provider_id) }));
  }

  async saveContract(contract: InterpreterContract): Promise<void> {
    const p = this.#params();
    await this.#db.run(`${insertSql('interpreter_contracts', { agency_id: contract.agencyId, provider_id: contract.providerId }, p)} ON CONFLICT DO NOTHING`, p.values);
  }

  async deleteContract(contract: InterpreterContract): Promise<boolean> {
    const p = this.#params();
    const rows = await this.#db.all(
      `DELETE FROM interpreter_contracts WHERE agency_id = ${p.add(contract.agencyId)} AND provider_id = ${p.add(contract.providerId)} RETURNING agency_id`,
      p.values,
    );
    return rows.length > 0;
  }

  async listInterpreters(filter: { providerId?: string; includeInactive?: boolean } = {}): Promise<Interpreter[]> {
    const p = this.#params();
    const active = filter.includeInactive ? '1 = 1' : `u.active = ${p.add(true)}`;
    const where = filter.providerId ? `AND i.provider_id = ${p.add(filter.providerId)}` : '';
    const rows = await this.#db.all(
      `SELECT i.staff_id, i.provider_id, i.skills, u.display_name FROM interpreters i JOIN staff_users u ON u.id = i.staff_id
       WHERE ${active} ${where} ORDER BY u.display_name`,
      p.values,
    );
    return rows.map(toInterpreter);
  }

  async getInterpreter(interpreterId: string): Promise<Interpreter | null> {
    const p = this.#params();
    const rows = await this.#db.all(
      `SELECT i.staff_id, i.provider_id, i.skills, u.display_name FROM interpreters i JOIN staff_users u ON u.id = i.staff_id WHERE i.staff_id = ${p.add(interpreterId)}`,
      p.values,
    );
    return rows[0] ? toInterpreter(rows[0]) : null;
  }

  async saveInterpreter(profile: Omit<Interpreter, 'displayName'>): Promise<void> {
    const p = this.#params();
    const columns = { staff_id: profile.interpreterId, provider_id: profile.providerId, skills: JSON.stringify(profile.skills) };
    await this.#db.run(upsertSql('interpreters', 'staff_id', columns, p), p.values);
  }

  async interpreterAccounts(): Promise<Map<string, { username: string; active: boolean }>> {
    const rows = await this.#db.all('SELECT u.id, u.username, u.active FROM interpreters i JOIN staff_users u ON u.id = i.staff_id', []);
    return new Map(rows.map((row) => [String(row.id), { username: String(row.username), active: Boolean(row.active) }]));
  }

  async updateInterpreterAccount(interpreterId: string, change: { displayName?: string; active?: boolean }): Promise<boolean> {
    const p = this.#params();
    const sets: string[] = [];
    if (change.displayName !== undefined) sets.push(`display_name = ${p.add(change.displayName)}`);
    if (change.active !== undefined) sets.push(`active = ${p.add(change.active)}`);
    if (sets.length === 0) sets.push('id = id');
    const rows = await this.#db.all(
      `UPDATE staff_users SET ${sets.join(', ')} WHERE id = ${p.add(interpreterId)} AND role = ${p.add('interpreter')} RETURNING id`,
      p.values,
    );
    return rows.length > 0;
  }

  async saveRequest(request: InterpreterRequest): Promise<void> {
    const p = this.#params();
    const columns = {
      request_id: request.requestId,
      session_id: request.sessionId,
      agency_id: request.agencyId,
      modality: request.skill.modality,
      language: request.skill.language,
      mode: request.mode,
      origin: request.origin,
      state: request.state,
      requested_at: request.requestedAt,
      batch: request.batch,
      rung_count: request.rungCount,
      answered_at: request.answeredAt,
      joined_at: request.joinedAt,
      ended_at: request.endedAt,
      interpreter_id: request.interpreterId,
      provider_id: request.providerId,
    };
    await this.#db.run(upsertSql('interpreter_requests', 'request_id', columns, p), p.values);
  }

  async listRequests(filter: { sessionId?: string; states?: readonly InterpreterRequestState[] }): Promise<InterpreterRequest[]> {
    const p = this.#params();
    const conditions: string[] = [];
    if (filter.sessionId) conditions.push(`r.session_id = ${p.add(filter.sessionId)}`);
    if (filter.states) {
      if (filter.states.length === 0) return [];
      conditions.push(`r.state IN ${p.list(filter.states)}`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.#db.all(
      `SELECT r.*, u.display_name FROM interpreter_requests r LEFT JOIN staff_users u ON u.id = r.interpreter_id ${where} ORDER BY r.requested_at, r.request_id`,
      p.values,
    );
    return rows.map(toRequest);
  }
}
