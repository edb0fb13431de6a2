/** Ordered schema migrations. Never edit an applied one; append a new version. */
export const sqliteMigrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE agencies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL            -- LocalizedText as JSON
      );
      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        name TEXT NOT NULL,           -- LocalizedText as JSON
        remote_capable INTEGER NOT NULL,
        not_remote_instructions TEXT  -- LocalizedText as JSON or NULL
      );
      CREATE TABLE service_points (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('S', 'XS')),
        name TEXT NOT NULL,           -- LocalizedText as JSON
        municipality TEXT NOT NULL,
        region TEXT NOT NULL
      );
      CREATE TABLE service_point_agencies (
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        PRIMARY KEY (service_point_id, agency_id)
      );
      CREATE TABLE booths (
        id TEXT PRIMARY KEY,
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        label TEXT NOT NULL,
        device_token_hash TEXT NOT NULL UNIQUE
      );
      CREATE TABLE staff_users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('expert', 'supervisor', 'admin', 'interpreter', 'hostStaff')),
        display_name TEXT NOT NULL,
        agency_id TEXT REFERENCES agencies(id),
        service_point_id TEXT REFERENCES service_points(id),
        active INTEGER NOT NULL DEFAULT 1
      );
    `,
  },
];
