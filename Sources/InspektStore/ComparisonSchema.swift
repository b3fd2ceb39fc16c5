import GRDB

/// The migration that lets an inspection be a comparison (API.md §5): its kind, and the two inspections compared.
enum ComparisonSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-comparisons") { db in
            // `compared_before` / `compared_after` hold the Inspektlabs inspection ids (sessions) sent as
            // inspection_id_1 and inspection_id_2; both NULL for an ordinary inspection.
            try db.execute(
                sql: """
                    ALTER TABLE inspections ADD COLUMN kind TEXT NOT NULL DEFAULT 'inspection';
                    ALTER TABLE inspections ADD COLUMN compared_before TEXT;
                    ALTER TABLE inspections ADD COLUMN compared_after TEXT;
                    CREATE INDEX inspections_kind ON inspections(kind);
                    """)
        }
    }
}
