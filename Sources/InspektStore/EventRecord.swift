import Foundation
import GRDB
import InspektCore

/// A row of `events`: one line of an inspection's history.
struct EventRecord: StoreRecord {
    static let databaseTableName = "events"

    /// Nil until inserted: the history is read in the order SQLite numbered it.
    var id: Int64?
    var inspectionID: String
    var at: Date
    var kind: InspectionEventKind
    var detail: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case inspectionID = "inspection_id"
        case at, kind, detail
    }

    var event: InspectionEvent { InspectionEvent(at: at, kind: kind.rawValue, detail: detail) }
}
