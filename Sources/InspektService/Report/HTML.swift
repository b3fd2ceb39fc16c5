import InspektCore

/// Text for an HTML document: escaped so that nothing from a file, a form or a server can become markup.
enum HTML {
    /// Hidden characters made visible (as on the terminal), then `& < > " '` written as entities.
    static func text(_ value: String) -> String { entities(SafeText.escape(value)) }

    /// `& < > " '` written as entities, for text that `SafeText` escaped already (a damage sentence).
    static func entities(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number for a style or SVG attribute, in a fixed short form (no exponent, no locale).
    static func number(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = magnitude % 1000
        return "\(sign)\(magnitude / 1000).\(fraction < 10 ? "00" : fraction < 100 ? "0" : "")\(fraction)"
    }

    /// A table row of a label and an already escaped value.
    static func row(_ label: String, _ escapedValue: String) -> String {
        "<tr><th>\(text(label))</th><td>\(escapedValue)</td></tr>\n"
    }
}
