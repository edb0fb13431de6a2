import { defaultQueuePolicy, type Agency, type Service, type ServicePoint, type StaffRole } from '@etapiste/shared';
import { SqliteCatalogueStore } from './sqlite/catalogue-store.ts';
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

/**
 * The older, narrower catalogue interface on SQLite, now a thin wrapper around
 * `SqliteCatalogueStore` (the `CatalogueStore` of `Storage`) until server.ts switches over.
 */
export class SqliteCatalogueRepository implements CatalogueRepository {
  readonly #store: SqliteCatalogueStore;
  constructor(db: SqliteDatabase) {
    this.#store = new SqliteCatalogueStore(db);
  }

  getServicePoint(id: string): Promise<ServicePoint | null> {
    return this.#store.getServicePoint(id);
  }
  getService(id: string): Promise<Service | null> {
    return this.#store.getService(id);
  }
  listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]> {
    return this.#store.listAgenciesAtPoint(servicePointId);
  }
  findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null> {
    return this.#store.findBoothByTokenHash(tokenHash);
  }
  findStaffByUsername(username: string): Promise<StaffUserRecord | null> {
    return this.#store.findStaffByUsername(username);
  }
  upsertAgency(agency: Agency): Promise<void> {
    return this.#store.upsertAgency(agency);
  }
  upsertService(service: Service): Promise<void> {
    return this.#store.upsertService(service);
  }
  /** Replaces the basic fields and the agencies; keeps any stored hours, exceptions and policies. */
  async upsertServicePoint(point: ServicePoint, agencyIds: string[]): Promise<void> {
    const existing = await this.#store.getServicePointDetails(point.id);
    await this.#store.saveServicePoint({
      address: '',
      hostOrganisation: null,
      openingHours: [],
      exceptions: [],
      queuePolicy: defaultQueuePolicy,
      agencyGraceSeconds: [],
      ...existing,
      ...point,
      agencyIds,
    });
  }
  upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void> {
    return this.#store.upsertBooth(booth, tokenHash);
  }
  upsertStaffUser(user: StaffUserRecord): Promise<void> {
    return this.#store.upsertStaffUser(user);
  }
}
