import Foundation
import GRDB

/// A row of `results`: a result document as Inspektlabs delivered it, unknown fields included.
struct ResultRecord: StoreRecord {
    static let databaseTableName = "results"

    var inspectionID: String
    var session: String
    var document: Data
    var receivedAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case inspectionID = "inspection_id"
        case session, document
        case receivedAt = "received_at"
    }
}
