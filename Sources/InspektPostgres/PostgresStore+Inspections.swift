import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// The `inspections` table: facts, state and photos, read and written whole; state changes compare-and-set.
extension PostgresStore: InspectionStore {
    public func insert(_ inspection: Inspection) throws {
        try write { session in
            if try exists(inspection.id, session) { throw StoreError.alreadyExists(inspection.id) }
            try upsert(inspection, in: session)
        }
    }

    public func save(contentsOf inspections: [Inspection]) throws {
        try write { session in for inspection in inspections { try upsert(inspection, in: session) } }
    }

    public func save(_ inspection: Inspection) throws {
        try write { session in try upsert(inspection, in: session) }
    }

    public func inspection(id: String) throws -> Inspection? {
        try read { session in try fetch(session, where: "id = \(id)").first }
    }

    public func inspections() throws -> [Inspection] {
        try read { session in try fetch(session, where: nil) }
    }

    public func newestInspections(limit: Int) throws -> [Inspection] {
        try read { session in try fetch(session, where: nil, limit: limit) }
    }

    public func inspectionCount() throws -> Int {
        try read { session in try session.value("SELECT count(*) FROM inspections", as: Int.self) ?? 0 }
    }

    public func inspections(caseID: String) throws -> [Inspection] {
        try read { session in try fetch(session, where: "case_id = \(caseID)") }
    }

    public func inspections(sameCaseAs caseID: String) throws -> [Inspection] {
        try read { session in try fetch(session, where: "lower(case_id) = lower(\(caseID))") }
    }

    public func unfinishedUploads() throws -> [Inspection] {
        let states = InspectionState.allCases.filter(\.isUnfinishedUpload).map(\.rawValue)
        return try read { session in
            try fetch(
                session, where: SQLStatement.isIn("state", states) + " AND kind = 'inspection'",
                order: "created_at ASC, seq ASC")
        }
    }

    public func setState(_ id: String, _ state: InspectionState, failureReason: String?) throws {
        try update(id) { session in
            try session.execute(
                """
                UPDATE inspections SET state = \(state.rawValue), failure_reason = \(failureReason),
                    updated_at = \(clock.now().timeIntervalSinceReferenceDate) WHERE id = \(id)
                """)
        }
    }

    public func setSession(inspectionID: String, session value: String?) throws {
        try update(inspectionID) { session in
            try session.execute(
                "UPDATE inspections SET session = \(value), updated_at = \(clock.now().timeIntervalSinceReferenceDate) WHERE id = \(inspectionID)"
            )
        }
    }

    public func setArchived(id: String, _ archived: Bool, at date: Date) throws {
        let when: Double? = archived ? date.timeIntervalSinceReferenceDate : nil
        try update(id) { session in try session.execute("UPDATE inspections SET archived_at = \(when) WHERE id = \(id)")
        }
        try appendEvent(inspectionID: id, kind: archived ? .archived : .restored, detail: "", at: date)
    }

    public func delete(id: String) throws {
        try write { session in
            try session.execute("DELETE FROM events WHERE inspection_id = \(id)")
            try session.execute("DELETE FROM inspections WHERE id = \(id)")
        }
    }

    public func inspection(session value: String) throws -> Inspection? {
        try read { session in
            try fetch(
                session,
                where: "session = \(value) OR id IN (SELECT inspection_id FROM sessions WHERE session = \(value))"
            )
            .first
        }
    }

    public func changesByOtherConnections() throws -> Int {
        try read { session in try session.value("SELECT last_value FROM inspekt_changes", as: Int.self) ?? 0 }
    }

    public func movePhoto(inspectionID: String, from oldPath: String, to newPath: String) throws {
        try write { session in
            try session.execute(
                "UPDATE photos SET path = \(newPath) WHERE inspection_id = \(inspectionID) AND path = \(oldPath)")
        }
    }

    public func saveDraft(_ inspection: Inspection) throws -> Bool {
        try write { session in
            let stored = try session.value(
                "SELECT state FROM inspections WHERE id = \(inspection.id) FOR UPDATE", as: String.self)
            if let stored, stored != InspectionState.draft.rawValue { return false }
            var draft = inspection
            draft.state = .draft
            try upsert(draft, in: session)
            return true
        }
    }

    public func deleteDraft(id: String) throws -> Bool {
        try write { session in
            let stored = try session.value("SELECT state FROM inspections WHERE id = \(id) FOR UPDATE", as: String.self)
            guard stored == InspectionState.draft.rawValue else { return false }
            try session.execute("DELETE FROM events WHERE inspection_id = \(id)")
            try session.execute("DELETE FROM inspections WHERE id = \(id)")
            return true
        }
    }

    @discardableResult
    public func moveState(
        _ id: String, from: Set<InspectionState>, to state: InspectionState, failureReason: String?, at: Date
    ) throws -> Bool {
        try write { session in
            try StateTransitions.move(
                PostgresTransaction(session: session), id, from: from, to: state, failureReason: failureReason, at: at)
        }
    }

    public func beginAttempt(inspectionID id: String, session value: String, at: Date) throws -> Int64? {
        try write { session in
            try StateTransitions.beginAttempt(PostgresTransaction(session: session), id, session: value, at: at)
        }
    }

    public func recordAcceptance(
        inspectionID id: String, session value: String, attemptID: Int64?, note: String, digests: [String]?, at: Date
    ) throws {
        try write { session in
            try StateTransitions.recordAcceptance(
                PostgresTransaction(session: session), id, session: value, attemptID: attemptID, note: note,
                digests: digests, at: at)
        }
    }

    func exists(_ id: String, _ session: PostgresSession) throws -> Bool {
        try session.value("SELECT EXISTS (SELECT 1 FROM inspections WHERE id = \(id))", as: Bool.self) ?? false
    }

    /// Runs an update of one inspection in one transaction; an unknown id is an error.
    private func update(_ id: String, _ change: (PostgresSession) throws -> Int) throws {
        try write { session in
            if try change(session) == 0 { throw StoreError.unknownInspection(id) }
        }
    }
}
