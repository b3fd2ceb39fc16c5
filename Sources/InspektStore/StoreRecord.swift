import Foundation
import GRDB

/// A row of one of the store's tables, read and written by column name.
///
/// Dates are REAL seconds since the reference date (as the schema has always stored them), so that they
/// read back exactly.
protocol StoreRecord: Codable, FetchableRecord, PersistableRecord {}

extension StoreRecord {
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSinceReferenceDate
    }

    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSinceReferenceDate
    }
}
