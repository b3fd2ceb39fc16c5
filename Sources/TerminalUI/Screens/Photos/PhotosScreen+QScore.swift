import InspektCore
import InspektLanguage
import InspektWords

/// What Q Score said of one photo put on a slot, for the file as it was asked about.
public struct QScoreMark: Sendable, Hashable {
    public enum Verdict: Sendable, Hashable {
        case asking
        case scored(PhotoQuality)
        /// Not checked: the reason in words, and whether the host itself is the reason (down, slow, refusing).
        case notChecked(reason: String, hostDown: Bool)
    }

    /// The file's size when asked: a file that changed is asked about again.
    public var size: Int64
    public var verdict: Verdict

    public init(size: Int64, verdict: Verdict) {
        self.size = size
        self.verdict = verdict
    }

    public var quality: PhotoQuality? {
        if case .scored(let quality) = verdict { return quality }
        return nil
    }

    /// Why the photo may be rejected, in words: a score of 2 or less, blurred or dark by Inspektlabs' measure (2 or
    /// less), or another side than its slot. `Unclear` and `Inconclusive` are never held against it.
    public static func concerns(_ quality: PhotoQuality, slot: CoverageSlot, words: Localizer) -> [String] {
        var concerns = words.qScoreProblems(quality, slot: slot)
        let low = PhotoQuality.lowestAccepted
        // `problems` names blur and luma only under a low score; on the board they are worth a question alone.
        if (quality.qScore ?? 5) > low {
            if let blur = quality.blur, blur <= low {
                concerns.append(words.qScoreBlurred(blur))
            }
            if let luma = quality.luma, luma <= low {
                concerns.append(words.qScoreDark(luma))
            }
        }
        return concerns
    }
}

extension PhotosScreen {
    /// Photos asked about at once; the rest wait for an answer (Q Score takes a second or two per photo).
    static let qScoreInFlight = 3

    /// Asks Q Score about the draft's photos not asked about yet at their present size, a few at a time. Nothing
    /// when Q Score is off. Never waits: the answers come as messages.
    static func qScoreCommands(_ state: inout AppState) -> [Command] {
        guard state.photos.qScoreOn, let draft = state.draft else { return [] }
        var asking = state.photos.qScores.values.filter { $0.verdict == .asking }.count
        var commands: [Command] = []
        for photo in draft.photos where asking < qScoreInFlight && state.photos.qScores[photo.path]?.size != photo.size
        {
            state.photos.qScores[photo.path] = QScoreMark(size: photo.size, verdict: .asking)
            asking += 1
            commands.append(.screen(.photos(.checkQScore(caseID: draft.facts.caseID, photo: photo))))
        }
        return commands
    }

    /// Q Score's answer: kept when the file is still as it was asked about; the next photo is asked about.
    static func qScoreChecked(
        path: String, size: Int64, _ verdict: QScoreMark.Verdict, _ state: inout AppState
    ) -> [Command] {
        if state.photos.qScores[path]?.size == size {
            state.photos.qScores[path] = QScoreMark(size: size, verdict: verdict)
            if case .notChecked(let reason, _) = verdict, !state.photos.qScoreSkipSaid {
                // Said once: Q Score down never holds a photo back.
                state.photos.qScoreSkipSaid = true
                state.notice = Notice(
                    state.options.words("notice.qscore.not-checked", ["reason": SafeText.escape(reason)]), role: .warn)
            }
        }
        return qScoreCommands(&state)
    }

    /// The checklist's word for a photo: "Q 4/5", and the side it shows when that is not its slot's.
    static func qScoreTags(_ state: AppState) -> [String: CoverageChecklist.QTag] {
        guard state.photos.qScoreOn, let draft = state.draft else { return [:] }
        var tags: [String: CoverageChecklist.QTag] = [:]
        for photo in draft.photos {
            guard let mark = state.photos.qScores[photo.path], mark.size == photo.size else { continue }
            switch mark.verdict {
            case .asking:
                tags[photo.path] = CoverageChecklist.QTag(
                    score: "Q " + state.options.glyphs.ellipsis, side: nil, role: .muted)
            case .notChecked: tags[photo.path] = CoverageChecklist.QTag(score: "Q -", side: nil, role: .muted)
            case .scored(let quality):
                let score = quality.qScore.map { "Q \(PhotoQuality.figure($0))/5" } ?? "Q ?"
                let concerns = QScoreMark.concerns(quality, slot: photo.slot, words: state.options.words)
                let wrong = quality.wrongSide(for: photo.slot)
                let unclear = quality.side == nil && quality.orientation != nil && photo.slot.sides != nil
                let side =
                    wrong.map(state.options.words.qScoreShows)
                    ?? (unclear ? state.options.words("qscore.side-unclear") : nil)
                let role: StyleRole = !concerns.isEmpty ? .error : (quality.qScore ?? 5) < 4 ? .warn : .ok
                tags[photo.path] = CoverageChecklist.QTag(score: score, side: side, wrongSide: wrong != nil, role: role)
            }
        }
        return tags
    }

    /// The preview's lines for a photo on a slot that Q Score judged: every figure, `Unclear` and `Inconclusive` too.
    static func qScorePreview(_ state: AppState, _ item: InboxItem) -> [(String, CellStyle)] {
        guard state.photos.qScoreOn, let mark = state.photos.qScores[item.path], mark.size == item.size,
            let quality = mark.quality
        else { return [] }
        var figures: [String] = []
        if let blur = quality.blur { figures.append("blur \(PhotoQuality.figure(blur))") }
        if let luma = quality.luma { figures.append("luma \(PhotoQuality.figure(luma))") }
        if let angle = quality.angle { figures.append("angle \(SafeText.escape(angle))") }
        if let zoom = quality.zoom { figures.append("zoom \(SafeText.escape(zoom))") }
        let score =
            quality.qScore.map { state.options.words("qscore.score", ["score": state.options.words.figure($0)]) }
            ?? "Q Score"
        let low = (quality.qScore ?? 5) <= PhotoQuality.lowestAccepted
        let first = score + (quality.orientation.map { ": " + SafeText.escape($0) } ?? "")
        return [(first, low ? .role(.warn, bold: true) : .normal)]
            + (figures.isEmpty ? [] : [(figures.joined(separator: ", "), .normal)])
    }
}
