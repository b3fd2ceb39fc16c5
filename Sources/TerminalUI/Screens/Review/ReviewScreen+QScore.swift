import InspektCore
import InspektLanguage
import InspektWords

/// What Q Score said of the photos under review: listed under the checks, and asked about before they are sent.
extension ReviewScreen {
    /// One sentence per photo Q Score doubts: scored 2 or less, blurred or dark by its measure, or another side than
    /// its slot. Photos not checked, still being checked, or whose side is `Unclear` are never among them.
    static func qScoreConcerns(_ state: AppState, _ draft: Inspection) -> [String] {
        guard state.photos.qScoreOn else { return [] }
        return draft.photos.compactMap { photo in
            guard let mark = state.photos.qScores[photo.path], mark.size == photo.size, let quality = mark.quality
            else { return nil }
            let concerns = QScoreMark.concerns(quality, slot: photo.slot, words: state.options.words)
            guard !concerns.isEmpty else { return nil }
            return
                "\(SafeText.escape(photo.fileName)) (\(state.options.words.slot(photo.slot))): \(concerns.joined(separator: "; "))"
        }
    }

    /// The Q Score lines of the review, under their heading (none with Q Score off): each doubt, then what is
    /// unclear or not checked.
    static func qScoreLines(_ state: AppState, _ draft: Inspection) -> [(String, CellStyle)] {
        guard state.photos.qScoreOn, !draft.photos.isEmpty else { return [] }
        let glyphs = state.options.glyphs
        var lines: [(String, CellStyle)] = []
        var scores: [Double] = []
        var asking = 0
        var notChecked: [String] = []
        for photo in draft.photos {
            let mark = state.photos.qScores[photo.path].flatMap { $0.size == photo.size ? $0 : nil }
            let words = state.options.words
            let name = "\(SafeText.escape(photo.fileName)) (\(words.slot(photo.slot)))"
            switch mark?.verdict {
            case .scored(let quality):
                if let score = quality.qScore { scores.append(score) }
                let concerns = QScoreMark.concerns(quality, slot: photo.slot, words: words)
                if !concerns.isEmpty {
                    lines.append(("! \(name): \(concerns.joined(separator: "; "))", .role(.warn, bold: true)))
                }
                // Shown, never held against the photo.
                var unsure: [String] = []
                if quality.side == nil, quality.orientation != nil, photo.slot.sides != nil {
                    unsure.append(words("qscore.side-unclear"))
                }
                if let angle = quality.angle, Double(angle) == nil { unsure.append("angle \(SafeText.escape(angle))") }
                if let zoom = quality.zoom, Double(zoom) == nil { unsure.append("zoom \(SafeText.escape(zoom))") }
                if !unsure.isEmpty { lines.append(("? \(name): \(unsure.joined(separator: ", "))", .role(.muted))) }
            case .notChecked(let reason, _):
                notChecked.append("\(name): \(SafeText.escape(reason))")
            case .asking, nil:
                asking += 1
            }
        }
        if asking > 0 {
            lines.append((state.options.words("qscore.checking", count: asking) + glyphs.ellipsis, .role(.muted)))
        }
        if !notChecked.isEmpty {
            lines.append(
                (
                    state.options.words("qscore.not-checked-go", ["photos": notChecked.joined(separator: "; ")]),
                    .role(.muted)
                ))
        }
        if let lowest = scores.min(), !lines.contains(where: { $0.0.hasPrefix("!") }) {
            lines.insert(
                (
                    glyphs.check
                        + " "
                        + state.options.words(
                            "qscore.checked", count: scores.count, ["lowest": state.options.words.figure(lowest)]),
                    .role(.ok, bold: true)
                ),
                at: 0)
        }
        return lines
    }
}
