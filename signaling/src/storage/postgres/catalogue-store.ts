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
import { type PgPool, type PgQueryable, withTransaction } from './pg-database.ts';

/**
 * Catalogue on PostgreSQL: agencies, services, service points with their details, bus stops,
 * service windows, booths and staff users. Each write is one autocommitted statement or one
 * transaction; its promise resolves after COMMIT (synchronous_commit on: WAL flushed).
 */
export class PostgresCatalogueStore implements CatalogueStore {
  readonly #pool: PgPool;
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async #all(sql: string, values: unknown[] = [], on: PgQueryable = this.#pool): Promise<Row[]> {
    return (await on.query<Row>(sql, values)).rows;
  }
  async #get(sql: string, values: unknown[]): Promise<Row | undefined> {
    return (await this.#all(sql, values))[0];
  }
  async #upsert(table: string, key: string, columns: Columns, on: PgQueryable = this.#pool): Promise<void> {
    const p = new SqlParams('postgres');
    await on.query(upsertSql(table, key, columns, p), p.values);
  }

  async listAgencies(): Promise<Agency[]> {
    return (await this.#all('SELECT * FROM agencies ORDER BY code')).map(toAgency);
  }

  async getAgency(id: string): Promise<Agency | null> {
    const row = await this.#get('SELECT * FROM agencies WHERE id = $1', [id]);
    return row ? toAgency(row) : null;
  }

  async upsertAgency(agency: Agency): Promise<void> {
    await this.#upsert('agencies', 'id', agencyColumns(agency));
  }

  async listServices(agencyId?: string): Promise<Service[]> {
    const rows =
      agencyId === undefined
        ? await this.#all('SELECT * FROM services ORDER BY agency_id, id')
        : await this.#all('SELECT * FROM services WHERE agency_id = $1 ORDER BY id', [agencyId]);
    return rows.map(toService);
  }

  async getService(id: string): Promise<Service | null> {
    const row = await this.#get('SELECT * FROM services WHERE id = $1', [id]);
    return row ? toService(row) : null;
  }

  async upsertService(service: Service): Promise<void> {
    await this.#upsert('services', 'id', serviceColumns(service));
  }

  async listServicePoints(): Promise<ServicePointDetails[]> {
    const [points, links] = await Promise.all([
      this.#all('SELECT * FROM service_points ORDER BY id'),
      this.#all('SELECT service_point_id, agency_id FROM service_point_agencies ORDER BY position, agency_id'),
    ]);
    const agencyIds = new Map<string, string[]>();
    for (const link of links) {
      const pointId = String(link.service_point_id);
      agencyIds.set(pointId, [...(agencyIds.get(pointId) ?? []), String(link.agency_id)]);
    }
    return points.map((row) => toServicePointDetails(row, agencyIds.get(String(row.id)) ?? []));
  }

  async getServicePoint(id: string): Promise<ServicePoint | null> {
    const row = await this.#get('SELECT * FROM service_points WHERE id = $1', [id]);
    return row ? toServicePoint(row) : null;
  }

  async getServicePointDetails(id: string): Promise<ServicePointDetails | null> {
    const row = await this.#get('SELECT * FROM service_points WHERE id = $1', [id]);
    if (!row) return null;
    const links = await this.#all(
      'SELECT agency_id FROM service_point_agencies WHERE service_point_id = $1 ORDER BY position, agency_id',
      [id],
    );
    return toServicePointDetails(
      row,
      links.map((link) => String(link.agency_id)),
    );
  }

  /** Upserts the point row and replaces its agency links (order kept), in one transaction. */
  async saveServicePoint(point: ServicePointDetails): Promise<void> {
    await withTransaction(this.#pool, async (client) => {
      await this.#upsert('service_points', 'id', servicePointColumns(point), client);
      await client.query('DELETE FROM service_point_agencies WHERE service_point_id = $1', [point.id]);
      await client.query(
        `INSERT INTO service_point_agencies (service_point_id, agency_id, position)
         SELECT $1, link.agency_id, link.ordinality - 1 FROM unnest($2::text[]) WITH ORDINALITY AS link(agency_id, ordinality)`,
        [point.id, point.agencyIds],
      );
    });
  }

  async listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]> {
    const [agencies, services] = await Promise.all([
      this.#all(
        `SELECT a.* FROM agencies a JOIN service_point_agencies spa ON spa.agency_id = a.id
         WHERE spa.service_point_id = $1 ORDER BY a.code`,
        [servicePointId],
      ),
      this.#all(
        `SELECT s.* FROM services s JOIN service_point_agencies spa ON spa.agency_id = s.agency_id
         WHERE spa.service_point_id = $1 ORDER BY s.id`,
        [servicePointId],
      ),
    ]);
    const all = services.map(toService);
    return agencies.map((row) => {
      const agency = toAgency(row);
      return { ...agency, services: all.filter((service) => service.agencyId === agency.id) };
    });
  }

  /** The point's stops, optionally within an inclusive date range, by date and start time. */
  async listStops(servicePointId: string, range?: { from: LocalDate; to: LocalDate }): Promise<Stop[]> {
    const p = new SqlParams('postgres');
    return (await this.#all(listStopsSql(servicePointId, range, p), p.values)).map(toStop);
  }

  async getStop(id: string): Promise<Stop | null> {
    const row = await this.#get('SELECT * FROM stops WHERE id = $1', [id]);
    return row ? toStop(row) : null;
  }

  async saveStop(stop: Stop): Promise<void> {
    await this.#upsert('stops', 'id', stopColumns(stop));
  }

  /** Deletes the stop and (ON DELETE CASCADE) the service windows tied to it; bookings stay. */
  async deleteStop(id: string): Promise<void> {
    await this.#pool.query('DELETE FROM stops WHERE id = $1', [id]);
  }

  async listWindows(filter: { servicePointId?: string; agencyId?: string; stopId?: string } = {}): Promise<ServiceWindow[]> {
    const p = new SqlParams('postgres');
    return (await this.#all(listWindowsSql(filter, p), p.values)).map(toWindow);
  }

  async saveWindow(window: ServiceWindow): Promise<void> {
    await this.#upsert('service_windows', 'id', windowColumns(window));
  }

  async deleteWindow(id: string): Promise<void> {
    await this.#pool.query('DELETE FROM service_windows WHERE id = $1', [id]);
  }

  async listBooths(servicePointId?: string): Promise<BoothRecord[]> {
    const rows =
      servicePointId === undefined
        ? await this.#all('SELECT * FROM booths ORDER BY id')
        : await this.#all('SELECT * FROM booths WHERE service_point_id = $1 ORDER BY id', [servicePointId]);
    return rows.map(toBooth);
  }

  async findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null> {
    const row = await this.#get('SELECT * FROM booths WHERE device_token_hash = $1', [tokenHash]);
    return row ? toBooth(row) : null;
  }

  async upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void> {
    await this.#upsert('booths', 'id', boothColumns(booth, tokenHash));
  }

  async findStaffByUsername(username: string): Promise<StaffUserRecord | null> {
    const row = await this.#get('SELECT * FROM staff_users WHERE username = $1', [username]);
    return row ? toStaffUser(row) : null;
  }

  async upsertStaffUser(user: StaffUserRecord): Promise<void> {
    await this.#upsert('staff_users', 'id', staffUserColumns(user));
  }
}
