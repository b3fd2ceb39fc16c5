import Foundation

/// A catalog's `Plural-Forms` rule, as GNU gettext defines it: `nplurals=N; plural=EXPRESSION;`, where the
/// expression is C over one variable `n` (`?:`, `||`, `&&`, comparisons, `+ - * / %`, `!`, parentheses).
public struct PluralRule: Sendable {
    public let count: Int
    private let expression: Expression

    /// English's rule, and the one used when a catalog names none.
    public static let germanic = try! PluralRule("nplurals=2; plural=(n != 1);")

    public init(_ header: String) throws(CatalogError) {
        var count: Int?
        var plural: String?
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "nplurals" { count = Int(pair[1]) }
            if pair[0] == "plural" { plural = pair[1] }
        }
        guard let count, count >= 1, let plural else { throw .badPluralForms(header) }
        var parser = Parser(tokens: try Self.tokens(plural))
        let expression = try parser.ternary()
        guard parser.atEnd else { throw .badPluralForms(header) }
        self.count = count
        self.expression = expression
    }

    /// Which of the catalog's plural forms `n` takes (0 when the rule gives a form the catalog lacks).
    public func form(for n: Int) -> Int {
        let form = expression.value(n)
        return (0..<count).contains(form) ? form : 0
    }

    indirect enum Expression: Sendable {
        case n
        case number(Int)
        case not(Expression)
        case binary(String, Expression, Expression)
        case choice(Expression, Expression, Expression)

        func value(_ n: Int) -> Int {
            switch self {
            case .n: return n
            case .number(let value): return value
            case .not(let inner): return inner.value(n) == 0 ? 1 : 0
            case .choice(let test, let then, let otherwise):
                return test.value(n) != 0 ? then.value(n) : otherwise.value(n)
            case .binary(let op, let left, let right):
                let a = left.value(n)
                // `&&` and `||` decide on the left alone where C does.
                if op == "&&" { return a != 0 && right.value(n) != 0 ? 1 : 0 }
                if op == "||" { return a != 0 || right.value(n) != 0 ? 1 : 0 }
                let b = right.value(n)
                switch op {
                case "==": return a == b ? 1 : 0
                case "!=": return a != b ? 1 : 0
                case "<": return a < b ? 1 : 0
                case "<=": return a <= b ? 1 : 0
                case ">": return a > b ? 1 : 0
                case ">=": return a >= b ? 1 : 0
                case "+": return a &+ b
                case "-": return a &- b
                case "*": return a &* b
                case "/": return b == 0 ? 0 : a / b
                case "%": return b == 0 ? 0 : a % b
                default: return 0
                }
            }
        }
    }

    static func tokens(_ text: String) throws(CatalogError) -> [String] {
        var tokens: [String] = []
        var rest = Substring(text)
        let twoCharacter = ["||", "&&", "==", "!=", "<=", ">="]
        while let first = rest.first {
            if first == " " || first == "\t" {
                rest = rest.dropFirst()
            } else if first.isNumber {
                let digits = rest.prefix { $0.isNumber }
                tokens.append(String(digits))
                rest = rest.dropFirst(digits.count)
            } else if let pair = twoCharacter.first(where: { rest.hasPrefix($0) }) {
                tokens.append(pair)
                rest = rest.dropFirst(2)
            } else if "n?:<>+-*/%!()".contains(first) {
                tokens.append(String(first))
                rest = rest.dropFirst()
            } else {
                throw .badPluralForms(text)
            }
        }
        return tokens
    }

    /// Recursive descent in C's precedence, lowest first.
    struct Parser {
        var tokens: [String]
        var position = 0
        var atEnd: Bool { position == tokens.count }

        mutating func ternary() throws(CatalogError) -> Expression {
            let test = try binary(level: 0)
            guard take("?") else { return test }
            let then = try ternary()
            guard take(":") else { throw .badPluralForms(tokens.joined()) }
            return .choice(test, then, try ternary())
        }

        static let levels: [[String]] = [
            ["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"],
        ]

        mutating func binary(level: Int) throws(CatalogError) -> Expression {
            guard level < Self.levels.count else { return try unary() }
            var left = try binary(level: level + 1)
            while position < tokens.count, Self.levels[level].contains(tokens[position]) {
                let op = tokens[position]
                position += 1
                left = .binary(op, left, try binary(level: level + 1))
            }
            return left
        }

        mutating func unary() throws(CatalogError) -> Expression {
            guard position < tokens.count else { throw .badPluralForms(tokens.joined()) }
            let token = tokens[position]
            position += 1
            switch token {
            case "!": return .not(try unary())
            case "n": return .n
            case "(":
                let inner = try ternary()
                guard take(")") else { throw .badPluralForms(tokens.joined()) }
                return inner
            default:
                guard let value = Int(token) else { throw .badPluralForms(tokens.joined()) }
                return .number(value)
            }
        }

        mutating func take(_ token: String) -> Bool {
            guard position < tokens.count, tokens[position] == token else { return false }
            position += 1
            return true
        }
    }
}
