import InspektCore
import InspektLanguage

/// The words for what inspekt keeps about an inspection, shared by the screens, the command line and the report.
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
    /// A vehicle type as an operator says it; typing its first letter picks it.
    public func vehicleType(_ type: VehicleType) -> String {
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

    /// Where an inspection stands, in a word or two ("Available").
    public func state(_ state: InspectionState) -> String {
        switch state {
        case .draft: self("state.draft")
        case .ready: self("state.ready")
        case .uploading: self("state.name.uploading")
        case .processing: self("state.processing")
        case .available: self("state.available")
        case .rejected: self("state.rejected")
        case .failedRetryable: self("state.failed")
        case .mayHaveBeenAccepted: self("state.may-have-been-accepted")
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
    /// "front bumper: dent, severity moderate (0.5), confidence 90%": the part and damage as Inspektlabs names them
    /// (escaped), the rest in the operator's language. A score outside 0...1 reads "unknown".
    public func damage(_ part: DamagedPart) -> String {
        var text = SafeText.escape(part.part) + ": " + SafeText.escape(part.damageType)
        if part.severity != nil {
            let severity = part.shownSeverity.map(severity) ?? self("damage.unknown")
            text += ", " + self("damage.severity", ["severity": severity])
        }
        if part.confidence != nil {
            let confidence =
                part.shownConfidence.map { self("damage.percent", ["value": number(Int(($0 * 100).rounded()))]) }
                ?? self("damage.unknown")
            text += ", " + self("damage.confidence", ["confidence": confidence])
        }
        return text
    }

    /// Severity 0...1 as a word and a number: "severe (0.8)".
    public func severity(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return severityWord(value) + " (" + decimal(Double(tenths) / 10, digits: 1) + ")"
    }

    /// Severity 0...1 as a word: "minor", "moderate", "severe".
    public func severityWord(_ value: Double) -> String {
        self(value < 0.34 ? "damage.minor" : (value < 0.67 ? "damage.moderate" : "damage.severe"))
    }

    /// A comparison's verdict: "No new damage found", "1 new damage found", "2 new damages found".
    public func newDamage(_ result: ResultSummary) -> String {
        let count = result.totalDamageEntries
        return count == 0 ? self("compare.no-new-damage") : self("compare.new-damage", count: count)
    }

    /// Why a pickup photo stands beside a return photo: "same angle", "this angle faces the left front door".
    public func counterpart(_ pickup: PickupCounterpart) -> String {
        switch pickup.reason {
        case .sameSlot: self("compare.same-angle")
        case .partInResult(let part): self("compare.part-in-result", ["part": SafeText.escape(part)])
        case .facingSlot(let part): self("compare.facing", ["part": SafeText.escape(part)])
        }
    }
}
