import Foundation
import GRDB
import InspektStorage

/// A row of `upload_attempts`: one try at an upload, from its start to how it ended.
struct AttemptRecord: StoreRecord {
    static let databaseTableName = "upload_attempts"

    /// Nil until inserted: SQLite numbers attempts.
    var id: Int64?
    var inspectionID: String
    var session: String?
    var startedAt: Date
    var finishedAt: Date?
    var outcome: AttemptOutcome?
    var detail: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case inspectionID = "inspection_id"
        case session
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case outcome, detail
    }

    init(inspectionID: String, session: String?, startedAt: Date) {
        self.inspectionID = inspectionID
        self.session = session
        self.startedAt = startedAt
    }

    var attempt: UploadAttempt {
        UploadAttempt(
            id: id ?? 0, inspectionID: inspectionID, session: session, startedAt: startedAt, finishedAt: finishedAt,
            outcome: outcome, detail: detail)
    }
}
