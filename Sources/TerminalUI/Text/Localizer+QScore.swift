import Foundation
import InspektCore
import InspektLanguage

extension Localizer {
    /// Why Q Score doubts a photo on `slot`, in words: a score of 2 or less (with its blur or luma when those are low
    /// too), another side than the slot's. `Unclear` never counts as wrong. As `PhotoQuality.problems(for:)`.
    public func qScoreProblems(_ quality: PhotoQuality, slot: CoverageSlot) -> [String] {
        var problems: [String] = []
        let low = PhotoQuality.lowestAccepted
        if let score = quality.qScore, score <= low {
            var why: [String] = []
            if let blur = quality.blur, blur <= low { why.append(qScoreBlurred(blur)) }
            if let luma = quality.luma, luma <= low { why.append(qScoreDark(luma)) }
            var text = self("qscore.score", ["score": figure(score)])
            if why.count == 2 { text += ", " + self("qscore.both", ["first": why[0], "second": why[1]]) }
            if why.count == 1 { text += ", " + why[0] }
            problems.append(text)
        }
        if let side = quality.wrongSide(for: slot) {
            problems.append(self("qscore.not-slot", ["shows": qScoreShows(side), "slot": self.slot(slot)]))
        }
        return problems
    }

    func qScoreBlurred(_ blur: Double) -> String { self("qscore.blurred", ["blur": figure(blur)]) }
    func qScoreDark(_ luma: Double) -> String { self("qscore.dark", ["luma": figure(luma)]) }

    /// "shows the Rear": the side Q Score saw.
    func qScoreShows(_ side: VehicleSide) -> String {
        switch side {
        case .front: self("qscore.shows.front")
        case .rear: self("qscore.shows.rear")
        case .left: self("qscore.shows.left")
        case .right: self("qscore.shows.right")
        }
    }

    /// A Q Score figure as the language writes it: `4`, `3,5`.
    func figure(_ value: Double) -> String {
        let text = PhotoQuality.figure(value)
        return text.contains(".") ? decimal(value, digits: 1) : text
    }
}

extension Localizer {
    /// How long ago, in the board's four columns: "12m", "3h", "2d"; in whole minutes at least (an age in seconds
    /// would repaint the newest row every second, bytes over SSH that tell an operator nothing).
    func age(from date: Date, to now: Date) -> String {
        let seconds = Int(Format.bounded(now.timeIntervalSince(date), upTo: 1e12))
        if seconds < 60 { return self("age.under-minute") }
        if seconds < 3600 { return self("age.minutes", ["count": number(seconds / 60)]) }
        if seconds < 86_400 { return self("age.hours", ["count": number(seconds / 3600)]) }
        if seconds < 86_400 * 14 { return self("age.days", ["count": number(seconds / 86_400)]) }
        return self("age.weeks", ["count": number(seconds / (86_400 * 7))])
    }
}
