import Foundation
import GRDB
import InspektCore
import InspektStorage

/// A row of `inspections`, for GRDB's queries by key (the shared `InspectionRows` reads and writes it whole).
struct InspectionRecord: StoreRecord {
    static let databaseTableName = "inspections"

    var id: String
    var caseID: String
    var vehicle: String
    var vehicleType: String?
    var agentID: String
    var agentName: String
    var email: String
    var notes: String
    var state: String
    var session: String?
    var missingReason: String?
    var failureReason: String?
    /// The result summary as sorted-keys JSON.
    var resultSummary: String?
    var uploadFraction: Double?
    var createdAt: Date
    var updatedAt: Date
    /// What the board's `/` filter searches (case id, vehicle, inspection id), folded.
    var searchKey: String
    var archivedAt: Date?
    /// The kiosk that captured it; nil in a database from before fleet mode (this kiosk's own).
    var kiosk: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case caseID = "case_id"
        case vehicle
        case vehicleType = "vehicle_type"
        case agentID = "agent_id"
        case agentName = "agent_name"
        case email, notes, state, session
        case missingReason = "missing_reason"
        case failureReason = "failure_reason"
        case resultSummary = "result_summary"
        case uploadFraction = "upload_fraction"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case searchKey = "search_key"
        case archivedAt = "archived_at"
        case kiosk
    }
}
