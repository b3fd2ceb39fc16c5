import Foundation
import InspektCore

/// How inspections (with their photos) are written and read on either engine: one column list, one mapping
/// from a row, one save rule (`InspectionSaveRule`).
public enum InspectionRows {
    /// The columns every read of an inspection selects.
    public static let columns = """
        id, kiosk, kind, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state, session, missing_reason,
        failure_reason, result_summary, upload_fraction, created_at, updated_at, archived_at, compared_before, compared_after
        """

    /// Inserts or replaces an inspection and its photos; rows without a kiosk are `kiosk`'s. A stale copy never
    /// forgets a stored session, never moves an inspection back from accepted or from a result, and never
    /// changes the kiosk that captured it.
    public static func upsert(_ transaction: some SQLTransaction, _ inspection: Inspection, kiosk: String) throws {
        let facts = inspection.facts
        let summary = try inspection.result.map(encode)
        let key = BoardSearch.key(caseID: facts.caseID, vehicle: facts.vehicle, id: inspection.id)
        try transaction.execute(
            """
            INSERT INTO inspections (id, kiosk, case_id, vehicle, vehicle_type, agent_id, agent_name, email, notes, state,
                session, missing_reason, failure_reason, result_summary, upload_fraction, created_at, updated_at, search_key)
            VALUES (\(inspection.id), \(inspection.kiosk ?? kiosk), \(facts.caseID), \(facts.vehicle),
                \(facts.vehicleType?.rawValue), \(facts.agentID), \(facts.agentName), \(facts.email), \(facts.notes),
                \(inspection.state.rawValue), \(inspection.session), \(inspection.missingReason), \(inspection.failureReason),
                \(summary), \(inspection.uploadFraction), \(inspection.createdAt), \(inspection.updatedAt), \(key))
            \(unescaped: InspectionSaveRule.onConflict)
            """)
        try transaction.execute("DELETE FROM photos WHERE inspection_id = \(inspection.id)")
        for (position, photo) in inspection.photos.enumerated() {
            try transaction.execute(
                """
                INSERT INTO photos (inspection_id, position, slot, path, size, sha256, capture_time, duration)
                VALUES (\(inspection.id), \(position), \(photo.slot.rawValue), \(photo.path), \(photo.size), \(photo.sha256),
                    \(photo.captureTime), \(photo.duration))
                """)
        }
    }

    /// The inspections matching `condition`, in `order` (the engine's insertion order breaks ties when nil), from
    /// `offset`, at most `limit`, with their photos (`table`: `inspections`, with an engine's index hint): two queries whatever the number of rows (more past 10,000).
    public static func fetch(
        _ transaction: some SQLTransaction, where condition: SQLStatement?, order: String? = nil, limit: Int? = nil,
        offset: Int = 0,
        table: String = "inspections"
    ) throws -> [Inspection] {
        var statement: SQLStatement = "SELECT \(unescaped: columns) FROM \(unescaped: table)"
        if let condition { statement = statement + " WHERE " + condition }
        let order = order ?? "created_at DESC, \(transaction.dialect.insertionOrder) DESC"
        statement = statement + "\(unescaped: " ORDER BY " + order)"
        if let limit { statement = statement + " LIMIT \(max(0, limit))" }
        if offset > 0 { statement = statement + " OFFSET \(offset)" }
        let rows = try transaction.query(statement)
        if rows.isEmpty { return [] }
        var photos: [String: [PhotoSelection]] = [:]
        // Every photo at once when every inspection is read; else those of these ids, under SQLite's bind limit.
        let ids = try rows.map { try $0.requiredString("id") }
        let slices: [[String]?] =
            condition == nil && limit == nil && offset == 0
            ? [nil] : stride(from: 0, to: ids.count, by: 10_000).map { Array(ids[$0..<min(ids.count, $0 + 10_000)]) }
        for slice in slices {
            let which: SQLStatement = slice.map { " WHERE " + SQLStatement.isIn("inspection_id", $0) } ?? ""
            for row in try transaction.query(
                "SELECT inspection_id, slot, path, size, sha256, capture_time, duration FROM photos\(which) ORDER BY inspection_id, position"
            ) {
                photos[try row.requiredString("inspection_id"), default: []].append(try photo(row))
            }
        }
        let decoder = JSONDecoder()
        return try rows.map { row in try inspection(row, photos: photos, decoder: decoder) }
    }

    /// The photo in a row of `photos`; a slot this version does not know is an error.
    public static func photo(_ row: SQLRow) throws -> PhotoSelection {
        let slot = try row.requiredString("slot")
        guard let known = CoverageSlot(rawValue: slot) else { throw StoreError.unreadableRow("photo slot \(slot)") }
        var photo = PhotoSelection(
            slot: known, path: try row.requiredString("path"), size: try row.int64("size") ?? 0,
            sha256: try row.string("sha256"),
            captureTime: try row.date("capture_time"))
        photo.duration = try row.double("duration")
        return photo
    }

    /// The inspection in a row of `columns`; a state or summary this version cannot read is an error.
    public static func inspection(
        _ row: SQLRow, photos: [String: [PhotoSelection]], decoder: JSONDecoder
    ) throws -> Inspection {
        let id = try row.requiredString("id")
        let stateName = try row.requiredString("state")
        guard let state = InspectionState(rawValue: stateName) else {
            throw StoreError.unreadableRow("state \(stateName)")
        }
        var summary: ResultSummary?
        if let text = try row.string("result_summary") {
            do { summary = try decoder.decode(ResultSummary.self, from: Data(text.utf8)) } catch {
                throw StoreError.unreadableRow("result summary of \(id)")
            }
        }
        let facts = CaseFacts(
            caseID: try row.requiredString("case_id"), vehicle: try row.requiredString("vehicle"),
            vehicleType: try row.string("vehicle_type").flatMap(VehicleType.init(rawValue:)),
            agentID: try row.requiredString("agent_id"), agentName: try row.requiredString("agent_name"),
            email: try row.requiredString("email"), notes: try row.requiredString("notes"))
        guard let created = try row.date("created_at"), let updated = try row.date("updated_at") else {
            throw StoreError.unreadableRow("dates of \(id)")
        }
        var inspection = Inspection(
            id: id, facts: facts, state: state, photos: photos[id] ?? [], session: try row.string("session"),
            missingReason: try row.string("missing_reason"), failureReason: try row.string("failure_reason"),
            result: summary,
            uploadFraction: try row.double("upload_fraction"), createdAt: created, updatedAt: updated)
        inspection.archivedAt = try row.date("archived_at")
        inspection.kiosk = try row.string("kiosk")
        if try row.string("kind") == "comparison", let before = try row.string("compared_before"),
            let after = try row.string("compared_after")
        {
            inspection.compared = ComparedInspections(before: before, after: after)
        }
        return inspection
    }

    /// A result summary as sorted-keys JSON, as it is stored.
    public static func encode(_ summary: ResultSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
