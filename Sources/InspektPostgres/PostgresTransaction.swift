import Foundation
import InspektStorage
import PostgresNIO

/// A `PostgresSession` inside a store call's transaction, as the rules written once see it.
struct PostgresTransaction: SQLTransaction {
    let session: PostgresSession
    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int { try session.execute(try Self.query(statement)) }

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        try session.rows(try Self.query(statement)).map { row in
            var columns: [String] = []
            var values: [SQLValue] = []
            for cell in row {
                columns.append(cell.columnName)
                values.append(try Self.value(cell))
            }
            return SQLRow(columns: columns, values: values)
        }
    }

    static func query(_ statement: SQLStatement) throws -> PostgresQuery {
        let (text, values) = SQLDialect.postgres.render(statement)
        var bindings = PostgresBindings()
        for value in values { try bind(value, to: &bindings) }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    private static func bind(_ value: SQLValue, to bindings: inout PostgresBindings) throws {
        switch value {
        case .null: bindings.appendNull()
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .text(let text): bindings.append(text)
        case .blob(let data): try bindings.append(data)
        case .bool(let flag): bindings.append(flag)
        case .array(let list):
            // One array of the list's type: text ids and states, bigint sizes.
            let numbers = list.compactMap { if case .integer(let number) = $0 { number } else { nil } }
            if numbers.count == list.count, !list.isEmpty {
                bindings.append(numbers)
            } else {
                bindings.append(list.map { if case .text(let text) = $0 { text } else { "\($0)" } })
            }
        }
    }

    /// A cell by its column's type: the schema uses text, bigint/integer, double precision, boolean and bytea.
    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return .bool(try cell.decode(Bool.self))
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(try cell.decode(Data.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}
