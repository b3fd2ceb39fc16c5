import GRDB
import InspektStorage
import InspektCore

/// The schema, as an ordered list of migrations: a database from any earlier version is brought forward.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Dates are REAL seconds since the reference date, so that they read back exactly.
            try db.execute(
                sql: """
                    CREATE TABLE inspections (
                        id TEXT PRIMARY KEY NOT NULL,
                        case_id TEXT NOT NULL,
                        vehicle TEXT NOT NULL DEFAULT '',
                        vehicle_type TEXT,
                        agent_id TEXT NOT NULL DEFAULT '',
                        agent_name TEXT NOT NULL DEFAULT '',
                        email TEXT NOT NULL DEFAULT '',
                        notes TEXT NOT NULL DEFAULT '',
                        state TEXT NOT NULL,
                        session TEXT,
                        missing_reason TEXT,
                        failure_reason TEXT,
                        result_summary TEXT,
                        upload_fraction REAL,
                        callback_token TEXT UNIQUE,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE INDEX inspections_created ON inspections(created_at);
                    CREATE INDEX inspections_case ON inspections(case_id);
                    CREATE INDEX inspections_session ON inspections(session);
                    CREATE INDEX inspections_state ON inspections(state);

                    CREATE TABLE photos (
                        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        slot TEXT NOT NULL,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT,
                        capture_time REAL,
                        PRIMARY KEY (inspection_id, position)
                    );

                    CREATE TABLE sessions (
                        session TEXT PRIMARY KEY NOT NULL,
                        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
                        access_token TEXT NOT NULL,
                        refresh_token TEXT NOT NULL,
                        issued_at REAL NOT NULL,
                        expires_at REAL NOT NULL,
                        spent INTEGER NOT NULL DEFAULT 0,
                        body_sent INTEGER NOT NULL DEFAULT 0,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX sessions_inspection ON sessions(inspection_id);

                    CREATE TABLE upload_attempts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
                        session TEXT,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        outcome TEXT,
                        detail TEXT
                    );
                    CREATE INDEX upload_attempts_inspection ON upload_attempts(inspection_id);

                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        inspection_id TEXT NOT NULL,
                        at REAL NOT NULL,
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX events_inspection ON events(inspection_id, id);

                    CREATE TABLE results (
                        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
                        session TEXT NOT NULL,
                        document BLOB NOT NULL,
                        received_at REAL NOT NULL,
                        UNIQUE (inspection_id, session)
                    );

                    CREATE TABLE settings (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-board-window") { db in
            // The board reads only the rows it shows, in its order (newest first, then by id) and with
            // its `/` filter, from one covering index; the filter key is folded in Swift, as in memory.
            try db.execute(sql: "ALTER TABLE inspections ADD COLUMN search_key TEXT NOT NULL DEFAULT ''")
            let rows = try Row.fetchAll(db, sql: "SELECT id, case_id, vehicle FROM inspections")
            let update = try db.makeStatement(sql: "UPDATE inspections SET search_key = ? WHERE id = ?")
            for row in rows {
                let id: String = row[0]
                try update.execute(arguments: [BoardSearch.key(caseID: row[1], vehicle: row[2], id: id), id])
            }
            try db.execute(sql: "CREATE INDEX inspections_board ON inspections(created_at DESC, id, search_key, state)")
            try db.execute(sql: "CREATE INDEX inspections_search ON inspections(search_key)")
        }
        migrator.registerMigration("v2-archive") { db in
            // Archiving hides an inspection from the board; nothing is ever deleted for it.
            try db.execute(sql: "ALTER TABLE inspections ADD COLUMN archived_at REAL")
            // The board hides archived rows: its index covers the column so that counting stays on the index.
            try db.execute(sql: "DROP INDEX inspections_board")
            try db.execute(
                sql:
                    "CREATE INDEX inspections_board ON inspections(created_at DESC, id, search_key, state, archived_at)"
            )
        }
        ComparisonSchema.register(in: &migrator)
        migrator.registerMigration("v3-fleet") { db in
            // The kiosk that captured each inspection, and results that came before their inspection.
            try db.execute(
                sql: """
                    ALTER TABLE inspections ADD COLUMN kiosk TEXT;
                    CREATE TABLE pending_results (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        session TEXT NOT NULL,
                        document BLOB NOT NULL,
                        received_at REAL NOT NULL
                    );
                    CREATE INDEX pending_results_session ON pending_results(session);
                    """)
        }
        migrator.registerMigration("v4-board-counts") { db in
            // Counting archived rows reads a partial index of just those rows, and the board's count is all rows
            // less them, so that a board of 100,000 starts without a scan. The `/` filter counts its matches over
            // a narrow index of what it matches (half the bytes of the board's), and the board index covers the
            // session too, so that neither reads the table.
            try db.execute(
                sql: "CREATE INDEX inspections_archived ON inspections(archived_at) WHERE archived_at IS NOT NULL")
            try db.execute(
                sql: "CREATE INDEX inspections_filter ON inspections(archived_at, search_key, session, state)")
            try db.execute(sql: "DROP INDEX inspections_board")
            try db.execute(
                sql:
                    "CREATE INDEX inspections_board ON inspections(created_at DESC, id, search_key, state, archived_at, session)"
            )
        }
        PhotoQualitySchema.register(in: &migrator)
        migrator.registerMigration("v6-video-duration") { db in
            // A video's length, kept with it: status and the board show it after its file is moved or deleted.
            try db.execute(sql: "ALTER TABLE photos ADD COLUMN duration REAL")
        }
        migrator.registerMigration("v7-kiosk-index") { db in
            // Every process asks at open whether rows are left under this kiosk's former id: an index answers in
            // a few pages, where the table is read whole (12 MB at 10,000 inspections) at each start.
            try db.execute(sql: "CREATE INDEX inspections_kiosk ON inspections(kiosk)")
        }
        return migrator
    }
}
