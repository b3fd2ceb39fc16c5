import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// A case made a video walk-around on the board: the video alone instead of the eight slots, no photo with it,
/// nothing missing at review, and the video is what goes up.
@Suite struct VideoWalkAroundFlowTests: KeyScript {
    func photosWithAVideo() -> AppState {
        var state = ScreenFixtures.base(ScreenFixtures.large)
        _ = type([.character("n")] + "CASE-V2".map { .character($0) } + [.function(2)], &state)
        let now = ScreenFixtures.now
        let items = [
            InboxItem(name: "walk.mp4", path: "/srv/inbox/walk.mp4", size: 3_000_000, modified: now, duration: 42),
            InboxItem(
                name: "IMG_1.jpg", path: "/srv/inbox/IMG_1.jpg", size: 2_000_000, modified: now - 60,
                captureTime: now - 60),
        ]
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", items))))
        return state
    }

    func highlight(_ name: String, _ state: inout AppState) {
        _ = type([.home], &state)
        for _ in 0..<5 where state.photos.highlighted?.name != name { _ = type([.down], &state) }
        #expect(state.photos.highlighted?.name == name)
    }

    @Test func aVideoStandsForTheWalkAroundAloneAndGoesUpAtReview() {
        var state = photosWithAVideo()
        highlight("walk.mp4", &state)
        let saved = type([.character("1")], &state)
        #expect(state.draft?.photos.map(\.slot) == [.video])
        #expect(state.draft?.photos.map(\.path) == ["/srv/inbox/walk.mp4"])
        #expect(saved.contains { if case .saveDraft = $0 { true } else { false } })
        var text = shown(state)
        #expect(text.contains("Coverage: video"), "\(text)")
        #expect(text.contains("Video walk-around"))
        #expect(text.contains("It films every side"))

        // A photo cannot join it, on a walk-around slot or as an extra.
        highlight("IMG_1.jpg", &state)
        #expect(type([.character("2")], &state).isEmpty)
        #expect(state.draft?.photos.map(\.slot) == [.video])
        #expect(state.notice?.text.contains("This case is a video walk-around: no photos go with it") == true)

        let draft = state.draft ?? Inspection(facts: CaseFacts(caseID: ""))
        let asked = type([.character("n")], &state)
        #expect(asked == [.screen(.review(.checkQuality(id: draft.id, photos: draft.photos)))])
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, []))))
        text = shown(state)
        #expect(text.contains("none: a video walk-around films every side"), "\(text)")
        #expect(text.contains("walk.mp4"))
        // Nothing missing, so no reason is asked: Enter sends the video.
        let commands = type([.enter], &state)
        #expect(commands.last?.submitted == Submitted(id: draft.id, missingReason: nil))
        #expect(commands.last?.submittedDraft?.photos.map(\.slot) == [.video])
    }

    @Test func suggestLeavesVideosOutAndAVideoCaseAlone() {
        var state = photosWithAVideo()
        _ = type([.character("a")], &state)
        #expect(state.draft?.photos.map(\.path) == ["/srv/inbox/IMG_1.jpg"])
        highlight("IMG_1.jpg", &state)
        _ = type([.character("x")], &state)
        #expect(state.draft?.photos.isEmpty == true)
        highlight("walk.mp4", &state)
        _ = type([.character("1")], &state)
        #expect(type([.character("a")], &state).isEmpty)
        #expect(state.draft?.photos.map(\.slot) == [.video])
    }

    @Test func aVideoIsRefusedWhilePhotosAreOnTheCase() {
        var state = photosWithAVideo()
        highlight("IMG_1.jpg", &state)
        _ = type([.character("1")], &state)
        highlight("walk.mp4", &state)
        #expect(type([.character("2")], &state).isEmpty)
        #expect(state.draft?.photos.map(\.slot) == [.front])
        #expect(state.notice?.text.contains("walk.mp4 is a video: a video walk-around goes alone") == true)
    }
}

/// The detail of a video walk-around names it and shows its length, read when the detail opened.
@Suite struct VideoWalkAroundDetailTests: KeyScript {
    @Test func theDetailShowsTheVideoWithItsDuration() {
        var state = ScreenFixtures.base(ScreenFixtures.large)
        let now = ScreenFixtures.now
        let inspection = Inspection(
            id: "insp-v", facts: CaseFacts(caseID: "CASE-V3"), state: .processing,
            photos: [PhotoSelection(slot: .video, path: "/srv/inbox/walk.mp4", size: 3_000_000, sha256: "ab12")],
            session: "sess-v", createdAt: now, updatedAt: now)
        _ = update(&state, .inspectionsLoaded([inspection]))
        let asked = type([.enter], &state)
        #expect(asked.contains(.screen(.detail(.loadDetail(id: "insp-v")))))
        _ = update(&state, .screen(.detail(.detailLoaded(id: "insp-v", events: [], result: nil))))
        _ = update(
            &state,
            .screen(
                .detail(.videoLoaded(id: "insp-v", VideoSummary(fileName: "walk.mp4", size: 3_000_000, duration: 102))))
        )
        let row = shown(state).split(separator: "\n").first { $0.contains("walk.mp4") } ?? ""
        #expect(row.contains("Video walk-around"), "\(shown(state))")
        #expect(row.contains("1:42"), "\(shown(state))")
        #expect(!shown(state).contains("missing"))
    }
}
