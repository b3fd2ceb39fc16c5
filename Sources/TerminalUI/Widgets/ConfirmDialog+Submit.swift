import Foundation
import InspektCore

extension ConfirmDialog {
    /// Asks before sending photos the local checks doubt, naming each with its figure.
    /// `qScore`: Q Score's doubts, one sentence per photo ("soft.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)").
    static func submitDoubtfulPhotos(_ findings: [PhotoFinding], qScore: [String] = []) -> ConfirmDialog {
        // Beside the local checks' findings, Q Score's say whose they are.
        let sentences = findings.map(\.sentence) + qScore.map { findings.isEmpty ? $0 : "Q Score: " + $0 }
        let named = sentences.prefix(4).joined(separator: "; ")
        let more = sentences.count > 4 ? "; and \(sentences.count - 4) more" : ""
        // A photo sent before with another case: the operator says so, or it is not sent again.
        let reused = findings.contains { if case .alreadySent = $0.kind { true } else { false } }
        return ConfirmDialog(
            title: reused
                ? "Send photos already sent?"
                : findings.isEmpty ? "Send photos Q Score doubts?" : "Send doubtful photos?",
            message: "\(named)\(more). "
                + (reused
                    ? "A photo sent with another case proves nothing new about this car; "
                    : "Inspektlabs may reject them; ")
                + "the session is spent either way.",
            choices: [
                Choice(key: "y", label: "send anyway", outcome: .submitDoubtful),
                Choice(key: "n", label: "go back", outcome: .cancel),
            ])
    }

    /// Asks before submitting a case id that Inspektlabs already accepted from this kiosk.
    static func submitCaseAgain(caseID: String, earlier: Inspection, now: Date) -> ConfirmDialog {
        ConfirmDialog(
            title: "Submit this case again?",
            message:
                "\(SafeText.escape(caseID)) already has an accepted inspection on this kiosk (\(earlier.state.title), "
                + "\(Format.age(from: earlier.createdAt, to: now)) ago). Submit another one?",
            choices: [
                Choice(key: "y", label: "submit again", outcome: .submitAgain),
                Choice(key: "n", label: "go back", outcome: .cancel),
            ])
    }
}

extension ConfirmDialog {
    /// Asks before a photo already sent with another case goes on a slot of this one.
    static func assignSentPhoto(name: String, caseID: String, path: String, slot: CoverageSlot) -> ConfirmDialog {
        ConfirmDialog(
            title: "Use a photo sent before?",
            message:
                "\(SafeText.escape(name)) was already sent with \(SafeText.escape(caseID)). Put it on \(slot.title) all the same?",
            choices: [
                Choice(key: "y", label: "use it", outcome: .assignSentPhoto(path: path, slot: slot)),
                Choice(key: "n", label: "keep looking", outcome: .cancel),
            ])
    }
}
