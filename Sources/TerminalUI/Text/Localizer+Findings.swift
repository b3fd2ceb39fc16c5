import InspektCore
import InspektLanguage

extension Localizer {
    /// A local check's finding with its figure, e.g. "IMG_0101.jpg (Front): too dark (brightness 31 of 255)".
    public func finding(_ finding: PhotoFinding) -> String {
        self(
            "finding.sentence",
            ["file": SafeText.escape(finding.fileName), "slot": slot(finding.slot), "detail": detail(finding)])
    }

    /// Why a blocking finding stops the submit.
    public func refusal(_ finding: PhotoFinding) -> String {
        if case .incomplete = finding.kind { return self("finding.cannot-send", ["finding": self.finding(finding)]) }
        return self("finding.would-reject", ["finding": self.finding(finding)])
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

    func detail(_ finding: PhotoFinding) -> String {
        switch finding.kind {
        case .tooSmall(let width, let height):
            return self(
                "finding.too-small",
                [
                    "size": "\(width)×\(height)",
                    "minimum": "\(PhotoFinding.minimumWidth)×\(PhotoFinding.minimumHeight)",
                ])
        case .blurred(let score):
            return self(
                "finding.blurred",
                ["sharpness": number(Int(score.rounded())), "threshold": number(Int(PhotoFacts.blurThreshold))])
        case .dark(let brightness): return self("finding.dark", ["brightness": number(Int(brightness.rounded()))])
        case .bright(let brightness): return self("finding.bright", ["brightness": number(Int(brightness.rounded()))])
        case .duplicate(let other, let fileName):
            return self("finding.duplicate", ["slot": slot(other), "file": SafeText.escape(fileName)])
        case .unreadable(let reason): return self("finding.unreadable", ["reason": SafeText.escape(reason)])
        case .incomplete: return self("finding.incomplete")
        case .alreadySent(let caseID): return self("finding.already-sent", ["case": SafeText.escape(caseID)])
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
        let word = value < 0.34 ? "damage.minor" : (value < 0.67 ? "damage.moderate" : "damage.severe")
        let tenths = Int((value * 10).rounded())
        return self(word) + " (" + decimal(Double(tenths) / 10, digits: 1) + ")"
    }

    /// "1—21 of 37": the lines shown of a scrolled text.
    func position(_ first: Int, through last: Int, of count: Int, dash: String) -> String {
        self("detail.lines", ["first": number(first), "dash": dash, "last": number(last), "count": number(count)])
    }

    /// "2 of 5": where the operator is in a list.
    func position(_ index: Int, of count: Int) -> String {
        self("detail.position", ["index": number(index), "count": number(count)])
    }
}

extension Localizer {
    /// Why a pickup photo stands beside a return photo: "same angle", "this angle faces the left front door".
    func counterpart(_ pickup: PickupCounterpart) -> String {
        switch pickup.reason {
        case .sameSlot: self("compare.same-angle")
        case .partInResult(let part): self("compare.part-in-result", ["part": SafeText.escape(part)])
        case .facingSlot(let part): self("compare.facing", ["part": SafeText.escape(part)])
        }
    }

    /// "2 new damages found", "No new damage found".
    func newDamage(_ result: ResultSummary) -> String {
        let count = result.totalDamageEntries
        return count == 0 ? self("compare.no-new-damage") : self("compare.new-damage", count: count)
    }
}
