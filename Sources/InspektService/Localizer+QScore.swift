import InspektCore
import InspektLanguage

/// What Q Score said of the photos, in the operator's language (`QScoreReport.refusals` in English).
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
                    "file": SafeText.escape(entry.photo.fileName), "slot": slotName(entry.photo.slot),
                    "problems": problems.joined(separator: "; "),
                ])
        }
    }

    /// `PhotoQuality.problems(for:)` in the language.
    func qScoreProblems(_ quality: PhotoQuality, slot: CoverageSlot) -> [String] {
        var problems: [String] = []
        if let score = quality.qScore, score <= PhotoQuality.lowestAccepted {
            var why: [String] = []
            if let blur = quality.blur, blur <= PhotoQuality.lowestAccepted {
                why.append(self("cli.qscore.blurred", ["score": figure(blur)]))
            }
            if let luma = quality.luma, luma <= PhotoQuality.lowestAccepted {
                why.append(self("cli.qscore.dark", ["score": figure(luma)]))
            }
            problems.append(
                why.isEmpty
                    ? self("cli.qscore.low", ["score": figure(score)])
                    : self(
                        "cli.qscore.low.why",
                        ["score": figure(score), "why": why.joined(separator: self("cli.qscore.and"))]))
        }
        if let side = quality.wrongSide(for: slot) {
            problems.append(self("cli.qscore.wrong-side", ["side": sideName(side), "slot": slotName(slot)]))
        }
        return problems
    }

    /// A Q Score figure ("4", "3.5") with the language's decimal mark.
    public func figure(_ value: Double) -> String {
        let mark = String(decimal(0.5, digits: 1).dropFirst().prefix(1))
        return PhotoQuality.figure(value).replacingOccurrences(of: ".", with: mark)
    }

    /// A side of the car as Q Score names it.
    func sideName(_ side: VehicleSide) -> String {
        switch side {
        case .front: self("cli.qscore.side.front")
        case .rear: self("cli.qscore.side.rear")
        case .left: self("cli.qscore.side.left")
        case .right: self("cli.qscore.side.right")
        }
    }

    /// `QScoreReport.notChecked` in the language: the photos not checked, said once, with the host's reason (as
    /// the host or the client gave it). Nil when every photo was checked.
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
