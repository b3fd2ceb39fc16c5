import GRDB

/// The `settings` table: what the kiosk remembers between runs (e.g. the last agent id).
extension InspektStore {
    /// A remembered kiosk setting (e.g. the last agent id), or nil.
    public func setting(_ key: String) -> String? {
        try? pool.read { db in try SettingRecord.fetchOne(db, key: key)?.value }
    }

    /// Remembers a kiosk setting; nil forgets it. Never used for secrets.
    public func setSetting(_ key: String, _ value: String?) {
        _ = try? pool.write { db in
            if let value {
                try SettingRecord(key: key, value: value).save(db)
            } else {
                _ = try SettingRecord.deleteOne(db, key: key)
            }
        }
    }
}
