import Foundation
import InspektCore
import InspektLanguage
import InspektWords

extension ConfirmDialog {
    /// Asks before sending photos the local checks doubt, naming each with its figure.
    /// `qScore`: Q Score's doubts, one sentence per photo ("soft.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)").
    static func submitDoubtfulPhotos(
        _ findings: [PhotoFinding], qScore: [String] = [], words: Localizer
    ) -> ConfirmDialog {
        // Beside the local checks' findings, Q Score's say whose they are.
        let sentences = findings.map(words.finding) + qScore.map { findings.isEmpty ? $0 : "Q Score: " + $0 }
        var named = sentences.prefix(4).joined(separator: "; ")
        if sentences.count > 4 { named += words("dialog.doubtful.more", count: sentences.count - 4) }
        // A photo sent before with another case: the operator says so, or it is not sent again.
        let reused = findings.contains { if case .alreadySent = $0.kind { true } else { false } }
        let title =
            reused
            ? "dialog.doubtful.title.reused"
            : findings.isEmpty ? "dialog.doubtful.title.qscore" : "dialog.doubtful.title"
        return ConfirmDialog(
            title: words(title),
            message: words(reused ? "dialog.doubtful.reused" : "dialog.doubtful", ["photos": named]),
            choices: [
                Choice(key: "y", label: "dialog.send-anyway", outcome: .submitDoubtful),
                Choice(key: "n", label: "dialog.go-back", outcome: .cancel),
            ])
    }

    /// Asks before submitting a case id that Inspektlabs already accepted from this kiosk.
    static func submitCaseAgain(caseID: String, earlier: Inspection, now: Date, words: Localizer) -> ConfirmDialog {
        ConfirmDialog(
            title: words("dialog.again.title"),
            message: words(
                "dialog.again",
                [
                    "case": SafeText.escape(caseID), "state": words.state(earlier.state),
                    "age": words.age(from: earlier.createdAt, to: now),
                ]),
            choices: [
                Choice(key: "y", label: "dialog.submit-again", outcome: .submitAgain),
                Choice(key: "n", label: "dialog.go-back", outcome: .cancel),
            ])
    }
}

extension ConfirmDialog {
    /// Asks before a photo already sent with another case goes on a slot of this one.
    static func assignSentPhoto(
        name: String, caseID: String, path: String, slot: CoverageSlot, words: Localizer
    ) -> ConfirmDialog {
        ConfirmDialog(
            title: words("dialog.sent-photo.title"),
            message: words(
                "dialog.sent-photo",
                ["file": SafeText.escape(name), "case": SafeText.escape(caseID), "slot": words.slot(slot)]),
            choices: [
                Choice(key: "y", label: "dialog.use-it", outcome: .assignSentPhoto(path: path, slot: slot)),
                Choice(key: "n", label: "dialog.keep-looking", outcome: .cancel),
            ])
    }
}
