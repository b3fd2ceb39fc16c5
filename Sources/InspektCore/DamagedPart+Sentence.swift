/// A damage entry in words, the same on the terminal and in the report.
extension DamagedPart {
    /// "front bumper: dent, severity moderate (0.5), confidence 90%"; escaped. A score outside 0...1
    /// (1e300, a negative, NaN sent as text) reads "unknown".
    public var sentence: String {
        var text = SafeText.escape(part) + ": " + SafeText.escape(damageType)
        if severity != nil { text += ", severity " + (shownSeverity.map(Self.severityWords) ?? "unknown") }
        if confidence != nil {
            text += ", confidence " + (shownConfidence.map { "\(Int(($0 * 100).rounded()))%" } ?? "unknown")
        }
        return text
    }

    /// Severity 0...1 as a word and a number: "severe (0.8)".
    public static func severityWords(_ value: Double) -> String {
        let word = value < 0.34 ? "minor" : (value < 0.67 ? "moderate" : "severe")
        let tenths = Int((value * 10).rounded())
        return "\(word) (\(tenths / 10).\(tenths % 10))"
    }
}
