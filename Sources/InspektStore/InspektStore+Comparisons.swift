import Foundation
import GRDB
import InspektCore
import InspektStorage

/// Comparisons (API.md §5) are inspections of their own kind: the same rows, sessions, callback tokens and
/// results, with the two compared inspections beside them.
extension InspektStore {
    /// Stores a new comparison with its callback token, in one transaction, unless this pair already has one under
    /// the case id; fails when the id is taken. A write transaction holds SQLite's write lock from its start, so two
    /// processes asking at once find each other's comparison.
    @discardableResult
    public func insertComparison(
        _ inspection: Inspection, comparing pair: ComparedInspections, callbackToken: String
    ) throws -> String {
        try pool.write { db in
            if try Self.exists(inspection.id, in: db) { throw StoreError.alreadyExists(inspection.id) }
            if let existing = try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM inspections WHERE kind = 'comparison' AND compared_before = ? AND compared_after = ?
                        AND case_id = ? ORDER BY created_at ASC LIMIT 1
                    """,
                arguments: [pair.before, pair.after, inspection.facts.caseID])
            {
                return existing
            }
            try Self.upsert(inspection, kiosk: kioskID, in: db)
            try db.execute(
                sql: """
                    UPDATE inspections SET kind = 'comparison', compared_before = ?, compared_after = ?, callback_token = ?
                    WHERE id = ?
                    """,
                arguments: [pair.before, pair.after, callbackToken, inspection.id])
            return inspection.id
        }
    }

    /// What a comparison compares; nil for an ordinary inspection.
    public func comparedInspections(inspectionID: String) throws -> ComparedInspections? {
        try pool.read { db in
            try ComparedPair.fetchOne(
                db,
                sql: "SELECT id, compared_before, compared_after FROM inspections WHERE id = ? AND kind = 'comparison'",
                arguments: [inspectionID]
            )?.pair
        }
    }

    /// Every comparison's pair, by comparison id.
    public func comparedInspections() throws -> [String: ComparedInspections] {
        try pool.read { db in
            var pairs: [String: ComparedInspections] = [:]
            let rows = try ComparedPair.fetchCursor(
                db, sql: "SELECT id, compared_before, compared_after FROM inspections WHERE kind = 'comparison'")
            while let row = try rows.next() { pairs[row.id] = row.pair }
            return pairs
        }
    }

    /// The comparisons of this pair under this case, oldest first (a repeated request finds its earlier one).
    public func comparisons(of pair: ComparedInspections, caseID: String) throws -> [Inspection] {
        try pool.read { db in
            try Self.fetch(
                db,
                where:
                    "kind = 'comparison' AND compared_before = \(pair.before) AND compared_after = \(pair.after) AND case_id = \(caseID)",
                order: "created_at ASC, rowid ASC")
        }
    }

    /// Ordinary inspections (never comparisons), newest first.
    public func ordinaryInspections() throws -> [Inspection] {
        try pool.read { db in try Self.fetch(db, where: "kind = 'inspection'") }
    }
}

private struct ComparedPair: Decodable, FetchableRecord {
    var id: String
    var comparedBefore: String
    var comparedAfter: String

    enum CodingKeys: String, CodingKey {
        case id
        case comparedBefore = "compared_before"
        case comparedAfter = "compared_after"
    }

    var pair: ComparedInspections { ComparedInspections(before: comparedBefore, after: comparedAfter) }
}
