import Foundation
import InspektStorage
import PostgresNIO

/// The fleet database's schema, as numbered migrations applied in order, each in one transaction, under an
/// advisory lock so that two kiosks migrating at once do not collide. Dates are seconds since the reference
/// date (as in the SQLite file), so they read back exactly; result documents are kept as sent (`document`)
/// and, where PostgreSQL can read them, as `jsonb` (`body`) for queries.
enum PostgresSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE inspections (
            id text PRIMARY KEY,
            seq bigserial NOT NULL,
            kiosk text,
            kind text NOT NULL DEFAULT 'inspection',
            case_id text NOT NULL,
            vehicle text NOT NULL DEFAULT '',
            vehicle_type text,
            agent_id text NOT NULL DEFAULT '',
            agent_name text NOT NULL DEFAULT '',
            email text NOT NULL DEFAULT '',
            notes text NOT NULL DEFAULT '',
            state text NOT NULL,
            session text,
            missing_reason text,
            failure_reason text,
            result_summary text,
            upload_fraction double precision,
            callback_token text UNIQUE,
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL,
            search_key text NOT NULL DEFAULT '',
            archived_at double precision,
            compared_before text,
            compared_after text
        );
        CREATE INDEX inspections_board ON inspections (created_at DESC, id);
        CREATE INDEX inspections_kiosk_board ON inspections (kiosk, created_at DESC, id);
        CREATE INDEX inspections_case ON inspections (case_id);
        CREATE INDEX inspections_session ON inspections (session);
        CREATE INDEX inspections_state ON inspections (state);
        CREATE TABLE photos (
            inspection_id text NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
            position integer NOT NULL,
            slot text NOT NULL,
            path text NOT NULL,
            size bigint NOT NULL,
            sha256 text,
            capture_time double precision,
            PRIMARY KEY (inspection_id, position)
        );
        CREATE TABLE sessions (
            session text PRIMARY KEY,
            seq bigserial NOT NULL,
            inspection_id text NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
            access_token text NOT NULL,
            refresh_token text NOT NULL,
            issued_at double precision NOT NULL,
            expires_at double precision NOT NULL,
            spent boolean NOT NULL DEFAULT false,
            body_sent boolean NOT NULL DEFAULT false,
            created_at double precision NOT NULL
        );
        CREATE INDEX sessions_inspection ON sessions (inspection_id);
        CREATE TABLE upload_attempts (
            id bigserial PRIMARY KEY,
            inspection_id text NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
            session text,
            started_at double precision NOT NULL,
            finished_at double precision,
            outcome text,
            detail text
        );
        CREATE INDEX upload_attempts_inspection ON upload_attempts (inspection_id);
        CREATE TABLE events (
            id bigserial PRIMARY KEY,
            inspection_id text NOT NULL,
            at double precision NOT NULL,
            kind text NOT NULL,
            detail text NOT NULL
        );
        CREATE INDEX events_inspection ON events (inspection_id, id);
        CREATE TABLE results (
            seq bigserial NOT NULL,
            inspection_id text NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
            session text NOT NULL,
            document bytea NOT NULL,
            body jsonb,
            received_at double precision NOT NULL,
            UNIQUE (inspection_id, session)
        );
        CREATE TABLE pending_results (
            id bigserial PRIMARY KEY,
            session text NOT NULL,
            document bytea NOT NULL,
            body jsonb,
            received_at double precision NOT NULL
        );
        CREATE INDEX pending_results_session ON pending_results (session);
        CREATE TABLE settings (
            kiosk text NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (kiosk, key)
        );
        CREATE TABLE upload_locks (
            inspection_id text PRIMARY KEY,
            holder text NOT NULL
        );
        CREATE SEQUENCE inspekt_changes;
        CREATE FUNCTION inspekt_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM nextval('inspekt_changes'); RETURN NULL; END $$;
        CREATE TRIGGER inspections_changed AFTER INSERT OR UPDATE OR DELETE ON inspections
            FOR EACH STATEMENT EXECUTE FUNCTION inspekt_changed();
        CREATE TRIGGER results_changed AFTER INSERT OR UPDATE OR DELETE ON results
            FOR EACH STATEMENT EXECUTE FUNCTION inspekt_changed();

        """,
        PhotoQualitySchema.postgres,
        // A video's length, kept with it: status and the board show it after its file is moved or deleted.
        "ALTER TABLE photos ADD COLUMN duration double precision",
    ]

    /// The newest schema version this inspekt knows.
    static var knownVersion: Int { migrations.count }

    /// Checks the version; migrates when asked (or refuses with words that say what to do).
    static func prepare(_ session: PostgresSession, location: String, migrate: Bool) throws {
        let version = try currentVersion(session)
        if version > knownVersion { throw StoreError.newerSchema(location: location) }
        if version == knownVersion { return }
        guard migrate else { throw StoreError.notMigrated(location: location) }
        try session.execute("BEGIN")
        do {
            // One migrator at a time; the second finds the work done.
            try session.execute("SELECT pg_advisory_xact_lock(7373001)")
            try session.execute("CREATE TABLE IF NOT EXISTS inspekt_schema (version integer NOT NULL)")
            let now = try session.value("SELECT max(version) FROM inspekt_schema", as: Int.self) ?? 0
            for (index, sql) in migrations.enumerated() where index + 1 > now {
                // One statement at a time (each ends a line with `;`): prepared statements take one command each.
                for statement in sql.components(separatedBy: ";\n")
                where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try session.execute(PostgresQuery(unsafeSQL: statement))
                }
                try session.execute("INSERT INTO inspekt_schema (version) VALUES (\(index + 1))")
            }
            try session.execute("COMMIT")
        } catch {
            _ = try? session.execute("ROLLBACK")
            throw error
        }
    }

    static func currentVersion(_ session: PostgresSession) throws -> Int {
        let exists = try session.value("SELECT to_regclass('inspekt_schema') IS NOT NULL", as: Bool.self) ?? false
        guard exists else { return 0 }
        return try session.value("SELECT max(version) FROM inspekt_schema", as: Int.self) ?? 0
    }
}
