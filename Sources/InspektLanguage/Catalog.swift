import Foundation

/// One language's messages, read from a GNU gettext `.po` file: each `msgid` is a named key (`board.empty`), its
/// `msgstr` the text; plural messages carry `msgid_plural` and one `msgstr[i]` per form of the header's
/// `Plural-Forms`. Entries marked `fuzzy` or left empty are untranslated, as `msgfmt` treats them.
public struct Catalog: Sendable {
    public let pluralRule: PluralRule
    private(set) var texts: [String: String] = [:]
    private(set) var plurals: [String: [String]] = [:]

    /// Every translated key.
    public var keys: Set<String> { Set(texts.keys).union(plurals.keys) }

    public func text(_ key: String) -> String? { texts[key] }

    /// The form of `key` that `count` takes in this language.
    public func text(_ key: String, count: Int) -> String? {
        guard let forms = plurals[key] else { return nil }
        let form = pluralRule.form(for: count)
        return forms.indices.contains(form) ? forms[form] : nil
    }

    public init(po: String) throws(CatalogError) {
        var entries: [Entry] = []
        var entry = Entry()
        var field: Field?
        for (index, raw) in po.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                // A comment after a message's strings begins the next entry.
                if field != nil {
                    entries.append(entry)
                    entry = Entry()
                    field = nil
                }
                if line.hasPrefix("#,"), line.contains("fuzzy") { entry.fuzzy = true }
                continue
            }
            if line.hasPrefix("\"") {
                guard let field else { throw .badLine(index + 1, line) }
                entry.append(try Self.string(line, line: line, at: index + 1), to: field)
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let next = Field(keyword: String(parts[0])) else {
                throw .badLine(index + 1, line)
            }
            if case .id = next, field != nil {
                entries.append(entry)
                entry = Entry()
            } else if case .context = next, field != nil {
                entries.append(entry)
                entry = Entry()
            }
            field = next
            entry.append(try Self.string(String(parts[1]), line: line, at: index + 1), to: next)
        }
        if field != nil { entries.append(entry) }

        var rule = PluralRule.germanic
        for entry in entries where entry.id == "" {
            for header in entry.text.split(separator: "\n") where header.hasPrefix("Plural-Forms:") {
                rule = try PluralRule(String(header.dropFirst("Plural-Forms:".count)))
            }
        }
        pluralRule = rule
        for entry in entries where !entry.fuzzy && !(entry.id ?? "").isEmpty {
            guard let id = entry.id else { continue }
            if entry.pluralID != nil {
                let forms = (0..<rule.count).map { entry.forms[$0] ?? "" }
                if !forms.contains("") { plurals[id] = forms }
            } else if !entry.text.isEmpty {
                texts[id] = entry.text
            }
        }
    }

    private struct Entry {
        var fuzzy = false
        var context: String?
        var id: String?
        var pluralID: String?
        var text = ""
        var forms: [Int: String] = [:]

        mutating func append(_ string: String, to field: Field) {
            switch field {
            case .context: context = (context ?? "") + string
            case .id: id = (id ?? "") + string
            case .pluralID: pluralID = (pluralID ?? "") + string
            case .text: text += string
            case .form(let index): forms[index, default: ""] += string
            }
        }
    }

    private enum Field {
        case context, id, pluralID, text
        case form(Int)

        init?(keyword: String) {
            switch keyword {
            case "msgctxt": self = .context
            case "msgid": self = .id
            case "msgid_plural": self = .pluralID
            case "msgstr": self = .text
            default:
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
                    let index = Int(keyword.dropFirst("msgstr[".count).dropLast())
                else { return nil }
                self = .form(index)
            }
        }
    }

    /// A C string literal of the `.po` format, unescaped; a bad one names its whole line.
    static func string(_ literal: String, line text: String, at line: Int) throws(CatalogError) -> String {
        guard literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") else {
            throw .badLine(line, text)
        }
        var out = ""
        var escaped = false
        for character in literal.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"", "\\": out.append(character)
                default: throw .badLine(line, text)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw .badLine(line, text)
            } else {
                out.append(character)
            }
        }
        guard !escaped else { throw .badLine(line, text) }
        return out
    }
}
