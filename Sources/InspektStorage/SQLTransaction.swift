import Foundation

/// One open transaction of either engine, as the rules written once (`StateTransitions`, `ResultIntake`,
/// `BoardQuery`, `InspectionRows`) see it: statements with positional values, rows read by column name.
public protocol SQLTransaction {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int
    func query(_ statement: SQLStatement) throws -> [SQLRow]
}

extension SQLTransaction {
    /// The first row, if any.
    public func queryFirst(_ statement: SQLStatement) throws -> SQLRow? { try query(statement).first }
}

/// A row of an answer: its values by column name (as the statement named them: `count(*) AS n`).
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public func string(_ column: String) throws -> String? {
        switch self[column] {
        case .null: return nil
        case .text(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        default: throw StoreError.unreadableRow("column \(column) is not text")
        }
    }

    public func requiredString(_ column: String) throws -> String {
        guard let text = try string(column) else { throw StoreError.unreadableRow("column \(column) is empty") }
        return text
    }

    public func int64(_ column: String) throws -> Int64? {
        switch self[column] {
        case .null: return nil
        case .integer(let number): return number
        case .real(let number): return Int64(exactly: number.rounded()) ?? 0
        case .bool(let flag): return flag ? 1 : 0
        default: throw StoreError.unreadableRow("column \(column) is not a number")
        }
    }

    public func int(_ column: String) throws -> Int? { try int64(column).map { Int($0) } }

    public func double(_ column: String) throws -> Double? {
        switch self[column] {
        case .null: return nil
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: throw StoreError.unreadableRow("column \(column) is not a number")
        }
    }

    /// REAL seconds since the reference date.
    public func date(_ column: String) throws -> Date? {
        try double(column).map(Date.init(timeIntervalSinceReferenceDate:))
    }

    /// SQLite keeps a flag as 0 or 1; PostgreSQL as boolean.
    public func bool(_ column: String) throws -> Bool? {
        switch self[column] {
        case .null: return nil
        case .bool(let flag): return flag
        case .integer(let number): return number != 0
        default: throw StoreError.unreadableRow("column \(column) is not a flag")
        }
    }

    public func data(_ column: String) throws -> Data? {
        switch self[column] {
        case .null: return nil
        case .blob(let data): return data
        case .text(let text): return Data(text.utf8)
        default: throw StoreError.unreadableRow("column \(column) is not bytes")
        }
    }
}
