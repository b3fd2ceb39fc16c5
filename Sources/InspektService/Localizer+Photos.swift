import Foundation
import InspektCore
import InspektLanguage
import InspektWords

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
        case .alreadyUsed(let name, let used):
            self("media.already-used", ["name": SafeText.escape(name), "slot": slot(used)])
        case .changed(let name, let detail):
            self("media.changed", ["name": SafeText.escape(name), "detail": detail])
        case .incomplete(let name): self("media.incomplete", ["name": SafeText.escape(name)])
        case .notContainer(let name, let claimed, let reason):
            self(
                "media.not-container",
                ["name": SafeText.escape(name), "claimed": claimed.rawValue, "reason": SafeText.escape(reason)])
        }
    }
}
