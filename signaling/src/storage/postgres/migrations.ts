import type pg from 'pg';

/**
 * PostgreSQL schema: the same tables and columns as the SQLite migrations, in PostgreSQL types.
 * Epoch ms are bigint (parsed back to number by the pool), local dates are `date` (returned as
 * 'YYYY-MM-DD'), times of day 'HH:MM' are text, nested values are jsonb. Never edit an applied
 * version; append a new one.
 */
export const postgresMigrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE agencies (
        id text PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name jsonb NOT NULL
      );
      CREATE TABLE services (
        id text PRIMARY KEY,
        agency_id text NOT NULL REFERENCES agencies(id),
        name jsonb NOT NULL,
        remote_capable boolean NOT NULL,
        not_remote_instructions jsonb
      );
      CREATE INDEX services_agency ON services (agency_id);
      CREATE TABLE service_points (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('S', 'XS')),
        name jsonb NOT NULL,
        municipality text NOT NULL,
        region text NOT NULL,
        address text NOT NULL DEFAULT '',
        host_organisation jsonb,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        exceptions jsonb NOT NULL DEFAULT '[]',
        queue_policy jsonb NOT NULL DEFAULT '{"noShowGraceSeconds":150,"checkInEarlyMinutes":15,"checkInLateMinutes":10}',
        agency_grace_seconds jsonb NOT NULL DEFAULT '[]'
      );
      CREATE TABLE service_point_agencies (
        service_point_id text NOT NULL REFERENCES service_points(id),
        agency_id text NOT NULL REFERENCES agencies(id),
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (service_point_id, agency_id)
      );
      CREATE TABLE booths (
        id text PRIMARY KEY,
        service_point_id text NOT NULL REFERENCES service_points(id),
        label text NOT NULL,
        device_token_hash text NOT NULL UNIQUE
      );
      CREATE TABLE staff_users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('expert', 'supervisor', 'admin', 'interpreter', 'hostStaff')),
        display_name text NOT NULL,
        agency_id text REFERENCES agencies(id),
        service_point_id text REFERENCES service_points(id),
        active boolean NOT NULL DEFAULT true
      );

      CREATE TABLE stops (
        id text PRIMARY KEY,
        service_point_id text NOT NULL REFERENCES service_points(id),
        place text NOT NULL,
        date date NOT NULL,
        from_time text NOT NULL,
        to_time text NOT NULL
      );
      CREATE INDEX stops_point_date ON stops (service_point_id, date, from_time);

      CREATE TABLE service_windows (
        id text PRIMARY KEY,
        service_point_id text NOT NULL REFERENCES service_points(id),
        agency_id text NOT NULL REFERENCES agencies(id),
        kind text NOT NULL,
        weekday smallint,
        date date,
        stop_id text REFERENCES stops(id) ON DELETE CASCADE,
        from_time text NOT NULL,
        to_time text NOT NULL,
        slot_minutes integer NOT NULL,
        CHECK (num_nonnulls(weekday, date, stop_id) = 1)
      );
      CREATE INDEX service_windows_point ON service_windows (service_point_id, agency_id);
      CREATE INDEX service_windows_stop ON service_windows (stop_id);

      CREATE TABLE ticket_counters (
        service_point_id text NOT NULL REFERENCES service_points(id),
        local_date date NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (service_point_id, local_date)
      );
      CREATE TABLE tickets (
        ticket_id text PRIMARY KEY,
        number text NOT NULL,
        local_date date NOT NULL,
        visit_id text NOT NULL,
        service_point_id text NOT NULL REFERENCES service_points(id),
        agency_id text NOT NULL REFERENCES agencies(id),
        service_id text NOT NULL REFERENCES services(id),
        language text NOT NULL,
        priority text NOT NULL,
        status text NOT NULL,
        issued_at bigint NOT NULL,
        queued_at bigint NOT NULL,
        called_at bigint,
        booth_id text NOT NULL,
        expert_id text,
        booking_id text,
        session_id text
      );
      -- A chained visit may come back to an agency (A → B → A): the transferred ticket frees its number.
      CREATE UNIQUE INDEX tickets_number ON tickets (service_point_id, local_date, number, agency_id) WHERE status <> 'transferred';
      CREATE INDEX tickets_agency_queue ON tickets (agency_id, status, queued_at);
      CREATE INDEX tickets_point_queue ON tickets (service_point_id, status, queued_at);

      CREATE TABLE bookings (
        booking_id text PRIMARY KEY,
        code text NOT NULL,
        agency_id text NOT NULL REFERENCES agencies(id),
        service_id text NOT NULL REFERENCES services(id),
        service_point_id text NOT NULL REFERENCES service_points(id),
        stop_id text,
        date date NOT NULL,
        from_time text NOT NULL,
        to_time text NOT NULL,
        starts_at bigint NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        created_by text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX bookings_open_code ON bookings (code) WHERE status IN ('booked', 'checkedIn');
      CREATE INDEX bookings_point_date ON bookings (service_point_id, date, starts_at);
      CREATE INDEX bookings_agency_date ON bookings (agency_id, date, starts_at);

      CREATE TABLE service_sessions (
        session_id text PRIMARY KEY,
        visit_id text NOT NULL,
        ticket_id text,
        agency_id text NOT NULL REFERENCES agencies(id),
        service_id text NOT NULL REFERENCES services(id),
        service_point_id text NOT NULL REFERENCES service_points(id),
        booth_id text NOT NULL,
        expert_id text,
        language text NOT NULL,
        status text NOT NULL,
        created_at bigint NOT NULL,
        started_at bigint,
        ended_at bigint,
        end_reason text,
        previous_session_id text
      );
      CREATE INDEX service_sessions_status ON service_sessions (status, created_at);
      CREATE INDEX service_sessions_visit ON service_sessions (visit_id);

      CREATE TABLE outbox (
        message_id text PRIMARY KEY,
        kind text NOT NULL,
        booking_id text NOT NULL REFERENCES bookings(booking_id),
        due_at bigint NOT NULL,
        payload jsonb NOT NULL,
        created_at bigint NOT NULL,
        sent_at bigint
      );
      CREATE INDEX outbox_unsent ON outbox (due_at) WHERE sent_at IS NULL;
      CREATE INDEX outbox_booking ON outbox (booking_id);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE usage_events (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        at BIGINT NOT NULL,
        local_date DATE NOT NULL,
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
        data JSONB NOT NULL           -- numbers and codes, never content
      );
      CREATE INDEX usage_events_date ON usage_events (local_date, kind);
      CREATE TABLE feedback_texts (
        at BIGINT NOT NULL,
        local_date DATE NOT NULL,
        service_point_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        language TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX feedback_texts_date ON feedback_texts (local_date);
    `,
  },
  {
    // Statistics fact tables (see signaling/src/statistics/facts.ts), the same columns as
    // SQLite version 4, rebuilt here once from the events so far.
    version: 3,
    sql: `
      CREATE TABLE visit_facts (
        visit_id TEXT PRIMARY KEY,
        issued_at BIGINT,
        local_date DATE,
        month TEXT,
        week TEXT,
        hour INTEGER,
        weekday INTEGER,
        service_point_id TEXT,
        point_kind TEXT,
        region TEXT,
        municipality TEXT,
        stop_place TEXT,
        agency_id TEXT,
        service_id TEXT,
        channel TEXT,
        language TEXT,
        started_at BIGINT,
        wait_ms BIGINT,
        service_ms BIGINT NOT NULL DEFAULT 0,
        sessions_ended INTEGER NOT NULL DEFAULT 0,
        no_shows INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0,
        feedback_at BIGINT,
        ces INTEGER,
        csat INTEGER,
        nps INTEGER,
        interpreter_requests INTEGER NOT NULL DEFAULT 0,
        interpreter_sessions INTEGER NOT NULL DEFAULT 0,
        interpreter_ms BIGINT NOT NULL DEFAULT 0,
        device_uses INTEGER NOT NULL DEFAULT 0,
        media_samples INTEGER NOT NULL DEFAULT 0,
        media_rtt_sum BIGINT NOT NULL DEFAULT 0,
        media_loss_sum BIGINT NOT NULL DEFAULT 0
      );
      CREATE INDEX visit_facts_date ON visit_facts (local_date);
      CREATE INDEX visit_facts_agency_date ON visit_facts (agency_id, local_date);

      CREATE TABLE interpreting_facts (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        at BIGINT NOT NULL,
        local_date DATE NOT NULL,
        month TEXT NOT NULL,
        week TEXT NOT NULL,
        visit_id TEXT,
        service_point_id TEXT NOT NULL,
        region TEXT NOT NULL,
        agency_id TEXT,
        language TEXT,
        provider_id TEXT,
        on_demand INTEGER,
        answer_ms BIGINT,
        duration_ms BIGINT
      );
      CREATE INDEX interpreting_facts_date ON interpreting_facts (local_date);
      CREATE INDEX interpreting_facts_month ON interpreting_facts (month, agency_id);

      -- Rebuild from the events recorded so far, with the same rules as facts.ts.
      INSERT INTO visit_facts (visit_id)
        SELECT DISTINCT visit_id FROM usage_events
        WHERE visit_id IS NOT NULL AND kind NOT IN ('bookingCheckedIn', 'interpreterAnswered', 'interpreterJoined');
      UPDATE visit_facts SET
          issued_at = f.at, local_date = f.local_date, month = to_char(f.local_date, 'YYYY-MM'), week = to_char(f.local_date, 'IYYY-"W"IW'),
          hour = f.hour, weekday = f.weekday, service_point_id = f.service_point_id, point_kind = f.point_kind, region = f.region,
          municipality = f.municipality, stop_place = f.stop_place, agency_id = f.agency_id, service_id = f.service_id,
          channel = f.channel, language = f.language
        FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at) AS rn
              FROM usage_events WHERE kind = 'ticketIssued' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          started_at = f.at,
          wait_ms = CASE WHEN jsonb_typeof(f.data -> 'waitMs') = 'number' THEN GREATEST(0, round((f.data ->> 'waitMs')::numeric))::bigint END
        FROM (SELECT visit_id, at, data, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at) AS rn
              FROM usage_events WHERE kind = 'sessionStarted' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          feedback_at = f.at,
          ces = CASE WHEN jsonb_typeof(f.data -> 'ces') = 'number' AND (f.data ->> 'ces')::numeric IN (1, 2, 3, 4, 5) THEN (f.data ->> 'ces')::numeric::integer END,
          csat = CASE WHEN jsonb_typeof(f.data -> 'csat') = 'number' AND (f.data ->> 'csat')::numeric IN (1, 2, 3, 4, 5) THEN (f.data ->> 'csat')::numeric::integer END,
          nps = CASE WHEN jsonb_typeof(f.data -> 'nps') = 'number' AND (f.data ->> 'nps')::numeric IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN (f.data ->> 'nps')::numeric::integer END
        FROM (SELECT visit_id, at, data, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at DESC) AS rn
              FROM usage_events WHERE kind = 'feedback' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          service_ms = c.service_ms, sessions_ended = c.sessions_ended, no_shows = c.no_shows, transfers = c.transfers,
          interpreter_requests = c.interpreter_requests, interpreter_sessions = c.interpreter_sessions, interpreter_ms = c.interpreter_ms,
          device_uses = c.device_uses, media_samples = c.media_samples, media_rtt_sum = c.media_rtt_sum, media_loss_sum = c.media_loss_sum
        FROM (
          SELECT visit_id,
            SUM(CASE WHEN kind = 'sessionEnded' AND jsonb_typeof(data -> 'serviceMs') = 'number'
                     THEN GREATEST(0, round((data ->> 'serviceMs')::numeric)) ELSE 0 END) AS service_ms,
            COUNT(*) FILTER (WHERE kind = 'sessionEnded') AS sessions_ended,
            COUNT(*) FILTER (WHERE kind = 'noShow') AS no_shows,
            COUNT(*) FILTER (WHERE kind = 'transfer') AS transfers,
            COUNT(*) FILTER (WHERE kind = 'interpreterRequested') AS interpreter_requests,
            COUNT(*) FILTER (WHERE kind = 'interpreterLeft') AS interpreter_sessions,
            SUM(CASE WHEN kind = 'interpreterLeft' AND jsonb_typeof(data -> 'minutes') = 'number'
                     THEN GREATEST(0, round((data ->> 'minutes')::numeric * 60000)) ELSE 0 END) AS interpreter_ms,
            COUNT(*) FILTER (WHERE kind = 'deviceUsed') AS device_uses,
            COUNT(*) FILTER (WHERE kind = 'mediaQuality' AND jsonb_typeof(data -> 'rttMs') = 'number' AND jsonb_typeof(data -> 'lossPct') = 'number') AS media_samples,
            SUM(CASE WHEN kind = 'mediaQuality' AND jsonb_typeof(data -> 'rttMs') = 'number' AND jsonb_typeof(data -> 'lossPct') = 'number'
                     THEN GREATEST(0, round((data ->> 'rttMs')::numeric)) ELSE 0 END) AS media_rtt_sum,
            SUM(CASE WHEN kind = 'mediaQuality' AND jsonb_typeof(data -> 'rttMs') = 'number' AND jsonb_typeof(data -> 'lossPct') = 'number'
                     THEN GREATEST(0, round((data ->> 'lossPct')::numeric * 100)) ELSE 0 END) AS media_loss_sum
          FROM usage_events WHERE visit_id IS NOT NULL GROUP BY visit_id
        ) AS c
        WHERE c.visit_id = visit_facts.visit_id;
      INSERT INTO interpreting_facts
          (event_id, kind, at, local_date, month, week, visit_id, service_point_id, region, agency_id, language, provider_id, on_demand, answer_ms, duration_ms)
        SELECT event_id, kind, at, local_date, to_char(local_date, 'YYYY-MM'), to_char(local_date, 'IYYY-"W"IW'), visit_id, service_point_id, region, agency_id,
          CASE WHEN jsonb_typeof(data -> 'language') = 'string' AND data ->> 'language' <> '' THEN left(data ->> 'language', 64) END,
          CASE WHEN jsonb_typeof(data -> 'providerId') = 'string' AND data ->> 'providerId' <> '' THEN left(data ->> 'providerId', 64) END,
          CASE WHEN kind = 'interpreterRequested' THEN (CASE WHEN data -> 'onDemand' = 'true'::jsonb THEN 1 ELSE 0 END) END,
          CASE WHEN kind = 'interpreterAnswered' AND jsonb_typeof(data -> 'answerMs') = 'number'
               THEN GREATEST(0, round((data ->> 'answerMs')::numeric))::bigint END,
          CASE WHEN kind = 'interpreterLeft' THEN
               CASE WHEN jsonb_typeof(data -> 'minutes') = 'number' THEN GREATEST(0, round((data ->> 'minutes')::numeric * 60000))::bigint ELSE 0 END
          END
        FROM usage_events WHERE kind IN ('interpreterRequested', 'interpreterAnswered', 'interpreterLeft');
    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE interpreter_providers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      );
      CREATE TABLE interpreter_contracts (
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        provider_id TEXT NOT NULL REFERENCES interpreter_providers(id),
        PRIMARY KEY (agency_id, provider_id)
      );
      CREATE TABLE interpreters (
        staff_id TEXT PRIMARY KEY REFERENCES staff_users(id),
        provider_id TEXT NOT NULL REFERENCES interpreter_providers(id),
        skills JSONB NOT NULL
      );
      CREATE TABLE interpreter_requests (
        request_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        modality TEXT NOT NULL,
        language TEXT NOT NULL,
        mode TEXT NOT NULL,
        origin TEXT NOT NULL,
        state TEXT NOT NULL,
        requested_at BIGINT NOT NULL,
        batch INTEGER NOT NULL,
        rung_count INTEGER NOT NULL,
        answered_at BIGINT,
        joined_at BIGINT,
        ended_at BIGINT,
        interpreter_id TEXT,
        provider_id TEXT
      );
      CREATE INDEX interpreter_requests_session ON interpreter_requests (session_id);
      CREATE INDEX interpreter_requests_state ON interpreter_requests (state);
      ALTER TABLE tickets ADD COLUMN interpreter_need JSONB;
      ALTER TABLE bookings ADD COLUMN interpreter_need JSONB;
      ALTER TABLE bookings ADD COLUMN interpreter_id TEXT;
      CREATE INDEX bookings_interpreter ON bookings (interpreter_id, date);
    `,
  },
  {
    // Agency policy of ID-card identification (SQLite version 6).
    version: 5,
    sql: `ALTER TABLE agencies ADD COLUMN shows_personal_identity_code boolean NOT NULL DEFAULT false;`,
  },
];

/** Key of the transaction-level advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = '4242017000001';

/**
 * Applies pending migrations in one transaction under `pg_advisory_xact_lock`, so processes
 * starting at once queue up: the first applies, the others then see the versions as applied.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
