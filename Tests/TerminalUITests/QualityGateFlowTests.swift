import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// The review's quality gate: the checks are asked for on entry, listed with their figures; a sure
/// rejection refuses, a doubt asks naming the photo, a case accepted before asks.
@Suite struct QualityGateFlowTests: KeyScript {
    func submits(_ commands: [Command]) -> Bool {
        commands.contains { if case .submit = $0 { true } else { false } }
    }

    /// The photos fixture (IMG_4101–4103 on Front, Front-left, Left) on the review, checks asked for.
    func review() -> (AppState, Inspection) {
        var state = ScreenFixtures.photos()
        let commands = update(&state, .key(.character("n")))
        let draft = state.draft ?? Inspection(facts: CaseFacts(caseID: ""))
        #expect(commands == [.screen(.review(.checkQuality(id: draft.id, photos: draft.photos)))])
        return (state, draft)
    }

    func finding(_ draft: Inspection, _ slot: CoverageSlot, _ kind: PhotoFinding.Kind) -> PhotoFinding {
        PhotoFinding(slot: slot, path: draft.photos.first { $0.slot == slot }?.path ?? "", kind: kind)
    }

    @Test func aPhotoUnder320x240BlocksSubmitWithTheReason() {
        var (state, draft) = review()
        #expect(shown(state).contains("Checking size, sharpness, exposure and duplicates"))
        // Enter while the checks run waits for them; they refuse, so nothing is sent.
        #expect(type([.enter], &state).isEmpty)
        #expect(shown(state).contains("Checking the photos first"))
        let answer = update(
            &state,
            .screen(
                .review(
                    .qualityChecked(
                        id: draft.id, photos: draft.photos, [finding(draft, .front, .tooSmall(width: 200, height: 150))]
                    ))))
        #expect(!submits(answer))
        #expect(shown(state).contains("✗ IMG_4101.jpg (Front): 200×150 px, under Inspektlabs' 320×240"))
        let commands = type([.enter], &state)
        #expect(!submits(commands))
        #expect(state.overlay == nil)
        #expect(!state.review.askingReason)
        #expect(shown(state).contains("Inspektlabs would reject IMG_4101.jpg (Front)"))
    }

    @Test func aDoubtfulPhotoAsksNamingItThenGoesOn() {
        var (state, draft) = review()
        _ = update(
            &state,
            .screen(
                .review(
                    .qualityChecked(id: draft.id, photos: draft.photos, [finding(draft, .left, .blurred(score: 23.4))]))
            ))
        #expect(shown(state).contains("! IMG_4103.jpg (Left side): looks blurred (sharpness 23, under 60)"))
        #expect(type([.enter], &state).isEmpty)
        #expect(shown(state).contains("Send doubtful photos?"))
        #expect(shown(state).contains("IMG_4103.jpg (Left side): looks blurred"))
        #expect(type([.character("n")], &state).isEmpty)
        #expect(state.overlay == nil)
        _ = type([.enter], &state)
        #expect(shown(state).contains("Send doubtful photos?"))
        _ = type([.character("y")], &state)
        // Five walk-around slots are still empty: the reason comes next, then the submit.
        #expect(state.review.askingReason)
        let commands = type("wall on the right".map { .character($0) } + [.enter], &state)
        #expect(commands.last?.submitted == Submitted(id: draft.id, missingReason: "wall on the right"))
    }

    @Test func aCaseAcceptedBeforeOnThisKioskAsksFirst() {
        var state = ScreenFixtures.boardAllStates()
        _ = type([.character("n")] + "CASE-20405".map { .character($0) } + [.control("n")], &state)
        let items = (1...8).map { i in
            InboxItem(
                name: "IMG_\(i).jpg", path: "/srv/inbox/IMG_\(i).jpg", size: 500_000,
                modified: ScreenFixtures.now.addingTimeInterval(Double(i)),
                captureTime: ScreenFixtures.now.addingTimeInterval(Double(i)))
        }
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", items))))
        _ = type([.character("a"), .character("n")], &state)
        let draft = state.draft ?? Inspection(facts: CaseFacts(caseID: ""))
        #expect(draft.photos.count == 8)
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, []))))
        #expect(shown(state).contains("✓ size, sharpness, exposure and duplicates look fine"))
        #expect(type([.enter], &state).isEmpty)
        #expect(shown(state).contains("Submit this case again?"))
        #expect(shown(state).contains("CASE-20405 already has an accepted inspection on this"))
        #expect(shown(state).contains("(Available, 1h ago). Submit another one?"))
        let commands = type([.character("y")], &state)
        #expect(commands.last?.submitted == Submitted(id: draft.id, missingReason: nil))
    }

    @Test func enterWhileCheckingSubmitsOnceTheChecksPass() {
        var (state, draft) = review()
        #expect(type([.enter], &state).isEmpty)
        let commands = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, []))))
        // Five slots are empty: the reason is asked next, as after any Enter.
        #expect(commands.isEmpty)
        #expect(state.review.askingReason)
    }

    @Test func checksOfPhotosSinceChangedAreIgnored() {
        var (state, draft) = review()
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: Array(draft.photos.prefix(1)), []))))
        #expect(state.review.quality == .checking)
        _ = update(&state, .screen(.review(.qualityChecked(id: "another", photos: draft.photos, []))))
        #expect(state.review.quality == .checking)
    }

    @Test(arguments: [ScreenFixtures.small, ScreenFixtures.large])
    func reviewWithFindingsSnapshot(size: Size) {
        var state = ScreenFixtures.review(size)
        guard let draft = state.draft else { return }
        _ = update(
            &state,
            .screen(
                .review(
                    .qualityChecked(
                        id: draft.id, photos: draft.photos,
                        [
                            finding(draft, .front, .tooSmall(width: 200, height: 150)),
                            finding(draft, .frontLeft, .dark(brightness: 31.2)),
                            finding(draft, .left, .duplicate(of: .front, fileName: "IMG_4101.jpg")),
                        ]))))
        assertSnapshot(view(state, size: size), named: "review-checks-\(size.width)x\(size.height)")
    }
}

/// The watched inbox: each tick polls the folder shown; news rescans it, growing files are "arriving".
@Suite struct InboxWatchFlowTests {
    func item(_ name: String, size: Int64 = 900_000, secondsAgo: Double = 600) -> InboxItem {
        let time = ScreenFixtures.now.addingTimeInterval(-secondsAgo)
        return InboxItem(name: name, path: "/srv/inbox/" + name, size: size, modified: time, captureTime: time)
    }

    @Test func aPhotoLandingShowsWithANoteAndAGrowingOneIsArriving() {
        var state = ScreenFixtures.base()
        _ = update(&state, .key(.character("n")))
        for c in "CASE-51" { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.control("n")))
        let first = [item("IMG_1.jpg"), item("IMG_2.jpg")]
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", first))))
        // A tick asks for a poll, one at a time.
        #expect(update(&state, .tick(ScreenFixtures.now)) == [.screen(.photos(.pollInbox(path: "/srv/inbox")))])
        #expect(update(&state, .tick(ScreenFixtures.now)).isEmpty)
        // Nothing new: no rescan.
        #expect(update(&state, .screen(.photos(.inboxPolled(path: "/srv/inbox", first)))).isEmpty)
        // Three land, one still being written (changed just now).
        _ = update(&state, .tick(ScreenFixtures.now))
        let landed = first + [item("IMG_3.jpg"), item("IMG_4.jpg"), item("IMG_5.jpg", size: 40_000, secondsAgo: 0.3)]
        #expect(
            update(&state, .screen(.photos(.inboxPolled(path: "/srv/inbox", landed)))) == [
                .screen(.photos(.scanInbox(path: "/srv/inbox")))
            ])
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", landed))))
        var screen = text(view(state, size: state.size))
        #expect(screen.contains("3 new photos in the inbox."))
        #expect(screen.split(separator: "\n").contains { $0.contains("IMG_5.jpg") && $0.contains("arriving") })
        // It cannot be picked, nor suggested.
        let items = state.photos.items
        state.photos.list.selected =
            (0..<state.photos.list.count).first { items[state.photos.list.sourceIndex($0)].name == "IMG_5.jpg" } ?? 0
        #expect(state.photos.highlighted?.name == "IMG_5.jpg")
        #expect(update(&state, .key(.enter)).isEmpty)
        #expect(text(view(state, size: state.size)).contains("IMG_5.jpg is still arriving"))
        _ = update(&state, .key(.character("a")))
        #expect(!(state.draft?.photos.contains { $0.fileName == "IMG_5.jpg" } ?? true))
        // Later it grew, then stopped growing: arriving while it grows, pickable after.
        let later = ScreenFixtures.now.addingTimeInterval(5)
        _ = update(&state, .tick(later))
        var grown = landed
        grown[4].size = 80_000
        _ = update(&state, .screen(.photos(.inboxPolled(path: "/srv/inbox", grown))))
        #expect(state.photos.arriving == ["/srv/inbox/IMG_5.jpg"])
        _ = update(&state, .screen(.photos(.inboxScanned(path: "/srv/inbox", grown))))
        _ = update(&state, .tick(later.addingTimeInterval(1)))
        _ = update(&state, .screen(.photos(.inboxPolled(path: "/srv/inbox", grown))))
        #expect(state.photos.arriving.isEmpty)
        screen = text(view(state, size: state.size))
        #expect(!screen.contains("arriving"))
    }
}
