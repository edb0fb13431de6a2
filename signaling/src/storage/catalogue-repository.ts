import type { Agency, LocalizedText, Service, ServicePoint, StaffRole } from '@etapiste/shared';
import type { SqliteDatabase } from './sqlite-database.ts';

export interface BoothRecord {
  id: string;
  servicePointId: string;
  label: string;
}
export interface StaffUserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: StaffRole;
  displayName: string;
  agencyId: string | null;
  servicePointId: string | null;
  active: boolean;
}

/**
 * Catalogue and accounts: agencies, services, service points, booths and staff users.
 * Asynchronous so that a PostgreSQL implementation fits the same interface.
 */
export interface CatalogueRepository {
  getServicePoint(id: string): Promise<ServicePoint | null>;
  getService(id: string): Promise<Service | null>;
  /** Agencies serving at the point, each with its services. */
  listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]>;
  findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null>;
  findStaffByUsername(username: string): Promise<StaffUserRecord | null>;
  upsertAgency(agency: Agency): Promise<void>;
  upsertService(service: Service): Promise<void>;
  upsertServicePoint(point: ServicePoint, agencyIds: string[]): Promise<void>;
  upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void>;
  upsertStaffUser(user: StaffUserRecord): Promise<void>;
}

const text = (json: string): LocalizedText => JSON.parse(json) as LocalizedText;

interface ServiceRow {
  id: string;
  agency_id: string;
  name: string;
  remote_capable: number;
  not_remote_instructions: string | null;
}
const toService = (row: ServiceRow): Service => ({
  id: row.id,
  agencyId: row.agency_id,
  name: text(row.name),
  remoteCapable: row.remote_capable === 1,
  notRemoteInstructions: row.not_remote_instructions ? text(row.not_remote_instructions) : null,
});

export class SqliteCatalogueRepository implements CatalogueRepository {
  readonly #db: SqliteDatabase;
  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async getServicePoint(id: string): Promise<ServicePoint | null> {
    const row = this.#db.prepare('SELECT * FROM service_points WHERE id = ?').get(id) as
      | { id: string; kind: 'S' | 'XS'; name: string; municipality: string; region: string }
      | undefined;
    return row ? { id: row.id, kind: row.kind, name: text(row.name), municipality: row.municipality, region: row.region } : null;
  }

  async getService(id: string): Promise<Service | null> {
    const row = this.#db.prepare('SELECT * FROM services WHERE id = ?').get(id) as ServiceRow | undefined;
    return row ? toService(row) : null;
  }

  async listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]> {
    const agencies = this.#db
      .prepare(
        `SELECT a.* FROM agencies a JOIN service_point_agencies spa ON spa.agency_id = a.id
         WHERE spa.service_point_id = ? ORDER BY a.code`,
      )
      .all(servicePointId) as { id: string; code: string; name: string }[];
    const services = this.#db.prepare('SELECT * FROM services WHERE agency_id = ? ORDER BY id');
    return agencies.map((agency) => ({
      id: agency.id,
      code: agency.code,
      name: text(agency.name),
      services: (services.all(agency.id) as ServiceRow[]).map(toService),
    }));
  }

  async findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null> {
    const row = this.#db.prepare('SELECT id, service_point_id, label FROM booths WHERE device_token_hash = ?').get(tokenHash) as
      | { id: string; service_point_id: string; label: string }
      | undefined;
    return row ? { id: row.id, servicePointId: row.service_point_id, label: row.label } : null;
  }

  async findStaffByUsername(username: string): Promise<StaffUserRecord | null> {
    const row = this.#db.prepare('SELECT * FROM staff_users WHERE username = ?').get(username) as
      | {
          id: string;
          username: string;
          password_hash: string;
          role: StaffRole;
          display_name: string;
          agency_id: string | null;
          service_point_id: string | null;
          active: number;
        }
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      username: row.username,
      passwordHash: row.password_hash,
      role: row.role,
      displayName: row.display_name,
      agencyId: row.agency_id,
      servicePointId: row.service_point_id,
      active: row.active === 1,
    };
  }

  async upsertAgency(agency: Agency): Promise<void> {
    this.#db
      .prepare('INSERT INTO agencies (id, code, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name')
      .run(agency.id, agency.code, JSON.stringify(agency.name));
  }

  async upsertService(service: Service): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO services (id, agency_id, name, remote_capable, not_remote_instructions) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET agency_id = excluded.agency_id, name = excluded.name,
           remote_capable = excluded.remote_capable, not_remote_instructions = excluded.not_remote_instructions`,
      )
      .run(
        service.id,
        service.agencyId,
        JSON.stringify(service.name),
        service.remoteCapable ? 1 : 0,
        service.notRemoteInstructions ? JSON.stringify(service.notRemoteInstructions) : null,
      );
  }

  async upsertServicePoint(point: ServicePoint, agencyIds: string[]): Promise<void> {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO service_points (id, kind, name, municipality, region) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
             municipality = excluded.municipality, region = excluded.region`,
        )
        .run(point.id, point.kind, JSON.stringify(point.name), point.municipality, point.region);
      this.#db.prepare('DELETE FROM service_point_agencies WHERE service_point_id = ?').run(point.id);
      const link = this.#db.prepare('INSERT INTO service_point_agencies (service_point_id, agency_id) VALUES (?, ?)');
      for (const agencyId of agencyIds) link.run(point.id, agencyId);
    })();
  }

  async upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO booths (id, service_point_id, label, device_token_hash) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET service_point_id = excluded.service_point_id, label = excluded.label,
           device_token_hash = excluded.device_token_hash`,
      )
      .run(booth.id, booth.servicePointId, booth.label, tokenHash);
  }

  async upsertStaffUser(user: StaffUserRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO staff_users (id, username, password_hash, role, display_name, agency_id, service_point_id, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET username = excluded.username, password_hash = excluded.password_hash,
           role = excluded.role, display_name = excluded.display_name, agency_id = excluded.agency_id,
           service_point_id = excluded.service_point_id, active = excluded.active`,
      )
      .run(user.id, user.username, user.passwordHash, user.role, user.displayName, user.agencyId, user.servicePointId, user.active ? 1 : 0);
  }
}
