import Foundation
import InspektCore
import InspektLanguage

/// The photo checks' words in the operator's language: why a file cannot be sent (`FileProblem`) and what the
/// local checks found (`PhotoFinding`). English reads as the types' own descriptions.
extension Localizer {
    /// Why a file cannot be sent, e.g. "IMG_0042.jpg is no longer there: …".
    public func fileProblem(_ problem: FileProblem) -> String {
        switch problem {
        case .unreadable(let name, let reason):
            self("media.unreadable", ["name": SafeText.escape(name), "reason": reason])
        case .missing(let name): self("media.missing", ["name": SafeText.escape(name)])
        case .empty(let name): self("media.empty", ["name": SafeText.escape(name)])
        case .notAFile(let name): self("media.not-a-file", ["name": SafeText.escape(name)])
        case .unsupportedExtension(let name): self("media.unsupported", ["name": SafeText.escape(name)])
        case .contentMismatch(let name, let claimed, let actual):
            actual.map {
                self(
                    "media.mismatch",
                    ["name": SafeText.escape(name), "claimed": claimed.rawValue, "actual": $0.rawValue])
            } ?? self("media.mismatch.unknown", ["name": SafeText.escape(name), "claimed": claimed.rawValue])
        case .videoSize(let name, let bytes):
            // The exact byte count, digits only: it is read like an identifier.
            self("media.video-size", ["name": SafeText.escape(name), "bytes": String(bytes)])
        case .alreadyUsed(let name, let slot):
            self("media.already-used", ["name": SafeText.escape(name), "slot": slotName(slot)])
        case .changed(let name, let detail):
            self("media.changed", ["name": SafeText.escape(name), "detail": detail])
        case .incomplete(let name): self("media.incomplete", ["name": SafeText.escape(name)])
        case .notContainer(let name, let claimed, let reason):
            self(
                "media.not-container",
                ["name": SafeText.escape(name), "claimed": claimed.rawValue, "reason": SafeText.escape(reason)])
        }
    }

    /// "IMG_0101.jpg (Front): too dark (brightness 31 of 255)".
    public func finding(_ finding: PhotoFinding) -> String {
        self(
            "finding.sentence",
            ["file": SafeText.escape(finding.fileName), "slot": slotName(finding.slot), "detail": detail(finding)])
    }

    /// Why a blocking finding stops the submit: "Inspektlabs would reject tiny.jpg (Rear): 200×150 px, …".
    public func refusal(_ finding: PhotoFinding) -> String {
        if case .incomplete = finding.kind { return self("finding.cannot-send", ["sentence": self.finding(finding)]) }
        return self("finding.reject", ["sentence": self.finding(finding)])
    }

    /// The finding with its figure, e.g. "200×150 px, under Inspektlabs' 320×240".
    func detail(_ finding: PhotoFinding) -> String {
        switch finding.kind {
        case .tooSmall(let width, let height):
            self(
                "finding.too-small",
                [
                    "width": number(width), "height": number(height),
                    "min_width": number(PhotoFinding.minimumWidth), "min_height": number(PhotoFinding.minimumHeight),
                ])
        case .blurred(let score):
            self(
                "finding.blurred",
                ["score": number(Int(score.rounded())), "threshold": number(Int(PhotoFacts.blurThreshold))])
        case .dark(let brightness): self("finding.dark", ["value": number(Int(brightness.rounded()))])
        case .bright(let brightness): self("finding.bright", ["value": number(Int(brightness.rounded()))])
        case .duplicate(let slot, let fileName):
            self("finding.duplicate", ["slot": slotName(slot), "file": SafeText.escape(fileName)])
        case .unreadable(let reason): self("finding.unreadable", ["reason": SafeText.escape(reason)])
        case .incomplete: self("finding.incomplete")
        case .alreadySent(let caseID): self("finding.already-sent", ["case": SafeText.escape(caseID)])
        }
    }
}
