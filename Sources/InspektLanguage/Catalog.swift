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
        try self.init(utf8: Array(po.utf8))
    }

    /// Reads the `.po` text's UTF-8 bytes as they are: every program start reads the English catalog (and the
    /// operator's), and going through `String` and Foundation line by line took each start about 18 ms of CPU.
    public init(utf8 bytes: [UInt8]) throws(CatalogError) {
        var entries: [Entry] = []
        var entry = Entry()
        var field: Field?
        var lineStart = 0
        var index = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: Self.newline) ?? bytes.count
            defer {
                lineStart = lineEnd + 1
                index += 1
            }
            let line = Self.trimmed(bytes[lineStart..<lineEnd])
            guard let first = line.first else { continue }
            if first == Self.hash {
                // A comment after a message's strings begins the next entry.
                if field != nil {
                    entries.append(entry)
                    entry = Entry()
                    field = nil
                }
                if line.starts(with: Self.flagsMark), Self.contains(line, Self.fuzzy) { entry.fuzzy = true }
                continue
            }
            if first == Self.quote {
                guard let field else { throw .badLine(index + 1, Self.text(line)) }
                entry.append(try Self.string(line, line: line, at: index + 1), to: field)
                continue
            }
            guard let space = line.firstIndex(of: Self.space), space + 1 < line.endIndex,
                let next = Field(keyword: Self.text(line[..<space]))
            else { throw .badLine(index + 1, Self.text(line)) }
            if case .id = next, field != nil {
                entries.append(entry)
                entry = Entry()
            } else if case .context = next, field != nil {
                entries.append(entry)
                entry = Entry()
            }
            field = next
            entry.append(try Self.string(line[(space + 1)...], line: line, at: index + 1), to: next)
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

    private static let newline = UInt8(ascii: "\n")
    private static let hash = UInt8(ascii: "#")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let space = UInt8(ascii: " ")
    private static let flagsMark = Array("#,".utf8)
    private static let fuzzy = Array("fuzzy".utf8)

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The line without the spaces and tabs at its ends (other Unicode spaces there, rare, as `String` trims them).
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank = { (byte: UInt8) in byte == space || byte == UInt8(ascii: "\t") }
        guard let first = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) })
        else { return [] }
        let inner = line[first...last]
        guard inner[first] >= 0x80 || inner[last] >= 0x80 else { return inner }
        return ArraySlice(text(inner).trimmingCharacters(in: .whitespaces).utf8)
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
        guard line.count >= word.count else { return false }
        return (line.startIndex...(line.endIndex - word.count)).contains {
            line[$0..<($0 + word.count)].elementsEqual(word)
        }
    }

    /// A C string literal of the `.po` format, unescaped; a bad one names its whole line.
    private static func string(
        _ literal: ArraySlice<UInt8>, line text: ArraySlice<UInt8>, at line: Int
    ) throws(CatalogError) -> String {
        guard literal.count >= 2, literal.first == quote, literal.last == quote else {
            throw .badLine(line, Self.text(text))
        }
        var out: [UInt8] = []
        out.reserveCapacity(literal.count - 2)
        var escaped = false
        for byte in literal.dropFirst().dropLast() {
            if escaped {
                switch byte {
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case quote, backslash: out.append(byte)
                default: throw .badLine(line, Self.text(text))
                }
                escaped = false
            } else if byte == backslash {
                escaped = true
            } else if byte == quote {
                throw .badLine(line, Self.text(text))
            } else {
                out.append(byte)
            }
        }
        guard !escaped else { throw .badLine(line, Self.text(text)) }
        return String(decoding: out, as: UTF8.self)
    }
}
