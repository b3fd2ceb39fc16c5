/// Text from files and from the network, made safe for a terminal.
public enum SafeText {
    /// Shows control characters (C0, DEL, C1), zero-width, line-separator and bidirectional controls
    /// as visible escapes, so that nothing a file name or a server reply holds can move the cursor,
    /// change the terminal or disguise what is shown. A backslash is doubled, so an escaped name and
    /// a raw name that happens to look like it (`a\e` typed with a backslash) never show the same.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || isHidden($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\\" { out += "\\\\" } else { append(scalar, to: &out) }
        }
        return out
    }

    /// The last guard before a line reaches a terminal: escapes what `escape` escapes except the
    /// backslash (so text escaped earlier is not escaped twice) and keeps line breaks and tabs that
    /// the program itself put in a message.
    public static func forTerminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isHidden($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" { out.unicodeScalars.append(scalar) } else { append(scalar, to: &out) }
        }
        return out
    }

    /// JSON text with every hidden character inside its strings written as a `\uXXXX` escape: the
    /// value a program reads back is unchanged, and a person reading the JSON in a terminal sees the escape.
    public static func jsonForTerminal(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isHidden) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 8)
        for scalar in json.unicodeScalars {
            // JSON's own output has no raw control outside strings; a raw newline between tokens is harmless.
            if isHidden(scalar) && scalar != "\n" {
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` holds a character that must never reach a terminal raw (a backslash may:
    /// text already escaped is full of them).
    public static func needsEscaping(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isHidden)
    }

    /// C0, DEL, C1, the Arabic letter mark, zero-width and direction marks, bidi embeddings,
    /// overrides and isolates, the line and paragraph separators and the byte-order mark.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar.value {
        case 0x1B: out += "\\e"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x09: out += "\\t"
        case 0x00...0x1F, 0x7F...0x9F: out += "\\x" + hex(scalar.value)
        case _ where isHidden(scalar): out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return digits.count < 2 ? "0" + digits : digits
    }
}

/// An API key shown to a person: never whole.
public enum SecretText {
    /// `sk_live_…9f3a`: the first four and last four characters at most, never more than half.
    public static func masked(_ secret: String) -> String {
        if secret.isEmpty { return "(none)" }
        let keep = min(4, secret.count / 4)
        if keep == 0 { return String(repeating: "•", count: min(secret.count, 8)) }
        return String(secret.prefix(keep)) + "…" + String(secret.suffix(keep))
    }
}
