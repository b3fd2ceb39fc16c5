import Foundation
import GRDB
import InspektStorage

/// A GRDB database connection inside `pool.write` (or `read`), as the rules written once see it.
struct SQLiteTransaction: SQLTransaction {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int {
        let (text, values) = dialect.render(statement)
        try db.execute(sql: text, arguments: StatementArguments(values.map(Self.databaseValue)))
        return db.changesCount
    }

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        let (text, values) = dialect.render(statement)
        return try Row.fetchAll(db, sql: text, arguments: StatementArguments(values.map(Self.databaseValue))).map {
            row in
            SQLRow(columns: Array(row.columnNames), values: row.databaseValues.map(Self.sqlValue))
        }
    }

    private static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null, .array: .null  // the SQLite dialect never binds a list as one value
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        case .bool(let flag): flag.databaseValue
        }
    }

    private static func sqlValue(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
