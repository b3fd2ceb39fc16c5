import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// Comparisons, vehicle history, per-kiosk settings, the cross-host upload lock and the health check.
extension PostgresStore {
    @discardableResult
    public func insertComparison(
        _ inspection: Inspection, comparing pair: ComparedInspections, callbackToken: String
    ) throws -> String {
        try write { session in
            if try exists(inspection.id, session) { throw StoreError.alreadyExists(inspection.id) }
            // Two kiosks asking at once: the second waits here for the first's commit, then finds its comparison.
            let key = "comparison|" + pair.before + "|" + pair.after + "|" + inspection.facts.caseID
            try session.execute("SELECT pg_advisory_xact_lock(hashtext(\(key)))")
            if let existing = try session.value(
                """
                SELECT id FROM inspections WHERE kind = 'comparison' AND compared_before = \(pair.before)
                    AND compared_after = \(pair.after) AND case_id = \(inspection.facts.caseID) ORDER BY created_at ASC, seq ASC LIMIT 1
                """, as: String.self)
            {
                return existing
            }
            try upsert(inspection, in: session)
            try session.execute(
                """
                UPDATE inspections SET kind = 'comparison', compared_before = \(pair.before), compared_after = \(pair.after),
                    callback_token = \(callbackToken) WHERE id = \(inspection.id)
                """)
            return inspection.id
        }
    }

    public func comparedInspections(inspectionID: String) throws -> ComparedInspections? {
        try comparedPairs(where: "id = $1 AND kind = 'comparison'", [inspectionID]).first?.value
    }

    public func comparedInspections() throws -> [String: ComparedInspections] {
        Dictionary(try comparedPairs(where: "kind = 'comparison'", []), uniquingKeysWith: { first, _ in first })
    }

    private func comparedPairs(
        where condition: String, _ binds: [String]
    ) throws -> [(key: String, value: ComparedInspections)] {
        try read { session in
            try session.rows(
                Self.query("SELECT id, compared_before, compared_after FROM inspections WHERE \(condition)", binds)
            )
            .map { row in
                (
                    try row["id"].decode(String.self),
                    ComparedInspections(
                        before: try row["compared_before"].decode(String?.self) ?? "",
                        after: try row["compared_after"].decode(String?.self) ?? "")
                )
            }
        }
    }

    public func comparisons(of pair: ComparedInspections, caseID: String) throws -> [Inspection] {
        try read { session in
            try fetch(
                session,
                where:
                    "kind = 'comparison' AND compared_before = \(pair.before) AND compared_after = \(pair.after) AND case_id = \(caseID)",
                order: "created_at ASC, seq ASC")
        }
    }

    public func ordinaryInspections() throws -> [Inspection] {
        try read { session in try fetch(session, where: "kind = 'inspection'") }
    }

    public func vehicleHistory(vehicleKey: String) throws -> [Inspection] {
        guard !vehicleKey.isEmpty else { return [] }
        return try read { session in
            // The key is computed in Swift (Unicode hyphens and spaces), over the vehicle column alone.
            let ids = try session.rows("SELECT id, vehicle FROM inspections WHERE vehicle <> ''").compactMap { row in
                VehicleKey.normalised(try row["vehicle"].decode(String.self)) == vehicleKey
                    ? try row["id"].decode(String.self) : nil
            }
            if ids.isEmpty { return [] }
            return try fetch(session, where: .isIn("id", ids), order: "created_at ASC, seq ASC")
        }
    }

    public func acceptedInspections(before date: Date, limit: Int) throws -> [Inspection] {
        let accepted = InspectionState.allCases.filter(\.wasAccepted).map(\.rawValue)
        return try read { session in
            try fetch(
                session,
                where: "kind = 'inspection' AND session IS NOT NULL AND " + SQLStatement.isIn("state", accepted)
                    + " AND created_at < \(date)",
                limit: max(0, limit))
        }
    }

    // MARK: Settings, lock, health

    public func setting(_ key: String) -> String? {
        try? read { session in
            try session.value("SELECT value FROM settings WHERE kiosk = \(kioskID) AND key = \(key)", as: String.self)
        }
    }

    public func setSetting(_ key: String, _ value: String?) {
        _ = try? write { session in
            if let value {
                try session.execute(
                    """
                    INSERT INTO settings (kiosk, key, value) VALUES (\(kioskID), \(key), \(value))
                    ON CONFLICT (kiosk, key) DO UPDATE SET value = excluded.value
                    """)
            } else {
                try session.execute("DELETE FROM settings WHERE kiosk = \(kioskID) AND key = \(key)")
            }
        }
    }

    public func takeUploadLock(inspectionID: String, holder: String) throws -> any UploadLease {
        try PostgresUploadLock(connections: connections, inspectionID: inspectionID, holder: holder, logger: logger)
    }

    /// The advisory lock is the truth: pg_locks lists it while the session that took it lives, on any host.
    /// A 64-bit key shows there as `classid` (high half) and `objid` (low half), with `objsubid` 1.
    public func liveUploadHolders(inspectionIDs: [String]) throws -> Set<String> {
        guard !inspectionIDs.isEmpty else { return [] }
        return try read { session in
            let rows = try session.rows(
                """
                SELECT id FROM unnest(\(inspectionIDs)::text[]) AS id WHERE EXISTS (
                    SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                    AND l.classid::bigint = ((hashtextextended(id, 0) >> 32) & 4294967295)
                    AND l.objid::bigint = (hashtextextended(id, 0) & 4294967295))
                """)
            return Set(rows.compactMap { try? $0["id"].decode(String.self) })
        }
    }

    public func checkReachable() throws {
        _ = try read { session in try session.value("SELECT 1", as: Int.self) }
    }
}
