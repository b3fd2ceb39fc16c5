import GRDB

/// A row of `settings`: one remembered kiosk setting (never a secret).
struct SettingRecord: StoreRecord {
    static let databaseTableName = "settings"

    var key: String
    var value: String
}
