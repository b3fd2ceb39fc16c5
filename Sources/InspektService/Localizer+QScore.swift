import InspektCore
import InspektLanguage
import InspektWords

/// What Q Score said of the photos, in the operator's language (English: `Languages.english`).
extension Localizer {
    /// One sentence per photo that should not go: "soft.jpg (Rear): Q Score 2 of 5, blurred (blur 1 of 5)".
    public func qScoreRefusals(_ report: QScoreReport) -> [String] {
        report.entries.compactMap { entry in
            guard case .success(let quality) = entry.outcome else { return nil }
            let problems = qScoreProblems(quality, slot: entry.photo.slot)
            guard !problems.isEmpty else { return nil }
            return self(
                "cli.qscore.photo",
                [
                    "file": SafeText.escape(entry.photo.fileName), "slot": slot(entry.photo.slot),
                    "problems": problems.joined(separator: "; "),
                ])
        }
    }

    /// The photos not checked, said once, with the host's reason (as the host or the client gave it). Nil when every
    /// photo was checked.
    public func qScoreNotChecked(_ report: QScoreReport) -> String? {
        let skipped = report.entries.compactMap { entry -> (PhotoSelection, QScoreSkip)? in
            guard case .failure(let skip) = entry.outcome else { return nil }
            return (entry.photo, skip)
        }
        guard !skipped.isEmpty else { return nil }
        let host = skipped.first { $0.1.stopsTheRest }.map { $0.1.reason }
        let single = skipped.filter { !$0.1.stopsTheRest }.map { "\(SafeText.escape($0.0.fileName)): \($0.1.reason)" }
        let why = ([host].compactMap { $0 } + single).joined(separator: "; ")
        guard skipped.count == report.entries.count else {
            return self(
                "cli.qscore.not-checked.some",
                ["skipped": number(skipped.count), "total": number(report.entries.count), "why": why])
        }
        return report.entries.count == 1
            ? self("cli.qscore.not-checked.one", ["why": why]) : self("cli.qscore.not-checked.all", ["why": why])
    }
}
