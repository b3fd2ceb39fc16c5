import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// How inspections (with their photos) are written and read: the same rules as the SQLite engine's.
extension PostgresStore {
    static let columns = """
        id, kiosk, kind, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state, session, missing_reason,
        failure_reason, result_summary, upload_fraction, created_at, updated_at, archived_at, compared_before, compared_after
        """

    /// Inserts or replaces an inspection and its photos. A stale copy never forgets a stored session, never
    /// moves an inspection back from accepted or from a result, and never changes the kiosk that captured it.
    func upsert(_ inspection: Inspection, in session: PostgresSession) throws {
        let facts = inspection.facts
        let summary = try inspection.result.map(Self.encode)
        let key = BoardSearch.key(caseID: facts.caseID, vehicle: facts.vehicle, id: inspection.id)
        try session.execute(
            """
            INSERT INTO inspections (id, kiosk, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state,
                session, missing_reason, failure_reason, result_summary, upload_fraction, created_at, updated_at, search_key)
            VALUES (\(inspection.id), \(inspection.kiosk ?? kioskID), \(facts.caseID), \(facts.vehicle),
                \(facts.vehicleType?.rawValue), \(facts.agentID), \(facts.agentName), \(facts.email), \(facts.notes),
                \(inspection.state.rawValue), \(inspection.session), \(inspection.missingReason), \(inspection.failureReason),
                \(summary), \(inspection.uploadFraction), \(inspection.createdAt.timeIntervalSinceReferenceDate),
                \(inspection.updatedAt.timeIntervalSinceReferenceDate), \(key))
            \(unescaped: InspectionSaveRule.onConflict)
            """)
        try session.execute("DELETE FROM photos WHERE inspection_id = \(inspection.id)")
        for (position, photo) in inspection.photos.enumerated() {
            try session.execute(
                """
                INSERT INTO photos (inspection_id, position, slot, path, size, sha256, capture_time)
                VALUES (\(inspection.id), \(position), \(photo.slot.rawValue), \(photo.path), \(photo.size), \(photo.sha256),
                    \(photo.captureTime?.timeIntervalSinceReferenceDate))
                """)
        }
    }

    /// The inspections matching `condition` (SQL over `inspections`, its values in `binds`), in `order`, with
    /// their photos, read in two queries whatever the number of rows.
    func fetch(
        _ session: PostgresSession, where condition: String?, binds: [any PostgresEncodable & Sendable] = [],
        order: String = "created_at DESC, seq DESC", limit: Int? = nil
    ) throws -> [Inspection] {
        var sql = "SELECT \(Self.columns) FROM inspections"
        if let condition { sql += " WHERE \(condition)" }
        sql += " ORDER BY \(order)"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        var bindings = PostgresBindings()
        for value in binds { try bindings.append(value) }
        let rows = try session.rows(PostgresQuery(unsafeSQL: sql, binds: bindings))
        if rows.isEmpty { return [] }
        let ids = try rows.map { try $0["id"].decode(String.self) }
        var photosByID: [String: [PhotoSelection]] = [:]
        for row in try session.rows(
            "SELECT inspection_id, slot, path, size, sha256, capture_time FROM photos WHERE inspection_id = ANY(\(ids)) ORDER BY inspection_id, position")
        {
            let slot = try row["slot"].decode(String.self)
            guard let known = CoverageSlot(rawValue: slot) else { throw StoreError.unreadableRow("photo slot \(slot)") }
            let photo = PhotoSelection(
                slot: known, path: try row["path"].decode(String.self), size: try row["size"].decode(Int64.self),
                sha256: try row["sha256"].decode(String?.self),
                captureTime: try row["capture_time"].decode(Double?.self).map(Date.init(timeIntervalSinceReferenceDate:)))
            photosByID[try row["inspection_id"].decode(String.self), default: []].append(photo)
        }
        let decoder = JSONDecoder()
        return try rows.map { row in try Self.inspection(row, photos: photosByID, decoder: decoder) }
    }

    private static func inspection(
        _ row: PostgresRandomAccessRow, photos: [String: [PhotoSelection]], decoder: JSONDecoder
    ) throws -> Inspection {
        let id = try row["id"].decode(String.self)
        let stateName = try row["state"].decode(String.self)
        guard let state = InspectionState(rawValue: stateName) else { throw StoreError.unreadableRow("state \(stateName)") }
        var summary: ResultSummary?
        if let text = try row["result_summary"].decode(String?.self) {
            do { summary = try decoder.decode(ResultSummary.self, from: Data(text.utf8)) } catch {
                throw StoreError.unreadableRow("result summary of \(id)")
            }
        }
        let facts = CaseFacts(
            caseID: try row["case_id"].decode(String.self), vehicle: try row["vehicle"].decode(String.self),
            vehicleType: try row["vehicle_type"].decode(String?.self).flatMap(VehicleType.init(rawValue:)),
            agentID: try row["agent_id"].decode(String.self), agentName: try row["agent_name"].decode(String.self),
            email: try row["email"].decode(String.self), notes: try row["notes"].decode(String.self))
        func date(_ column: String) throws -> Date? {
            try row[column].decode(Double?.self).map(Date.init(timeIntervalSinceReferenceDate:))
        }
        var inspection = Inspection(
            id: id, facts: facts, state: state, photos: photos[id] ?? [], session: try row["session"].decode(String?.self),
            missingReason: try row["missing_reason"].decode(String?.self),
            failureReason: try row["failure_reason"].decode(String?.self), result: summary,
            uploadFraction: try row["upload_fraction"].decode(Double?.self), createdAt: try date("created_at") ?? Date(),
            updatedAt: try date("updated_at") ?? Date())
        inspection.archivedAt = try date("archived_at")
        inspection.kiosk = try row["kiosk"].decode(String?.self)
        if try row["kind"].decode(String.self) == "comparison",
            let before = try row["compared_before"].decode(String?.self), let after = try row["compared_after"].decode(String?.self)
        {
            inspection.compared = ComparedInspections(before: before, after: after)
        }
        return inspection
    }

    static func encode(_ summary: ResultSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
