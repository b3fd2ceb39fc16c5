/// Where the two engines' SQL differs, in the few places the shared rules need: placeholders, a list test,
/// a substring test and a read that locks its row.
public enum SQLDialect: Sendable, Hashable {
    /// `?` placeholders, `IN (?, ?)`, `LIKE` (ASCII case folded; the needle escaped).
    case sqlite
    /// `$1` placeholders, `= ANY($1)` (one statement text whatever the list's length), `strpos`.
    case postgres

    /// A row read to be changed in the same transaction: PostgreSQL locks it; SQLite's write transaction
    /// already holds the whole database.
    public var lockingRead: String { self == .postgres ? " FOR UPDATE" : "" }

    /// The column that numbers rows in the order they were inserted (ties of equal times).
    public var insertionOrder: String { self == .postgres ? "seq" : "rowid" }

    /// The statement's text for this engine and its values in placeholder order.
    public func render(_ statement: SQLStatement) -> (text: String, values: [SQLValue]) {
        var text = ""
        var values: [SQLValue] = []
        func mark(_ value: SQLValue) -> String {
            values.append(value)
            return self == .postgres ? "$\(values.count)" : "?"
        }
        for part in statement.parts {
            switch part {
            case .text(let words):
                text += words
            case .value(let value):
                text += mark(value)
            case .isIn(let expression, let list) where list.isEmpty:
                text += "(\(expression) IS NULL AND \(expression) IS NOT NULL)"
            case .isIn(let expression, let list):
                switch self {
                case .sqlite: text += "\(expression) IN (" + list.map(mark).joined(separator: ", ") + ")"
                case .postgres: text += "\(expression) = ANY(\(mark(.array(list))))"
                }
            case .contains(let expression, let needle):
                switch self {
                case .sqlite:
                    let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                    text += "\(expression) LIKE \(mark(.text("%" + escaped + "%"))) ESCAPE '\\'"
                case .postgres:
                    text += "strpos(\(expression), \(mark(.text(needle)))) > 0"
                }
            }
        }
        return (text, values)
    }
}
