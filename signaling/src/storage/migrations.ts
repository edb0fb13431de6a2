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
  {
    // Everything the queue, bookings, bus stops, sessions and the outbox need. Epoch ms are
    // INTEGER, local dates 'YYYY-MM-DD' and times 'HH:MM' are TEXT (both sort as text),
    // nested lists are JSON TEXT. Statuses carry no CHECK so a new status needs no table rebuild.
    version: 2,
    sql: `
      ALTER TABLE service_points ADD COLUMN address TEXT NOT NULL DEFAULT '';
      ALTER TABLE service_points ADD COLUMN host_organisation TEXT;                 -- HostOrganisation JSON or NULL
      ALTER TABLE service_points ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE service_points ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE service_points ADD COLUMN queue_policy TEXT NOT NULL
        DEFAULT '{"noShowGraceSeconds":150,"checkInEarlyMinutes":15,"checkInLateMinutes":10}';
      ALTER TABLE service_points ADD COLUMN agency_grace_seconds TEXT NOT NULL DEFAULT '[]';
      -- keeps the order of ServicePointDetails.agencyIds
      ALTER TABLE service_point_agencies ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE stops (
        id TEXT PRIMARY KEY,
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        place TEXT NOT NULL,
        date TEXT NOT NULL,
        from_time TEXT NOT NULL,
        to_time TEXT NOT NULL
      );
      CREATE INDEX stops_point_date ON stops (service_point_id, date, from_time);

      CREATE TABLE service_windows (
        id TEXT PRIMARY KEY,
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        kind TEXT NOT NULL,
        weekday INTEGER,
        date TEXT,
        stop_id TEXT REFERENCES stops(id) ON DELETE CASCADE,
        from_time TEXT NOT NULL,
        to_time TEXT NOT NULL,
        slot_minutes INTEGER NOT NULL,
        CHECK ((weekday IS NOT NULL) + (date IS NOT NULL) + (stop_id IS NOT NULL) = 1)
      );
      CREATE INDEX service_windows_point ON service_windows (service_point_id, agency_id);
      CREATE INDEX service_windows_stop ON service_windows (stop_id);

      -- last number issued per point and local day
      CREATE TABLE ticket_counters (
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        local_date TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (service_point_id, local_date)
      );
      CREATE TABLE tickets (
        ticket_id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        local_date TEXT NOT NULL,
        visit_id TEXT NOT NULL,
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        service_id TEXT NOT NULL REFERENCES services(id),
        language TEXT NOT NULL,
        priority TEXT NOT NULL,
        status TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        queued_at INTEGER NOT NULL,
        called_at INTEGER,
        booth_id TEXT NOT NULL,
        expert_id TEXT,
        booking_id TEXT,
        session_id TEXT
      );
      -- one number per point and day; a chained ticket repeats it in another agency only
      -- A chained visit may come back to an agency (A → B → A): the transferred ticket frees its number.
      CREATE UNIQUE INDEX tickets_number ON tickets (service_point_id, local_date, number, agency_id) WHERE status <> 'transferred';
      CREATE INDEX tickets_agency_queue ON tickets (agency_id, status, queued_at);
      CREATE INDEX tickets_point_queue ON tickets (service_point_id, status, queued_at);

      CREATE TABLE bookings (
        booking_id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        service_id TEXT NOT NULL REFERENCES services(id),
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        stop_id TEXT,                                   -- no FK: a booking outlives a deleted stop
        date TEXT NOT NULL,
        from_time TEXT NOT NULL,
        to_time TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX bookings_open_code ON bookings (code) WHERE status IN ('booked', 'checkedIn');
      CREATE INDEX bookings_point_date ON bookings (service_point_id, date, starts_at);
      CREATE INDEX bookings_agency_date ON bookings (agency_id, date, starts_at);

      CREATE TABLE service_sessions (
        session_id TEXT PRIMARY KEY,
        visit_id TEXT NOT NULL,
        ticket_id TEXT,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        service_id TEXT NOT NULL REFERENCES services(id),
        service_point_id TEXT NOT NULL REFERENCES service_points(id),
        booth_id TEXT NOT NULL,
        expert_id TEXT,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        end_reason TEXT,
        previous_session_id TEXT
      );
      CREATE INDEX service_sessions_status ON service_sessions (status, created_at);
      CREATE INDEX service_sessions_visit ON service_sessions (visit_id);

      CREATE TABLE outbox (
        message_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        booking_id TEXT NOT NULL REFERENCES bookings(booking_id),
        due_at INTEGER NOT NULL,
        payload TEXT NOT NULL,                          -- JSON object
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX outbox_unsent ON outbox (due_at) WHERE sent_at IS NULL;
      CREATE INDEX outbox_booking ON outbox (booking_id);
    `,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE usage_events (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        local_date TEXT NOT NULL,
        hour INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        visit_id TEXT,
        session_id TEXT,
        service_point_id TEXT NOT NULL,
        point_kind TEXT NOT NULL,
        region TEXT NOT NULL,
        municipality TEXT NOT NULL,
        stop_place TEXT,
        agency_id TEXT,
        service_id TEXT,
        channel TEXT,
        language TEXT,
        data TEXT NOT NULL            -- JSON of numbers and codes, never content
      );
      CREATE INDEX usage_events_date ON usage_events (local_date, kind);
      CREATE TABLE feedback_texts (
        at INTEGER NOT NULL,
        local_date TEXT NOT NULL,
        service_point_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        language TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX feedback_texts_date ON feedback_texts (local_date);
    `,
  },
];
