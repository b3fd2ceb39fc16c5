import InspektCore
import InspektLanguage

extension Localizer {
    /// Why Q Score doubts a photo on `slot`, in words: a score of 2 or less (with its blur or luma when those are low
    /// too), another side than the slot's. `Unclear` never counts as wrong.
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

    public func qScoreBlurred(_ blur: Double) -> String { self("qscore.blurred", ["blur": figure(blur)]) }
    public func qScoreDark(_ luma: Double) -> String { self("qscore.dark", ["luma": figure(luma)]) }

    /// "shows the Rear": the side Q Score saw.
    public func qScoreShows(_ side: VehicleSide) -> String {
        switch side {
        case .front: self("qscore.shows.front")
        case .rear: self("qscore.shows.rear")
        case .left: self("qscore.shows.left")
        case .right: self("qscore.shows.right")
        }
    }

    /// A Q Score figure as the language writes it: `4`, `3,5`.
    public func figure(_ value: Double) -> String {
        let text = PhotoQuality.figure(value)
        return text.contains(".") ? decimal(value, digits: 1) : text
    }
}
