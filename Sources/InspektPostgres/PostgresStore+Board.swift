import Foundation
import InspektCore
import PostgresNIO

/// The board's window over the fleet database: counts, a page and a row's position in the board's order
/// (newest first, then by id) with its `/` filter, optionally for one kiosk, each from an index.
extension PostgresStore {
    public func boardCount(matching filter: String, archived: Bool, kiosk: String?) throws -> Int {
        let (condition, binds) = Self.boardCondition(filter, archived: archived, kiosks: kioskIDs(kiosk))
        return try read { session in
            try session.value(Self.query("SELECT count(*) FROM inspections\(condition)", binds), as: Int.self) ?? 0
        }
    }

    public func archivedCount(kiosk: String?) throws -> Int {
        try read { session in
            if let kiosks = kioskIDs(kiosk) {
                return try session.value(
                    "SELECT count(*) FROM inspections WHERE archived_at IS NOT NULL AND kiosk = ANY(\(kiosks))", as: Int.self) ?? 0
            }
            return try session.value("SELECT count(*) FROM inspections WHERE archived_at IS NOT NULL", as: Int.self) ?? 0
        }
    }

    public func boardPage(matching filter: String, archived: Bool, kiosk: String?, offset: Int, limit: Int) throws -> [Inspection] {
        let (condition, binds) = Self.boardCondition(filter, archived: archived, kiosks: kioskIDs(kiosk))
        return try read { session in
            try fetch(
                session, where: condition.isEmpty ? nil : String(condition.dropFirst(" WHERE ".count)), binds: binds,
                order: "\(Self.boardOrder) OFFSET \(max(0, offset))", limit: limit)
        }
    }

    public func boardPosition(of id: String, matching filter: String, archived: Bool, kiosk: String?) throws -> Int? {
        let (condition, binds) = Self.boardCondition(filter, archived: archived, kiosks: kioskIDs(kiosk))
        return try read { session in
            let also = condition.isEmpty ? "" : " AND " + condition.dropFirst(" WHERE ".count)
            let next = binds.count + 1
            guard let created = try session.value(
                Self.query("SELECT created_at FROM inspections WHERE id = $\(next)\(also)", binds + [id]), as: Double.self)
            else { return nil }
            let before = condition.isEmpty ? " WHERE " : condition + " AND "
            return try session.value(
                Self.query(
                    "SELECT count(*) FROM inspections\(before)(created_at > $\(next) OR (created_at = $\(next) AND id < $\(next + 1)))",
                    binds + [created, id]),
                as: Int.self) ?? 0
        }
    }

    public func inspectionCount(in states: [InspectionState]) throws -> Int {
        if states.isEmpty { return 0 }
        return try read { session in
            try session.value("SELECT count(*) FROM inspections WHERE state = ANY(\(states.map(\.rawValue)))", as: Int.self) ?? 0
        }
    }

    static let boardOrder = "created_at DESC, id ASC"

    /// The ids `kiosk`'s rows are recorded under: this kiosk's include its former id (`formerKioskID`).
    private func kioskIDs(_ kiosk: String?) -> [String]? {
        guard let kiosk else { return nil }
        guard kiosk == kioskID, let formerKioskID else { return [kiosk] }
        return [kiosk, formerKioskID]
    }

    static func query(_ sql: String, _ binds: [any PostgresEncodable & Sendable]) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in binds { try bindings.append(value) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The board's filter as `BoardSearch` defines it: the stored key, the Inspektlabs id, the state's words;
    /// archived rows left out unless asked for; one kiosk's rows when `kiosks` is given. Values are `$n` binds.
    private static func boardCondition(
        _ filter: String, archived: Bool, kiosks: [String]?
    ) -> (String, [any PostgresEncodable & Sendable]) {
        var clauses: [String] = []
        var binds: [any PostgresEncodable & Sendable] = []
        if !archived { clauses.append("archived_at IS NULL") }
        if let kiosks {
            binds.append(kiosks)
            clauses.append("kiosk = ANY($\(binds.count))")
        }
        let needle = BoardSearch.needle(filter)
        if !needle.isEmpty {
            binds.append(needle)
            let mark = "$\(binds.count)"
            var alternatives = [
                "strpos(search_key, \(mark)) > 0", "strpos(lower(coalesce(session, '')), \(mark)) > 0",
                "(archived_at IS NOT NULL AND strpos('\(BoardSearch.archivedWord)', \(mark)) > 0)",
            ]
            // The whole fleet: a kiosk's name finds its inspections.
            if kiosks == nil { alternatives.append("strpos(lower(coalesce(kiosk, '')), \(mark)) > 0") }
            let states = BoardSearch.states(matching: needle).map(\.rawValue)
            if !states.isEmpty {
                binds.append(states)
                alternatives.append("state = ANY($\(binds.count))")
            }
            clauses.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if clauses.isEmpty { return ("", []) }
        return (" WHERE " + clauses.joined(separator: " AND "), binds)
    }
}
