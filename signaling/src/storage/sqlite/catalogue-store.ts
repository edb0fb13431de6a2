import type { Agency, LocalDate, Service, ServicePoint, ServicePointDetails, ServiceWindow, Stop } from '@etapiste/shared';
import type { BoothRecord, StaffUserRecord } from '../catalogue-repository.ts';
import type { CatalogueStore } from '../repositories.ts';
import {
  type Row,
  toAgency,
  toBooth,
  toService,
  toServicePoint,
  toServicePointDetails,
  toStaffUser,
  toStop,
  toWindow,
} from '../rows.ts';
import {
  SqlParams,
  agencyColumns,
  boothColumns,
  listStopsSql,
  listWindowsSql,
  serviceColumns,
  servicePointColumns,
  staffUserColumns,
  stopColumns,
  upsertSql,
  windowColumns,
  type Columns,
} from '../sql.ts';
import { prepareCached, type SqliteDatabase } from '../sqlite-database.ts';

/**
 * Catalogue on SQLite: agencies, services, service points with their details, bus stops,
 * service windows, booths and staff users. better-sqlite3 is synchronous, so every method has
 * committed (synchronous=FULL: on disk) before its promise resolves.
 */
export class SqliteCatalogueStore implements CatalogueStore {
  readonly #db: SqliteDatabase;
  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  #all(sql: string, values: unknown[] = []): Row[] {
    return prepareCached(this.#db, sql).all(...values) as Row[];
  }
  #get(sql: string, values: unknown[] = []): Row | undefined {
    return prepareCached(this.#db, sql).get(...values) as Row | undefined;
  }
  #upsert(table: string, key: string, columns: Columns): void {
    const p = new SqlParams('sqlite');
    prepareCached(this.#db, upsertSql(table, key, columns, p)).run(...p.values);
  }

  async listAgencies(): Promise<Agency[]> {
    return this.#all('SELECT * FROM agencies ORDER BY code').map(toAgency);
  }

  async getAgency(id: string): Promise<Agency | null> {
    const row = this.#get('SELECT * FROM agencies WHERE id = ?', [id]);
    return row ? toAgency(row) : null;
  }

  async upsertAgency(agency: Agency): Promise<void> {
    this.#upsert('agencies', 'id', agencyColumns(agency));
  }

  async listServices(agencyId?: string): Promise<Service[]> {
    const rows =
      agencyId === undefined
        ? this.#all('SELECT * FROM services ORDER BY agency_id, id')
        : this.#all('SELECT * FROM services WHERE agency_id = ? ORDER BY id', [agencyId]);
    return rows.map(toService);
  }

  async getService(id: string): Promise<Service | null> {
    const row = this.#get('SELECT * FROM services WHERE id = ?', [id]);
    return row ? toService(row) : null;
  }

  async upsertService(service: Service): Promise<void> {
    this.#upsert('services', 'id', serviceColumns(service));
  }

  async listServicePoints(): Promise<ServicePointDetails[]> {
    const links = new Map<string, string[]>();
    for (const link of this.#all('SELECT service_point_id, agency_id FROM service_point_agencies ORDER BY position, agency_id')) {
      const pointId = String(link.service_point_id);
      links.set(pointId, [...(links.get(pointId) ?? []), String(link.agency_id)]);
    }
    return this.#all('SELECT * FROM service_points ORDER BY id').map((row) => toServicePointDetails(row, links.get(String(row.id)) ?? []));
  }

  async getServicePoint(id: string): Promise<ServicePoint | null> {
    const row = this.#get('SELECT * FROM service_points WHERE id = ?', [id]);
    return row ? toServicePoint(row) : null;
  }

  async getServicePointDetails(id: string): Promise<ServicePointDetails | null> {
    const row = this.#get('SELECT * FROM service_points WHERE id = ?', [id]);
    if (!row) return null;
    const agencyIds = this.#all('SELECT agency_id FROM service_point_agencies WHERE service_point_id = ? ORDER BY position, agency_id', [id]);
    return toServicePointDetails(
      row,
      agencyIds.map((link) => String(link.agency_id)),
    );
  }

  /** Upserts the point row and replaces its agency links (order kept), in one transaction. */
  async saveServicePoint(point: ServicePointDetails): Promise<void> {
    this.#db.transaction(() => {
      this.#upsert('service_points', 'id', servicePointColumns(point));
      prepareCached(this.#db, 'DELETE FROM service_point_agencies WHERE service_point_id = ?').run(point.id);
      const link = prepareCached(this.#db, 'INSERT INTO service_point_agencies (service_point_id, agency_id, position) VALUES (?, ?, ?)');
      point.agencyIds.forEach((agencyId, position) => link.run(point.id, agencyId, position));
    })();
  }

  async listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]> {
    const agencies = this.#all(
      `SELECT a.* FROM agencies a JOIN service_point_agencies spa ON spa.agency_id = a.id
       WHERE spa.service_point_id = ? ORDER BY a.code`,
      [servicePointId],
    );
    const services = prepareCached(this.#db, 'SELECT * FROM services WHERE agency_id = ? ORDER BY id');
    return agencies.map((agency) => ({ ...toAgency(agency), services: (services.all(agency.id) as Row[]).map(toService) }));
  }

  /** The point's stops, optionally within an inclusive date range, by date and start time. */
  async listStops(servicePointId: string, range?: { from: LocalDate; to: LocalDate }): Promise<Stop[]> {
    const p = new SqlParams('sqlite');
    return this.#all(listStopsSql(servicePointId, range, p), p.values).map(toStop);
  }

  async getStop(id: string): Promise<Stop | null> {
    const row = this.#get('SELECT * FROM stops WHERE id = ?', [id]);
    return row ? toStop(row) : null;
  }

  async saveStop(stop: Stop): Promise<void> {
    this.#upsert('stops', 'id', stopColumns(stop));
  }

  /** Deletes the stop and (ON DELETE CASCADE) the service windows tied to it; bookings stay. */
  async deleteStop(id: string): Promise<void> {
    prepareCached(this.#db, 'DELETE FROM stops WHERE id = ?').run(id);
  }

  async listWindows(filter: { servicePointId?: string; agencyId?: string; stopId?: string } = {}): Promise<ServiceWindow[]> {
    const p = new SqlParams('sqlite');
    return this.#all(listWindowsSql(filter, p), p.values).map(toWindow);
  }

  async saveWindow(window: ServiceWindow): Promise<void> {
    this.#upsert('service_windows', 'id', windowColumns(window));
  }

  async deleteWindow(id: string): Promise<void> {
    prepareCached(this.#db, 'DELETE FROM service_windows WHERE id = ?').run(id);
  }

  async listBooths(servicePointId?: string): Promise<BoothRecord[]> {
    const rows =
      servicePointId === undefined
        ? this.#all('SELECT * FROM booths ORDER BY id')
        : this.#all('SELECT * FROM booths WHERE service_point_id = ? ORDER BY id', [servicePointId]);
    return rows.map(toBooth);
  }

  async findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null> {
    const row = this.#get('SELECT * FROM booths WHERE device_token_hash = ?', [tokenHash]);
    return row ? toBooth(row) : null;
  }

  async upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void> {
    this.#upsert('booths', 'id', boothColumns(booth, tokenHash));
  }

  async findStaffByUsername(username: string): Promise<StaffUserRecord | null> {
    const row = this.#get('SELECT * FROM staff_users WHERE username = ?', [username]);
    return row ? toStaffUser(row) : null;
  }

  async upsertStaffUser(user: StaffUserRecord): Promise<void> {
    this.#upsert('staff_users', 'id', staffUserColumns(user));
  }
}
