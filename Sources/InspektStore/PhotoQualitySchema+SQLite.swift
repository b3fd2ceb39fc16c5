import GRDB
import InspektStorage

/// The SQLite side of the Q Score table's migration.
extension PhotoQualitySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-photo-quality") { db in
            try db.execute(sql: table(text: "TEXT", real: "REAL", references: "inspections(id) ON DELETE CASCADE"))
        }
    }
}
