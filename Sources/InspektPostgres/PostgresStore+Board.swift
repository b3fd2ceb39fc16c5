import Foundation
import InspektCore
import InspektStorage
import PostgresNIO

/// The board's window over the fleet database (`BoardQuery`, the same on both engines), optionally for one
/// kiosk, each from an index.
extension PostgresStore {
    public func boardCount(matching filter: String, archived: Bool, kiosk: String?) throws -> Int {
        let condition = boardCondition(filter, archived: archived, kiosk: kiosk)
        return try read { session in try BoardQuery.count(PostgresTransaction(session: session), condition) }
    }

    public func archivedCount(kiosk: String?) throws -> Int {
        let mine: SQLStatement = kioskIDs(kiosk).map { " AND " + SQLStatement.isIn("kiosk", $0) } ?? ""
        return try read { session in
            try BoardQuery.count(PostgresTransaction(session: session), "archived_at IS NOT NULL" + mine)
        }
    }

    public func boardPage(
        matching filter: String, archived: Bool, kiosk: String?, offset: Int, limit: Int
    ) throws -> [Inspection] {
        let condition = boardCondition(filter, archived: archived, kiosk: kiosk)
        return try read { session in
            try BoardQuery.page(PostgresTransaction(session: session), condition, offset: offset, limit: limit)
        }
    }

    public func boardPosition(of id: String, matching filter: String, archived: Bool, kiosk: String?) throws -> Int? {
        let condition = boardCondition(filter, archived: archived, kiosk: kiosk)
        return try read { session in try BoardQuery.position(PostgresTransaction(session: session), of: id, condition) }
    }

    public func inspectionCount(in states: [InspectionState]) throws -> Int {
        if states.isEmpty { return 0 }
        return try read { session in
            try BoardQuery.count(PostgresTransaction(session: session), .isIn("state", states.map(\.rawValue)))
        }
    }

    /// The whole fleet's board also finds a kiosk's rows by its name.
    private func boardCondition(_ filter: String, archived: Bool, kiosk: String?) -> SQLStatement? {
        BoardQuery.condition(filter, archived: archived, kiosks: kioskIDs(kiosk), matchesKioskName: true)
    }

    /// The ids `kiosk`'s rows are recorded under: this kiosk's include its former id (`formerKioskID`).
    private func kioskIDs(_ kiosk: String?) -> [String]? {
        guard let kiosk else { return nil }
        guard kiosk == kioskID, let formerKioskID else { return [kiosk] }
        return [kiosk, formerKioskID]
    }
}
