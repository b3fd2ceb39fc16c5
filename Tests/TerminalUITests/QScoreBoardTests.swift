import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// Q Score on the board (API.md §6): each photo put on a slot is asked about in the background, a few at a time;
/// the checklist shows the score and a wrong side; the review lists the doubtful photos and asks before sending.
@Suite struct QScoreBoardTests: KeyScript {
    func checks(_ commands: [Command]) -> [PhotoSelection] {
        commands.compactMap { if case .screen(.photos(.checkQScore(_, let photo))) = $0 { photo } else { nil } }
    }

    func answer(_ state: inout AppState, _ name: String, _ verdict: QScoreMark.Verdict) -> [Command] {
        let photo = state.draft?.photos.first { $0.fileName == name }
        return update(
            &state, .screen(.photos(.qScoreChecked(path: photo?.path ?? "", size: photo?.size ?? 0, verdict))))
    }

    /// The photos fixture (IMG_4101–4103 on Front, Front-left, Left) with Q Score on, and IMG_4104 put on Rear-left.
    func board(_ size: Size = ScreenFixtures.small) -> (AppState, [Command]) {
        var state = ScreenFixtures.photos(size)
        state.photos.qScoreOn = true
        let commands = type([.character("4")], &state)
        return (state, commands)
    }

    /// Every photo answered: 4101 good, 4102 scored 2 and blurred, 4103 shows the Rear on Left side, 4104 unclear.
    func scored(_ size: Size = ScreenFixtures.small) -> AppState {
        var (state, _) = board(size)
        _ = answer(
            &state, "IMG_4101.jpg",
            .scored(PhotoQuality(qScore: 4, orientation: "Front", blur: 4, luma: 4, angle: "12", zoom: "3")))
        _ = answer(&state, "IMG_4102.jpg", .scored(PhotoQuality(qScore: 2, orientation: "Front", blur: 1, luma: 4)))
        _ = answer(&state, "IMG_4103.jpg", .scored(PhotoQuality(qScore: 4, orientation: "Rear", blur: 4, luma: 4)))
        _ = answer(
            &state, "IMG_4104.jpg",
            .scored(PhotoQuality(qScore: 3, orientation: "Unclear", blur: 4, luma: 4, angle: "Inconclusive")))
        state.notice = nil
        return state
    }

    @Test func photosAreAskedAboutThreeAtATimeWithoutHoldingAKey() {
        var (state, commands) = board()
        // The draft is saved at once; three photos are asked about, the fourth waits for an answer.
        #expect(commands.contains { if case .saveDraft = $0 { true } else { false } })
        #expect(checks(commands).map(\.fileName) == ["IMG_4101.jpg", "IMG_4102.jpg", "IMG_4103.jpg"])
        #expect(state.draft?.photos.count == 4)
        let next = answer(&state, "IMG_4102.jpg", .scored(PhotoQuality(qScore: 4)))
        #expect(checks(next).map(\.fileName) == ["IMG_4104.jpg"])
        // Answered once, a photo is not asked about again.
        #expect(checks(answer(&state, "IMG_4101.jpg", .scored(PhotoQuality(qScore: 4)))).isEmpty)
        #expect(checks(PhotosScreen.enter(&state)).isEmpty)
    }

    @Test func withQScoreOffNothingIsAskedNorShown() {
        var state = ScreenFixtures.photos()
        let commands = type([.character("4")], &state)
        #expect(checks(commands).isEmpty)
        #expect(!shown(state).contains("Q "))
        _ = update(&state, .key(.function(2)))
        #expect(!shown(state).contains("Q Score"))
    }

    @Test func theChecklistShowsTheScoreAndAWrongSide() {
        let state = scored()
        let screen = view(state, size: state.size)
        #expect(text(screen).contains("Q 4/5"))
        #expect(text(screen).contains("shows the Rear"))
        assertSnapshot(screen, named: "photos-qscore-80x24")
        // The highlighted photo's preview lists every figure, Unclear and Inconclusive as sent.
        #expect(text(screen).contains("Q Score 3 of 5: Unclear "))
        let wide = scored(ScreenFixtures.large)
        let wideScreen = view(wide, size: wide.size)
        #expect(text(wideScreen).contains("Q 4/5 shows the Rear"))
        #expect(text(wideScreen).contains("Q 3/5 side unclear"))
        #expect(text(wideScreen).contains("blur 4, luma 4, angle Inconclusive"))
        // Narrow, the wrong side and the figure stay; the name and "side unclear" give way.
        #expect(text(screen).contains("Q 3/5"))
        assertSnapshot(wideScreen, named: "photos-qscore-120x40")
    }

    @Test func notCheckedIsSaidOnceAndNeverHeldAgainstAPhoto() {
        var (state, _) = board()
        _ = answer(&state, "IMG_4101.jpg", .notChecked(reason: "Q Score did not answer within 5 s", hostDown: true))
        #expect(
            state.notice?.text
                == "Q Score: not checked (Q Score did not answer within 5 s); the photos go all the same.")
        state.notice = nil
        _ = answer(&state, "IMG_4102.jpg", .notChecked(reason: "Q Score did not answer within 5 s", hostDown: true))
        #expect(state.notice == nil)
        #expect(ReviewScreen.qScoreConcerns(state, state.draft ?? Inspection(facts: CaseFacts(caseID: ""))).isEmpty)
    }

    @Test func reviewListsTheDoubtfulPhotosAndAsksBeforeSending() {
        var state = scored(ScreenFixtures.large)
        _ = update(&state, .key(.function(2)))
        let draft = state.draft ?? Inspection(facts: CaseFacts(caseID: ""))
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, []))))
        let review = shown(state)
        #expect(review.contains("! IMG_4102.jpg (Front-left): Q Score 2 of 5, blurred (blur 1 of 5)"))
        #expect(review.contains("! IMG_4103.jpg (Left side): shows the Rear, not the Left side"))
        // Unclear and Inconclusive are shown, never asked about.
        #expect(review.contains("? IMG_4104.jpg (Rear-left): side unclear, angle Inconclusive"))
        #expect(!review.contains("! IMG_4104"))
        #expect(!review.contains("! IMG_4101"))
        assertSnapshot(view(state, size: state.size), named: "review-qscore-120x40")
        #expect(type([.enter], &state).isEmpty)
        #expect(shown(state).contains("Send photos Q Score doubts?"))
        assertSnapshot(view(state, size: state.size), named: "review-qscore-asks-120x40")
        #expect(type([.character("n")], &state).isEmpty)
        #expect(state.overlay == nil)
        _ = type([.enter, .character("y")], &state)
        // Four walk-around slots are still empty: the reason comes next, then the submit.
        #expect(state.review.askingReason)
        let commands = type(chars("yard") + [.enter], &state)
        #expect(commands.last?.submitted == Submitted(id: draft.id, missingReason: "yard"))
    }

    /// The same review in Hindi: each doubt, the side it shows and the question, in the operator's words.
    @Test func reviewInHindiNamesTheDoubtsInHindi() {
        var state = scored(ScreenFixtures.large)
        state.options = RenderOptions(words: Languages.localizer(language: "hi"))
        _ = update(&state, .key(.function(2)))
        let draft = state.draft ?? Inspection(facts: CaseFacts(caseID: ""))
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, []))))
        let review = shown(state)
        #expect(review.contains("! IMG_4102.jpg (आगे-बाएँ): Q Score 5 में से 2, धुंधली (blur 5 में से 1)"), "\(review)")
        #expect(review.contains("पीछे का हिस्सा दिखाती है, बायाँ हिस्सा नहीं"), "\(review)")
        #expect(review.contains("तरफ़ साफ़ नहीं"))
        assertSnapshot(view(state, size: ScreenFixtures.small), named: "review-qscore-hi-80x24")
        _ = type([.enter], &state)
        #expect(shown(state).contains("जिन फ़ोटो पर Q Score को शक है, उन्हें भेजें?"), "\(shown(state))")
    }

    @Test func aBlurredPhotoScoredAbove2IsStillAskedAbout() {
        let quality = PhotoQuality(qScore: 3, orientation: "Front", blur: 2, luma: 1)
        #expect(
            QScoreMark.concerns(quality, slot: .front, words: Languages.english) == [
                "blurred (blur 2 of 5)", "too dark (luma 1 of 5)",
            ])
        #expect(
            QScoreMark.concerns(PhotoQuality(qScore: 4, orientation: "Unclear"), slot: .front, words: Languages.english)
                .isEmpty)
        #expect(
            QScoreMark.concerns(
                PhotoQuality(qScore: 4, orientation: "Left"), slot: .frontLeft, words: Languages.english
            ).isEmpty)
    }

    @Test func textFromTheNetworkIsEscaped() {
        var (state, _) = board(ScreenFixtures.large)
        _ = answer(
            &state, "IMG_4101.jpg", .scored(PhotoQuality(qScore: 4, orientation: "Front", angle: "\u{1B}[2Jboom")))
        _ = update(&state, .key(.function(2)))
        #expect(!shown(state).contains("\u{1B}"))
    }
}
