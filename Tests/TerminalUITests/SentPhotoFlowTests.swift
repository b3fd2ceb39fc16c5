import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Photos that went out with another inspection, as the service finds them by their bytes: marked with its
/// case id, never suggested, asked about, hidden and shown by `s`, and named at review.
@Suite struct SentPhotoFlowTests: KeyScript {
    static let folder = "/srv/inbox/return"

    /// A new case's photo screen over a folder of the pickup's eight photos under new names and two new ones;
    /// returns the state and what listing the folder asked for.
    func returnFolder() -> (AppState, [Command]) {
        var state = ScreenFixtures.boardAllStates()
        _ = type([.character("n")] + "RETURN-61".map { .character($0) } + [.control("n")], &state)
        state.photos.folder = Self.folder
        let copies = (0..<8).map { i in
            InboxItem(
                name: "RET_\(i).jpg", path: "\(Self.folder)/RET_\(i).jpg", size: 2_000_000 + Int64(i),
                modified: ScreenFixtures.now.addingTimeInterval(-7200 + Double(i)))
        }
        let new = (0..<2).map { i in
            InboxItem(
                name: "NEW_\(i).jpg", path: "\(Self.folder)/NEW_\(i).jpg", size: 900_000,
                modified: ScreenFixtures.now.addingTimeInterval(-60 + Double(i)))
        }
        let commands = update(&state, .screen(.photos(.inboxScanned(path: Self.folder, copies + new))))
        return (state, commands)
    }

    func asked(_ commands: [Command]) -> [String: Int64]? {
        for command in commands { if case .screen(.photos(.findSentPhotos(let files, _))) = command { return files } }
        return nil
    }

    func row(_ state: AppState, _ name: String) -> Substring? {
        text(view(state, size: state.size)).split(separator: "\n").first { $0.contains(name) }
    }

    /// The service's answer: the eight copies were sent with CASE-20405.
    func answer(_ files: [String: Int64]) -> Message {
        .screen(
            .photos(
                .sentPhotosFound(
                    files: files,
                    sentWith: files.keys.filter { $0.contains("RET_") }.reduce(into: [:]) { $0[$1] = "CASE-20405" })))
    }

    @Test func listingAFolderAsksTheServiceAboutEveryFileByItsSize() throws {
        let (state, commands) = returnFolder()
        let files = try #require(asked(commands))
        #expect(files.count == 10)
        #expect(files["\(Self.folder)/RET_3.jpg"] == 2_000_003)
        #expect(commands.contains(.screen(.photos(.findSentPhotos(files: files, excluding: state.draft?.id)))))
        // Nothing is marked on names alone: only the answer marks.
        #expect(row(state, "RET_0.jpg")?.contains("sent") == false)
    }

    @Test func sentPhotosAreMarkedNeverSuggestedAskedAboutHiddenAndShown() throws {
        var (state, commands) = returnFolder()
        _ = update(&state, answer(try #require(asked(commands))))
        #expect(row(state, "RET_0.jpg")?.contains("sent CASE-20405") == true)
        #expect(row(state, "NEW_0.jpg")?.contains("sent") == false)
        // a suggests only the two new ones.
        _ = type([.character("a")], &state)
        #expect(Set(state.draft?.photos.map(\.fileName) ?? []) == ["NEW_0.jpg", "NEW_1.jpg"])
        // Picking a sent one asks first, naming the case; y puts it on the slot.
        _ = type([.end], &state)
        #expect(state.photos.highlighted?.name == "RET_0.jpg")
        let ret0 = "\(Self.folder)/RET_0.jpg"
        _ = update(
            &state,
            .screen(
                .photos(
                    .photoFactsLoaded(
                        path: ret0, PhotoFacts(mediaType: .jpeg, size: 2_000_000, pixelWidth: 640, pixelHeight: 480)))))
        #expect(shown(state).contains("│ Already sent with CASE-20405 "))
        #expect(type([.character("3")], &state).isEmpty)
        #expect(shown(state).contains("RET_0.jpg was already sent with CASE-20405"))
        let saved = type([.character("y")], &state)
        #expect(saved.contains { if case .saveDraft = $0 { true } else { false } })
        #expect(state.draft?.photos.contains { $0.slot == .left && $0.fileName == "RET_0.jpg" } == true)
        // s hides the other seven, and is remembered; s again shows them.
        #expect(type([.character("s")], &state).contains(.screen(.photos(.rememberHideSent(true)))))
        let names = (0..<state.photos.list.count).map { state.photos.items[state.photos.list.sourceIndex($0)].name }
        #expect(Set(names) == ["..", "NEW_0.jpg", "NEW_1.jpg", "RET_0.jpg"])
        #expect(shown(state).contains("Photos sent with other inspections are hidden (8 known); s shows them."))
        #expect(row(state, "RET_5.jpg") == nil)
        #expect(type([.character("s")], &state).contains(.screen(.photos(.rememberHideSent(false)))))
        #expect(state.photos.list.count == 11)
        #expect(row(state, "RET_5.jpg")?.contains("sent CASE-20405") == true)
    }

    @Test func anAnswerHidesAtOnceWhenSentPhotosAreHiddenAndAnAnswerAboutAChangedFileIsIgnored() throws {
        var (state, commands) = returnFolder()
        _ = type([.character("s")], &state)
        #expect(state.photos.list.count == 11, "nothing known yet: nothing hidden")
        var files = try #require(asked(commands))
        // RET_7 grew after it was asked about: its answer no longer says anything about it.
        var grown = state.photos.items.filter { $0.name != ".." }
        if let at = grown.firstIndex(where: { $0.name == "RET_7.jpg" }) { grown[at].size += 10 }
        let again = update(&state, .screen(.photos(.inboxScanned(path: Self.folder, grown))))
        #expect(asked(again) == ["\(Self.folder)/RET_7.jpg": 2_000_017])
        _ = update(&state, answer(files))
        #expect(state.photos.sentWith["\(Self.folder)/RET_7.jpg"] == nil)
        #expect(state.photos.list.count == 4, "seven hidden at once: \(state.photos.list.count)")
        files = ["\(Self.folder)/RET_7.jpg": 2_000_017]
        _ = update(&state, answer(files))
        #expect(state.photos.list.count == 3)
    }

    @Test func enteringThePhotosAgainAsksAgain() throws {
        var (state, commands) = returnFolder()
        _ = update(&state, answer(try #require(asked(commands))))
        _ = type([.character("n")], &state)
        #expect(state.route == .review)
        // Esc back to the photos: inspections sent meanwhile may hold these files.
        let back = type([.escape], &state)
        #expect(asked(back)?.count == 10)
    }
}

/// The review names photos sent before and incomplete ones, and warns of a case without a plate or VIN.
@Suite struct TrustedReviewFlowTests: KeyScript {
    func submits(_ commands: [Command]) -> Bool {
        commands.contains { if case .submit = $0 { true } else { false } }
    }

    /// The photos fixture (IMG_4101–4103 on Front, Front-left, Left) on the review.
    func review(vehicle: Bool = true) -> (AppState, Inspection) {
        var state = ScreenFixtures.photos()
        if !vehicle, var draft = state.draft {
            draft.facts.vehicle = " - "
            state.draft = draft
        }
        _ = update(&state, .key(.character("n")))
        return (state, state.draft ?? Inspection(facts: CaseFacts(caseID: "")))
    }

    func finding(_ draft: Inspection, _ slot: CoverageSlot, _ kind: PhotoFinding.Kind) -> PhotoFinding {
        PhotoFinding(slot: slot, path: draft.photos.first { $0.slot == slot }?.path ?? "", kind: kind)
    }

    @Test func photosSentBeforeAreNamedWithTheirCaseAndSentOnlyWhenTheOperatorSaysSo() {
        var (state, draft) = review()
        let reused = [
            finding(draft, .front, .alreadySent(caseID: "PICKUP-7")),
            finding(draft, .frontLeft, .alreadySent(caseID: "PICKUP-7")),
        ]
        _ = update(&state, .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, reused))))
        #expect(shown(state).contains("! IMG_4101.jpg (Front): already sent with PICKUP-7 (the same bytes)"))
        #expect(!submits(type([.enter], &state)))
        #expect(shown(state).contains("Send photos already sent?"))
        guard case .confirm(let dialog) = state.overlay else {
            Issue.record("no dialog: \(String(describing: state.overlay))")
            return
        }
        #expect(dialog.message.contains("IMG_4102.jpg (Front-left): already sent with PICKUP-7"), "\(dialog.message)")
        _ = type([.character("n")], &state)
        #expect(state.overlay == nil)
        _ = type([.enter, .character("y")], &state)
        #expect(state.review.askingReason, "said yes: on to the reason for the empty slots")
    }

    @Test func anIncompletePhotoIsRefusedAtReview() {
        var (state, draft) = review()
        _ = update(
            &state,
            .screen(.review(.qualityChecked(id: draft.id, photos: draft.photos, [finding(draft, .left, .incomplete)]))))
        #expect(shown(state).contains("✗ IMG_4103.jpg (Left side): incomplete: the file ends"))
        #expect(!submits(type([.enter], &state)))
        #expect(state.overlay == nil)
        #expect(shown(state).contains("Cannot send IMG_4103.jpg (Left side): incomplete"))
    }

    @Test func aCaseWithoutPlateOrVINIsWarnedAbout() {
        let (withVehicle, _) = review()
        #expect(!shown(withVehicle).contains("no plate or VIN"))
        let (state, _) = review(vehicle: false)
        #expect(shown(state).contains("! no plate or VIN: a later inspection of this car"))
        #expect(shown(state).contains("compared with this one; c adds it"))
    }
}
