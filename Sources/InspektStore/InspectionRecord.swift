import Foundation
import GRDB
import InspektCore
import InspektStorage

/// A row of `inspections`: an inspection's facts, state and progress, without its photos.
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

    init(_ inspection: Inspection) throws {
        let facts = inspection.facts
        id = inspection.id
        caseID = facts.caseID
        vehicle = facts.vehicle
        vehicleType = facts.vehicleType?.rawValue
        agentID = facts.agentID
        agentName = facts.agentName
        email = facts.email
        notes = facts.notes
        state = inspection.state.rawValue
        session = inspection.session
        missingReason = inspection.missingReason
        failureReason = inspection.failureReason
        resultSummary = try inspection.result.map(Self.encode)
        uploadFraction = inspection.uploadFraction
        createdAt = inspection.createdAt
        updatedAt = inspection.updatedAt
        searchKey = BoardSearch.key(caseID: facts.caseID, vehicle: facts.vehicle, id: inspection.id)
        archivedAt = inspection.archivedAt
        kiosk = inspection.kiosk
    }

    /// The inspection this row holds, with its photos; a state or summary this version cannot read is an error.
    func inspection(photos: [PhotoSelection], decoder: JSONDecoder) throws -> Inspection {
        guard let known = InspectionState(rawValue: state) else { throw StoreError.unreadableRow("state \(state)") }
        var summary: ResultSummary?
        if let resultSummary {
            do { summary = try decoder.decode(ResultSummary.self, from: Data(resultSummary.utf8)) } catch {
                throw StoreError.unreadableRow("result summary of \(id)")
            }
        }
        let facts = CaseFacts(
            caseID: caseID, vehicle: vehicle, vehicleType: vehicleType.flatMap(VehicleType.init(rawValue:)),
            agentID: agentID, agentName: agentName, email: email, notes: notes)
        var inspection = Inspection(
            id: id, facts: facts, state: known, photos: photos, session: session, missingReason: missingReason,
            failureReason: failureReason, result: summary, uploadFraction: uploadFraction, createdAt: createdAt,
            updatedAt: updatedAt)
        inspection.archivedAt = archivedAt
        inspection.kiosk = kiosk
        return inspection
    }

    static func encode(_ summary: ResultSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
