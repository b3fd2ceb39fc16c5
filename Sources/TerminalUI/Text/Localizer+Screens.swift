import InspektCore
import InspektLanguage

extension Localizer {
    /// A checklist slot's name in the operator's language.
    func slot(_ slot: CoverageSlot) -> String {
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
        }
    }
}

extension Localizer {
    /// `Format.bytes` with the language's decimal mark: "7.0 MB", "7,0 MB".
    func bytes(_ count: Int64) -> String { decimalMark(Format.bytes(count)) }

    /// `Format.duration` in the language's units: "2 min 05 s", "2 मिनट 05 सेकंड".
    func duration(_ seconds: Double) -> String {
        let total = Int(Format.bounded(seconds.rounded(.up), upTo: 1e12))
        if total < 60 { return self("unit.seconds", ["s": number(total)]) }
        if total < 3600 {
            return self("unit.minutes-seconds", ["m": number(total / 60), "s": Format.twoDigits(total % 60)])
        }
        return self("unit.hours-minutes", ["h": number(total / 3600), "m": Format.twoDigits((total % 3600) / 60)])
    }

    /// `Format.percent` as the language writes it: "42%", "42 %".
    func percent(_ fraction: Double) -> String {
        self("unit.percent", ["n": String(Int((Format.bounded(fraction, upTo: 1) * 100).rounded(.down)))])
    }

    /// A figure written with "." as its decimal mark, in the language's mark.
    private func decimalMark(_ text: String) -> String {
        let mark = decimal(0.5, digits: 1).dropFirst().prefix(1)
        return mark == "." ? text : text.replacingOccurrences(of: ".", with: String(mark))
    }
}
