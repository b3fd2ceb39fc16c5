/// Text from files and from the network, made safe for a terminal.
public enum SafeText {
    /// Shows control characters (C0, DEL, C1) and escape sequences as visible escapes, so that
    /// nothing a file name or a server reply holds can move the cursor or change the terminal.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F:
                out += "\\x" + hex(scalar.value)
            case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069:
                // Zero-width and bidirectional controls can disguise what is shown.
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `escape` would change `text`.
    public static func needsEscaping(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
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
