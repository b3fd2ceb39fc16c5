import InspektCore
import InspektLanguage

extension Localizer {
    /// `Format.bytes` with the language's decimal mark: "7.0 MB", "7,0 MB".
    public func bytes(_ count: Int64) -> String { decimalMark(Format.bytes(count)) }

    /// `Format.duration` in the language's units: "2 min 05 s", "2 मिनट 05 सेकंड".
    public func duration(_ seconds: Double) -> String {
        let total = Int(Format.bounded(seconds.rounded(.up), upTo: 1e12))
        if total < 60 { return self("unit.seconds", ["s": number(total)]) }
        if total < 3600 {
            return self("unit.minutes-seconds", ["m": number(total / 60), "s": Format.twoDigits(total % 60)])
        }
        return self("unit.hours-minutes", ["h": number(total / 3600), "m": Format.twoDigits((total % 3600) / 60)])
    }

    /// `Format.percent` as the language writes it: "42%", "42 %".
    public func percent(_ fraction: Double) -> String {
        self("unit.percent", ["n": String(Int((Format.bounded(fraction, upTo: 1) * 100).rounded(.down)))])
    }

    /// A figure written with "." as its decimal mark, in the language's mark.
    private func decimalMark(_ text: String) -> String {
        let mark = decimal(0.5, digits: 1).dropFirst().prefix(1)
        return mark == "." ? text : text.replacingOccurrences(of: ".", with: String(mark))
    }
}

extension Localizer {
    /// A case-entry field's label.
    func field(_ field: CaseField) -> String {
        switch field {
        case .caseID: self("case.field.case")
        case .vehicle: self("case.field.vehicle")
        case .vehicleType: self("case.field.type")
        case .agentID: self("case.field.agent-id")
        case .agentName: self("case.field.agent-name")
        case .email: self("case.field.email")
        case .notes: self("case.field.notes")
        }
    }

    /// What an empty case-entry field shows.
    func placeholder(_ field: CaseField) -> String? {
        switch field {
        case .caseID: self("case.placeholder.case")
        case .vehicle: self("case.placeholder.vehicle")
        case .email, .notes: self("case.placeholder.optional")
        default: nil
        }
    }
}

extension Localizer {
    /// `ResultSummary.damageWords` in the operator's language.
    func damage(_ result: ResultSummary, comparison: Bool = false, dash: String) -> String {
        var text =
            result.totalDamageEntries == 0
            ? self(comparison ? "state.available.no-new-damage" : "state.available.clean")
            : self(comparison ? "state.available.new-parts" : "state.available.parts", count: result.damagedPartCount)
        if let recommendation = result.recommendation, !recommendation.isEmpty {
            text += " \(dash) " + self("detail.recommendation", ["text": SafeText.escape(recommendation)])
        }
        return text
    }
}
