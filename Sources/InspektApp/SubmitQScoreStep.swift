import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektService

/// `inspekt submit`'s Q Score step (API.md §6), run before any upload session is opened: a photo that scores 2 or
/// less or shows another side than its slot is refused by name, unless `--force`; Q Score down, slow or refusing
/// the account leaves photos "not checked", said once, and never holds the upload back. `--no-qscore` skips it.
public struct SubmitQScoreStep {
    var force: Bool
    var skip: Bool
    var json: Bool

    public init(force: Bool, skip: Bool, json: Bool) {
        self.force = force
        self.skip = skip
        self.json = json
    }

    /// The report to keep with the inspection; nil when Q Score is off or skipped. Refusing exits through `refuse`.
    public func check(
        caseID: String, selection: [PhotoSelection], service: InspektService, refuse: ([String]) -> Never
    ) async -> QScoreReport? {
        guard !skip, service.qScoreIsOn else { return nil }
        guard let report = await service.askQScore(about: selection, caseID: caseID) else { return nil }
        if let notChecked = Terminal.language.qScoreNotChecked(report) { Terminal.note(notChecked) }
        let refusals = Terminal.language.qScoreRefusals(report)
        if refusals.isEmpty {
            if let summary = Self.summary(report, words: Terminal.language) { Terminal.note(summary) }
            return report
        }
        if force {
            for refusal in refusals { Terminal.note(Terminal.words("cli.qscore.forced", ["refusal": refusal])) }
            return report
        }
        let count = refusals.count
        refuse(
            refusals.map { Terminal.words("cli.qscore.refusal", ["refusal": $0]) } + [
                Terminal.words("cli.qscore.not-sent", count: count)
            ])
    }

    /// "Q Score: 8 photos checked, the lowest 4 of 5." for a selection with nothing against it.
    static func summary(_ report: QScoreReport, words: Localizer) -> String? {
        let scores = report.entries.compactMap { entry -> Double? in
            guard case .success(let quality) = entry.outcome else { return nil }
            return quality.qScore
        }
        guard let lowest = scores.min() else { return nil }
        let count = scores.count
        return words("cli.qscore.summary", count: count, ["lowest": words.figure(lowest)])
    }
}
