import InspektCore
import InspektLanguage

extension Localizer {
    /// A checklist slot's name in the operator's language.
    public func slot(_ slot: CoverageSlot) -> String {
        switch slot {
        case .front: self("slot.front")
        case .frontLeft: self("slot.front-left")
        case .left: self("slot.left")
        case .rearLeft: self("slot.rear-left")
        case .rear: self("slot.rear")
        case .rearRight: self("slot.rear-right")
        case .right: self("slot.right")
        case .frontRight: self("slot.front-right")
        case .odometer: self("slot.odometer")
        case .vin: self("slot.vin")
        case .interior: self("slot.interior")
        case .damage: self("slot.damage")
        case .video: self("slot.video")
        }
    }
}

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

    /// A vehicle type as an operator says it; typing its first letter picks it.
    func vehicleType(_ type: VehicleType) -> String {
        switch type {
        case .car: self("vehicle.car")
        case .carSUV: self("vehicle.suv")
        case .carHatchback: self("vehicle.hatchback")
        case .carSedan: self("vehicle.sedan")
        case .van: self("vehicle.van")
        case .truck: self("vehicle.truck")
        case .bus: self("vehicle.bus")
        case .motorcycle: self("vehicle.motorcycle")
        case .pickupTruck: self("vehicle.pickup")
        }
    }
}

extension Localizer {
    /// A broken input rule in the operator's language; the English message where the rule has no reason to name.
    public func problem(_ error: ValidationError) -> String {
        guard let reason = error.reason else { return error.message }
        switch reason {
        case .caseIDEmpty:
            return self("problem.case.empty")
        case .caseIDTooLong(let length, let limit):
            return self("problem.case.too-long", ["length": number(length), "limit": number(limit)])
        case .caseIDCharacter(let character, let position):
            return self("problem.case.character", ["what": describe(character), "position": number(position)])
        case .emailMalformed(let text):
            return self("problem.email", ["email": SafeText.escape(text)])
        }
    }

    /// A character a case id may not hold, named so that it can be found in what was typed.
    private func describe(_ character: Character) -> String {
        let shown = SafeText.escape(String(character))
        switch character {
        case " ": return self("char.space")
        case "/": return self("char.slash")
        case "\\": return self("char.backslash")
        case "\t": return self("char.tab")
        default:
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return self("char.control", ["shown": shown])
            }
            if character.unicodeScalars.contains(where: { !$0.isASCII }) {
                return self("char.non-ascii", ["shown": shown])
            }
            return self("char.other", ["shown": shown])
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
