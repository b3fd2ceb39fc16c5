import Foundation

/// A value bound to a statement. Dates are REAL seconds since the reference date on both engines, so that
/// they read back exactly.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case bool(Bool)
    /// A list bound as one array value (`= ANY($1)`); only PostgreSQL's dialect writes it.
    case array([SQLValue])
}

/// A Swift value that binds as one `SQLValue`.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .bool(self) } }
extension Data: SQLBindable { public var sqlValue: SQLValue { .blob(self) } }
extension Date: SQLBindable { public var sqlValue: SQLValue { .real(timeIntervalSinceReferenceDate) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A statement with its values kept apart from its text: each engine's dialect writes the placeholders
/// (`?` or `$1`), a list test (`IN (?, ?)` or `= ANY($1)`) and a substring test (`LIKE` or `strpos`).
///
///     try transaction.execute("UPDATE photos SET sha256 = \(digest) WHERE inspection_id = \(id)")
public struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    public enum Part: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
        /// `<expression> IN (values)`: true for none when empty.
        case isIn(expression: String, values: [SQLValue])
        /// Whether the text `expression` holds `needle` (already folded as the column is) anywhere.
        case contains(expression: String, needle: String)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }
    public init(stringLiteral value: String) { parts = [.text(value)] }
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        public mutating func appendInterpolation(_ value: some SQLBindable) { parts.append(.value(value.sqlValue)) }
        /// NULL when absent.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            parts.append(.value(value.sqlValue))
        }
        /// SQL text written by the program (a column list, an order), never a value from outside.
        public mutating func appendInterpolation(unescaped text: String) { parts.append(.text(text)) }
        public mutating func appendInterpolation(_ fragment: SQLStatement) { parts += fragment.parts }
    }

    /// `expression IN (values)` in the engine's words.
    public static func isIn(_ expression: String, _ values: [some SQLBindable]) -> SQLStatement {
        SQLStatement(parts: [.isIn(expression: expression, values: values.map(\.sqlValue))])
    }

    /// Whether `expression` holds `needle` as a substring, in the engine's words.
    public static func contains(_ expression: String, _ needle: String) -> SQLStatement {
        SQLStatement(parts: [.contains(expression: expression, needle: needle)])
    }

    /// The fragments joined by `separator` (`AND`, `OR`, `, `).
    public static func joined(_ fragments: [SQLStatement], separator: String) -> SQLStatement {
        var parts: [Part] = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { parts.append(.text(separator)) }
            parts += fragment.parts
        }
        return SQLStatement(parts: parts)
    }

    public static func + (lhs: SQLStatement, rhs: SQLStatement) -> SQLStatement {
        SQLStatement(parts: lhs.parts + rhs.parts)
    }
    public var isEmpty: Bool { parts.allSatisfy { if case .text(let text) = $0 { text.isEmpty } else { false } } }
}
