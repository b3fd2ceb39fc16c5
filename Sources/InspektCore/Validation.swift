/// A rule broken by operator input, in words an operator understands.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// Limits that come from the API contract.
public enum InspectionLimits {
    /// At most this many files travel in one upload request, and so in one inspection.
    public static let maxPhotos = 99
    public static let maxCaseIDLength = 64
}

/// Validation of a case reference: 1–64 letters, digits and hyphens.
public enum CaseIDRule {
    /// Returns nil when `text` is a valid case id, else the reason, naming the offending character.
    public static func problem(in text: String) -> ValidationError? {
        if text.isEmpty {
            return ValidationError(
                field: "case id", message: "Case id is empty: type the case reference, e.g. CASE-12345.")
        }
        if text.count > InspectionLimits.maxCaseIDLength {
            return ValidationError(
                field: "case id",
                message:
                    "Case id is \(text.count) characters long; at most \(InspectionLimits.maxCaseIDLength) are allowed."
            )
        }
        for (offset, character) in text.enumerated() where !isAllowed(character) {
            return ValidationError(
                field: "case id",
                message:
                    "Case id cannot contain \(describe(character)) (position \(offset + 1)): use only letters A–Z, digits and hyphens."
            )
        }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(in: text) == nil }

    /// Whether two case ids name the same case: the board and the command line both ask so before a case is
    /// submitted again, and letter case does not make another case ("return-7" is RETURN-7 again).
    public static func sameCase(_ a: String, _ b: String) -> Bool { folded(a) == folded(b) }

    /// A case id with its letters folded to lower case (case ids are ASCII), for comparing.
    public static func folded(_ text: String) -> String { text.lowercased() }

    /// The case ids among `known` that `typed` misses only by letter case: a lookup names them ("did you
    /// mean RETURN-7?") instead of finding nothing, and never picks one by itself.
    public static func letterCaseMisses(of typed: String, in known: [String]) -> [String] {
        var seen: Set<String> = []
        return known.filter { $0 != typed && sameCase($0, typed) && seen.insert($0).inserted }.sorted()
    }

    static func isAllowed(_ character: Character) -> Bool {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, scalar.isASCII
        else { return false }
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: return true
        default: return false
        }
    }

    static func describe(_ character: Character) -> String {
        switch character {
        case " ": return "a space"
        case "/": return "a slash \"/\""
        case "\\": return "a backslash \"\\\""
        case "\t": return "a tab"
        default:
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return "a control character \(SafeText.escape(String(character)))"
            }
            if character.unicodeScalars.contains(where: { !$0.isASCII }) {
                return
                    "the non-ASCII character \"\(SafeText.escape(String(character)))\" (accents and symbols are not accepted)"
            }
            return "the character \"\(character)\""
        }
    }
}

/// Validation of the optional report e-mail.
public enum EmailRule {
    public static func problem(in text: String) -> ValidationError? {
        if text.isEmpty { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !text.contains(where: { $0.isWhitespace })
        else {
            return ValidationError(
                field: "e-mail",
                message: "Report e-mail \"\(SafeText.escape(text))\" is not an address like name@example.com.")
        }
        return nil
    }
}
