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

    public func detail(_ finding: PhotoFinding) -> String {
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
