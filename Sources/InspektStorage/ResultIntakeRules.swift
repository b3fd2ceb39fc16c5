import Foundation
import InspektCore

/// Result intake, written once for both engines. A result (pushed to a callback, the account webhook, or a
/// portal file) finds its inspection; is recorded once per inspection and session (a repeat changes nothing);
/// proves the upload was accepted (its session spent, also one that waited as "may have been accepted");
/// moves the inspection to the state `StateTransition.afterResult` names; and leaves its history line. A
/// result no inspection holds writes nothing: the service keeps it as an unmatched fleet result.
///
/// Each step below is one SQL text over "the inspections this result was recorded for". Where the dialect
/// writes in one statement (PostgreSQL's data-modifying `WITH`) the steps run as one: one round trip for a
/// receiver far from its database. Elsewhere (SQLite) they run in turn in the caller's write transaction.
public enum ResultIntakeRules {
    /// How a result names its inspection.
    public enum Match: Sendable, Hashable {
        /// By the inspection's id (a callback token, an imported file whose session was looked up).
        case inspection(String)
        /// By the Inspektlabs session it was uploaded in, current or earlier (the account webhook).
        case session(String)
    }

    /// One delivered result.
    public struct Delivery: Sendable {
        public var session: String
        /// As sent, unknown fields included.
        public var document: Data
        /// The document's text for an engine that keeps a copy it can query (PostgreSQL's `jsonb`); nil when it
        /// cannot hold it (kept as sent all the same).
        public var documentText: String?
        public var summary: ResultSummary
        public var history: String?
        public var at: Date

        public init(
            session: String, document: Data, documentText: String?, summary: ResultSummary, history: String?, at: Date
        ) {
            self.session = session
            self.document = document
            self.documentText = documentText
            self.summary = summary
            self.history = history
            self.at = at
        }
    }

    /// Stores `delivery` for the inspection `match` finds, inside the caller's transaction (one statement
    /// where the dialect can: then the caller needs no transaction of its own).
    public static func store(
        _ transaction: some SQLTransaction, _ match: Match, _ delivery: Delivery
    ) throws -> StoredResult {
        let dialect = transaction.dialect
        let summaryJSON = try InspectionRows.encode(delivery.summary)
        if dialect.writesInOneStatement {
            let recorded: SQLStatement = "SELECT inspection_id FROM recorded"
            let steps = followingSteps(delivery, summaryJSON: summaryJSON, for: recorded).map { name, step in
                SQLStatement(",\n\(unescaped: name) AS (") + step + ")"
            }
            let row = try transaction.queryFirst(
                "WITH target AS (\(target(match))),\nrecorded AS ("
                    + record(delivery, for: "SELECT id FROM target", dialect: dialect) + " RETURNING inspection_id)"
                    + SQLStatement.joined(steps, separator: "")
                    + "\nSELECT (SELECT id FROM target) AS holder, EXISTS (SELECT 1 FROM recorded) AS recorded")
            guard let row, let id = try row.string("holder") else { return .noInspection }
            return try row.bool("recorded") == true ? .stored(inspectionID: id) : .unchanged(inspectionID: id)
        }
        guard let id = try transaction.queryFirst(target(match))?.string("id") else { return .noInspection }
        guard try transaction.execute(record(delivery, for: "\(id)", dialect: dialect)) > 0 else {
            return .unchanged(inspectionID: id)
        }
        for (_, step) in followingSteps(delivery, summaryJSON: summaryJSON, for: "\(id)") {
            try transaction.execute(step)
        }
        return .stored(inspectionID: id)
    }

    /// Whether a result matched by inspection id was new; that no such inspection is stored is the caller's error.
    public static func changed(_ outcome: StoredResult, inspectionID: String) throws -> Bool {
        switch outcome {
        case .stored: true
        case .unchanged: false
        case .noInspection: throw StoreError.unknownInspection(inspectionID)
        }
    }

    /// The one inspection the result belongs to, as `id`.
    static func target(_ match: Match) -> SQLStatement {
        switch match {
        case .inspection(let id):
            "SELECT id FROM inspections WHERE id = \(id) LIMIT 1"
        case .session(let session):
            """
            SELECT id FROM inspections WHERE session = \(session)
                OR id IN (SELECT inspection_id FROM sessions WHERE session = \(session)) LIMIT 1
            """
        }
    }

    /// Records the result for the inspection of `ids` unless one of this session is already stored for it.
    static func record(_ delivery: Delivery, for ids: SQLStatement, dialect: SQLDialect) -> SQLStatement {
        var columns = "inspection_id, session, document, received_at"
        var values: SQLStatement = "id, \(delivery.session), \(delivery.document), \(delivery.at)"
        if let copy = dialect.queryableJSON {
            columns += ", \(copy.column)"
            values = values + ", \(delivery.documentText)\(unescaped: copy.cast)"
        }
        // `WHERE` before `ON CONFLICT` also tells SQLite's parser that `ON` starts the upsert.
        return "INSERT INTO results (\(unescaped: columns)) SELECT " + values
            + " FROM inspections WHERE id IN (\(ids)) ON CONFLICT (inspection_id, session) DO NOTHING"
    }

    /// What a new result does after it is recorded for the inspection of `ids`, each step named.
    static func followingSteps(
        _ delivery: Delivery, summaryJSON: String, for ids: SQLStatement
    ) -> [(name: String, SQLStatement)] {
        let state = StateTransition.afterResult(delivery.summary)
        var steps: [(name: String, SQLStatement)] = [
            // A result proves the upload was accepted: its session is never used again.
            (
                "spent",
                "UPDATE sessions SET spent = \(true) WHERE session = \(delivery.session) AND inspection_id IN (\(ids))"
            ),
            (
                "moved",
                """
                UPDATE inspections SET state = \(state.rawValue), result_summary = \(summaryJSON),
                    failure_reason = NULL, upload_fraction = NULL, session = COALESCE(session, \(delivery.session)),
                    updated_at = \(delivery.at)
                WHERE id IN (\(ids))
                """
            ),
        ]
        if let history = delivery.history {
            steps.append(
                (
                    "history",
                    """
                    INSERT INTO events (inspection_id, at, kind, detail)
                    SELECT id, \(delivery.at), \(InspectionEventKind.result.rawValue), \(history)
                    FROM inspections WHERE id IN (\(ids))
                    """
                ))
        }
        return steps
    }
}
