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
  {
    // Statistics fact tables, maintained by StatisticsStore.append in the event's transaction
    // (see signaling/src/statistics/facts.ts), and rebuilt here once from the events so far.
    version: 4,
    sql: `
      CREATE TABLE visit_facts (
        visit_id TEXT PRIMARY KEY,
        issued_at INTEGER,            -- the first ticketIssued; NULL: not (yet) a visit
        local_date TEXT,
        month TEXT,                   -- 'YYYY-MM'
        week TEXT,                    -- ISO 'YYYY-Www'
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
        started_at INTEGER,           -- the first sessionStarted
        wait_ms INTEGER,              -- its waitMs
        service_ms INTEGER NOT NULL DEFAULT 0,
        sessions_ended INTEGER NOT NULL DEFAULT 0,
        no_shows INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0,
        feedback_at INTEGER,
        ces INTEGER,
        csat INTEGER,
        nps INTEGER,
        interpreter_requests INTEGER NOT NULL DEFAULT 0,
        interpreter_sessions INTEGER NOT NULL DEFAULT 0,
        interpreter_ms INTEGER NOT NULL DEFAULT 0,
        device_uses INTEGER NOT NULL DEFAULT 0,
        media_samples INTEGER NOT NULL DEFAULT 0,
        media_rtt_sum INTEGER NOT NULL DEFAULT 0,   -- whole ms
        media_loss_sum INTEGER NOT NULL DEFAULT 0   -- hundredths of a percent
      );
      CREATE INDEX visit_facts_date ON visit_facts (local_date);
      CREATE INDEX visit_facts_agency_date ON visit_facts (agency_id, local_date);

      CREATE TABLE interpreting_facts (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,           -- interpreterRequested | interpreterAnswered | interpreterLeft
        at INTEGER NOT NULL,
        local_date TEXT NOT NULL,
        month TEXT NOT NULL,
        week TEXT NOT NULL,
        visit_id TEXT,
        service_point_id TEXT NOT NULL,
        region TEXT NOT NULL,
        agency_id TEXT,
        language TEXT,                -- the interpreting language
        provider_id TEXT,
        on_demand INTEGER,
        answer_ms INTEGER,
        duration_ms INTEGER
      );
      CREATE INDEX interpreting_facts_date ON interpreting_facts (local_date);
      CREATE INDEX interpreting_facts_month ON interpreting_facts (month, agency_id);

      -- Rebuild from the events recorded so far, with the same rules as facts.ts.
      INSERT INTO visit_facts (visit_id)
        SELECT DISTINCT visit_id FROM usage_events
        WHERE visit_id IS NOT NULL AND kind NOT IN ('bookingCheckedIn', 'interpreterAnswered', 'interpreterJoined');
      UPDATE visit_facts SET
          issued_at = f.at, local_date = f.local_date, month = substr(f.local_date, 1, 7), week = strftime('%G-W%V', f.local_date),
          hour = f.hour, weekday = f.weekday, service_point_id = f.service_point_id, point_kind = f.point_kind, region = f.region,
          municipality = f.municipality, stop_place = f.stop_place, agency_id = f.agency_id, service_id = f.service_id,
          channel = f.channel, language = f.language
        FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at, rowid) AS rn
              FROM usage_events WHERE kind = 'ticketIssued' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          started_at = f.at,
          wait_ms = CASE WHEN json_type(f.data, '$.waitMs') IN ('integer', 'real')
                         THEN MAX(0, CAST(ROUND(json_extract(f.data, '$.waitMs')) AS INTEGER)) END
        FROM (SELECT visit_id, at, data, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at, rowid) AS rn
              FROM usage_events WHERE kind = 'sessionStarted' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          feedback_at = f.at,
          ces = CASE WHEN json_type(f.data, '$.ces') = 'integer' AND json_extract(f.data, '$.ces') BETWEEN 1 AND 5 THEN json_extract(f.data, '$.ces') END,
          csat = CASE WHEN json_type(f.data, '$.csat') = 'integer' AND json_extract(f.data, '$.csat') BETWEEN 1 AND 5 THEN json_extract(f.data, '$.csat') END,
          nps = CASE WHEN json_type(f.data, '$.nps') = 'integer' AND json_extract(f.data, '$.nps') BETWEEN 0 AND 10 THEN json_extract(f.data, '$.nps') END
        FROM (SELECT visit_id, at, data, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY at DESC, rowid DESC) AS rn
              FROM usage_events WHERE kind = 'feedback' AND visit_id IS NOT NULL) AS f
        WHERE f.rn = 1 AND f.visit_id = visit_facts.visit_id;
      UPDATE visit_facts SET
          service_ms = c.service_ms, sessions_ended = c.sessions_ended, no_shows = c.no_shows, transfers = c.transfers,
          interpreter_requests = c.interpreter_requests, interpreter_sessions = c.interpreter_sessions, interpreter_ms = c.interpreter_ms,
          device_uses = c.device_uses, media_samples = c.media_samples, media_rtt_sum = c.media_rtt_sum, media_loss_sum = c.media_loss_sum
        FROM (
          SELECT visit_id,
            SUM(CASE WHEN kind = 'sessionEnded' AND json_type(data, '$.serviceMs') IN ('integer', 'real')
                     THEN MAX(0, CAST(ROUND(json_extract(data, '$.serviceMs')) AS INTEGER)) ELSE 0 END) AS service_ms,
            SUM(kind = 'sessionEnded') AS sessions_ended,
            SUM(kind = 'noShow') AS no_shows,
            SUM(kind = 'transfer') AS transfers,
            SUM(kind = 'interpreterRequested') AS interpreter_requests,
            SUM(kind = 'interpreterLeft') AS interpreter_sessions,
            SUM(CASE WHEN kind = 'interpreterLeft' AND json_type(data, '$.minutes') IN ('integer', 'real')
                     THEN MAX(0, CAST(ROUND(json_extract(data, '$.minutes') * 60000) AS INTEGER)) ELSE 0 END) AS interpreter_ms,
            SUM(kind = 'deviceUsed') AS device_uses,
            SUM(kind = 'mediaQuality' AND json_type(data, '$.rttMs') IN ('integer', 'real') AND json_type(data, '$.lossPct') IN ('integer', 'real')) AS media_samples,
            SUM(CASE WHEN kind = 'mediaQuality' AND json_type(data, '$.rttMs') IN ('integer', 'real') AND json_type(data, '$.lossPct') IN ('integer', 'real')
                     THEN MAX(0, CAST(ROUND(json_extract(data, '$.rttMs')) AS INTEGER)) ELSE 0 END) AS media_rtt_sum,
            SUM(CASE WHEN kind = 'mediaQuality' AND json_type(data, '$.rttMs') IN ('integer', 'real') AND json_type(data, '$.lossPct') IN ('integer', 'real')
                     THEN MAX(0, CAST(ROUND(json_extract(data, '$.lossPct') * 100) AS INTEGER)) ELSE 0 END) AS media_loss_sum
          FROM usage_events WHERE visit_id IS NOT NULL GROUP BY visit_id
        ) AS c
        WHERE c.visit_id = visit_facts.visit_id;
      INSERT INTO interpreting_facts
          (event_id, kind, at, local_date, month, week, visit_id, service_point_id, region, agency_id, language, provider_id, on_demand, answer_ms, duration_ms)
        SELECT event_id, kind, at, local_date, substr(local_date, 1, 7), strftime('%G-W%V', local_date), visit_id, service_point_id, region, agency_id,
          CASE WHEN json_type(data, '$.language') = 'text' AND json_extract(data, '$.language') <> '' THEN substr(json_extract(data, '$.language'), 1, 64) END,
          CASE WHEN json_type(data, '$.providerId') = 'text' AND json_extract(data, '$.providerId') <> '' THEN substr(json_extract(data, '$.providerId'), 1, 64) END,
          CASE WHEN kind = 'interpreterRequested' THEN (json_type(data, '$.onDemand') = 'true') END,
          CASE WHEN kind = 'interpreterAnswered' AND json_type(data, '$.answerMs') IN ('integer', 'real')
               THEN MAX(0, CAST(ROUND(json_extract(data, '$.answerMs')) AS INTEGER)) END,
          CASE WHEN kind = 'interpreterLeft' THEN
               CASE WHEN json_type(data, '$.minutes') IN ('integer', 'real') THEN MAX(0, CAST(ROUND(json_extract(data, '$.minutes') * 60000) AS INTEGER)) ELSE 0 END
          END
        FROM usage_events WHERE kind IN ('interpreterRequested', 'interpreterAnswered', 'interpreterLeft');
    `,
  },
  {
    // Interpreting: providers, the agencies' contracts, interpreters' skills, interpreter requests;
    // the interpreter a ticket or booking needs, and the interpreter assigned to a booking.
    version: 5,
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
        skills TEXT NOT NULL          -- InterpretingSkill[] as JSON
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
        requested_at INTEGER NOT NULL,
        batch INTEGER NOT NULL,
        rung_count INTEGER NOT NULL,
        answered_at INTEGER,
        joined_at INTEGER,
        ended_at INTEGER,
        interpreter_id TEXT,
        provider_id TEXT
      );
      CREATE INDEX interpreter_requests_session ON interpreter_requests (session_id);
      CREATE INDEX interpreter_requests_state ON interpreter_requests (state);
      ALTER TABLE tickets ADD COLUMN interpreter_need TEXT;      -- InterpretingSkill JSON or NULL
      ALTER TABLE bookings ADD COLUMN interpreter_need TEXT;     -- InterpretingSkill JSON or NULL
      ALTER TABLE bookings ADD COLUMN interpreter_id TEXT;
      CREATE INDEX bookings_interpreter ON bookings (interpreter_id, date);
    `,
  },
  {
    // Agency policy of ID-card identification: may the expert see the personal identity code.
    version: 6,
    sql: `ALTER TABLE agencies ADD COLUMN shows_personal_identity_code INTEGER NOT NULL DEFAULT 0;`,
  },
];
