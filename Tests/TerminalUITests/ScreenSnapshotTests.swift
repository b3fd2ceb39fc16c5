import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Every screen's text at 80×24 and 120×40, compared with the files in `__Snapshots__`.
@Suite struct ScreenSnapshotTests {
    static let sizes = [ScreenFixtures.small, ScreenFixtures.large]

    static func name(_ base: String, _ size: Size) -> String { "\(base)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes) func board(size: Size) {
        let state = ScreenFixtures.boardAllStates(size)
        assertSnapshot(view(state, size: size), named: Self.name("board", size))
    }

    @Test(arguments: sizes) func boardHelpOverlay(size: Size) {
        var state = ScreenFixtures.boardAllStates(size)
        _ = update(&state, .key(.character("?")))
        assertSnapshot(view(state, size: size), named: Self.name("board-help", size))
    }

    @Test(arguments: sizes) func boardQuitWhileUploading(size: Size) {
        var state = ScreenFixtures.boardAllStates(size)
        let commands = update(&state, .key(.character("q")))
        #expect(commands.isEmpty)
        assertSnapshot(view(state, size: size), named: Self.name("board-quit", size))
    }

    @Test(arguments: sizes) func boardFiltered(size: Size) {
        var state = ScreenFixtures.boardAllStates(size)
        _ = update(&state, .key(.character("/")))
        for c in "m-ab" { _ = update(&state, .key(.character(c))) }
        assertSnapshot(view(state, size: size), named: Self.name("board-filter", size))
    }

    @Test(arguments: sizes) func caseEntry(size: Size) {
        let state = ScreenFixtures.caseEntry(size)
        assertSnapshot(view(state, size: size), named: Self.name("case-entry", size))
    }

    @Test(arguments: sizes) func photos(size: Size) {
        let state = ScreenFixtures.photos(size)
        assertSnapshot(view(state, size: size), named: Self.name("photos", size))
    }

    @Test(arguments: sizes) func review(size: Size) {
        let state = ScreenFixtures.review(size)
        assertSnapshot(view(state, size: size), named: Self.name("review", size))
    }

    @Test(arguments: sizes) func reviewAsksForReason(size: Size) {
        let state = ScreenFixtures.review(size, askReason: true)
        assertSnapshot(view(state, size: size), named: Self.name("review-reason", size))
    }

    @Test(arguments: sizes) func upload(size: Size) {
        let state = ScreenFixtures.upload(size)
        assertSnapshot(view(state, size: size), named: Self.name("upload", size))
    }

    @Test(arguments: sizes) func uploadRetrying(size: Size) {
        var state = ScreenFixtures.upload(size)
        _ = update(
            &state,
            .service(
                .retryScheduled(inspectionID: "insp-9", attempt: 2, delay: 8, reason: "connection reset by the server"))
        )
        assertSnapshot(view(state, size: size), named: Self.name("upload-retrying", size))
    }

    /// An upload that stopped: the footer names the keys, never "the upload goes on".
    @Test(arguments: [InspectionState.failedRetryable, .mayHaveBeenAccepted]) func uploadStopped(
        as stopped: InspectionState
    ) {
        var state = ScreenFixtures.upload(ScreenFixtures.small)
        guard var inspection = state.inspection(id: "insp-9") else {
            Issue.record("the upload fixture holds insp-9")
            return
        }
        inspection.state = stopped
        inspection.failureReason = "the connection was reset after 7 MB"
        _ = update(&state, .service(.inspectionChanged(inspection)))
        assertSnapshot(view(state, size: state.size), named: Self.name("upload-" + stopped.rawValue, state.size))
    }

    @Test(arguments: sizes) func detailAvailable(size: Size) {
        let state = ScreenFixtures.detailAvailable(size)
        assertSnapshot(view(state, size: size), named: Self.name("detail-available", size))
    }

    @Test(arguments: sizes) func detailRejected(size: Size) {
        let state = ScreenFixtures.detailRejected(size)
        assertSnapshot(view(state, size: size), named: Self.name("detail-rejected", size))
    }

    @Test func tooSmall() {
        let state = ScreenFixtures.boardAllStates(Size(width: 40, height: 12))
        let screen = view(state, size: Size(width: 40, height: 12))
        assertSnapshot(screen, named: "too-small-40x12")
        #expect(text(screen).contains("terminal too small (need 60×20)"))
    }

    @Test func tooSmallKeepsStateAndComesBack() {
        var state = ScreenFixtures.caseEntry()
        let before = view(state, size: ScreenFixtures.small)
        _ = update(&state, .resize(Size(width: 30, height: 8)))
        #expect(update(&state, .key(.character("x"))).isEmpty)
        #expect(text(view(state, size: Size(width: 30, height: 8))).contains("terminal too small"))
        _ = update(&state, .resize(ScreenFixtures.small))
        #expect(view(state, size: ScreenFixtures.small) == before)
    }

    @Test func wideAndCombiningCharactersInFileNames() {
        let names = ["車の写真_前.jpg", "🚗🚙_side.jpg", "cafe\u{301}_ñ_rear.jpg", "IMG_0001.jpg"]
        let state = ScreenFixtures.photos(ScreenFixtures.small, names: names)
        let screen = view(state, size: ScreenFixtures.small)
        assertSnapshot(screen, named: "photos-wide-names-80x24")
        #expect(text(screen).contains("車の写真_前.jpg"))
        #expect(text(screen).contains("🚗🚙_side.jpg"))
    }

    @Test func escapeSequenceInFileNameIsShownEscaped() {
        let evil = "\u{1B}[2Jx\u{07}.jpg"
        let state = ScreenFixtures.photos(ScreenFixtures.small, names: [evil, "IMG_0001.jpg"])
        let screen = view(state, size: ScreenFixtures.small)
        assertSnapshot(screen, named: "photos-escape-name-80x24")
        #expect(text(screen).contains("\\e[2Jx\\x07.jpg"))
        // No cell holds a control character.
        for cell in screen.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) })
        }
    }

    @Test func noColorBoardShowsEveryStateInWords() {
        let options = RenderOptions(ascii: false, color: false)
        let state = ScreenFixtures.boardAllStates(ScreenFixtures.large, options: options)
        let screen = view(state, size: ScreenFixtures.large)
        assertSnapshot(screen, named: "board-no-color-120x40")
        let shown = text(screen)
        for words in [
            "Draft", "Ready", "Uploading 42%", "Processing", "Available — 3 damaged parts",
            "Rejected — Every photo is smaller than 320x240.", "Failed — will retry in 8 s",
            "Failed — press r",
        ] {
            #expect(shown.contains(words), "\(words) missing")
        }
        // Nothing depends on colour: no cell carries an RGB colour.
        #expect(screen.cells.allSatisfy { $0.style.foregroundRGB == nil && $0.style.backgroundRGB == nil })
    }

    @Test func asciiBoardUsesOnlyASCII() {
        let options = RenderOptions(ascii: true, color: false)
        let state = ScreenFixtures.boardAllStates(ScreenFixtures.small, options: options)
        let screen = view(state, size: ScreenFixtures.small)
        assertSnapshot(screen, named: "board-ascii-80x24")
        #expect(screen.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func asciiPhotosUsesOnlyASCII() {
        let options = RenderOptions(ascii: true, color: false)
        let state = ScreenFixtures.photos(ScreenFixtures.small, options: options)
        let screen = view(state, size: ScreenFixtures.small)
        assertSnapshot(screen, named: "photos-ascii-80x24")
        #expect(screen.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func photosWithoutColourHasNoThumbnail() {
        let state = ScreenFixtures.photos(ScreenFixtures.small, options: RenderOptions(ascii: false, color: false))
        let screen = view(state, size: ScreenFixtures.small)
        #expect(!text(screen).contains("▀"))
        #expect(text(screen).contains("4032×3024 px"))
    }

    @Test func photosWithColourDrawsHalfBlockThumbnail() {
        let state = ScreenFixtures.photos(ScreenFixtures.small)
        let screen = view(state, size: ScreenFixtures.small)
        let pixels = screen.cells.filter { $0.text == "▀" }
        #expect(!pixels.isEmpty)
        #expect(pixels.allSatisfy { $0.style.foregroundRGB != nil && $0.style.backgroundRGB != nil })
    }
}

@Suite struct BannerSnapshotTests {
    @Test func demoBannerOnTheBoard() {
        var state = ScreenFixtures.boardAllStates()
        state.banner = "DEMO: simulator on 127.0.0.1:8931, photos in /tmp/inspekt-demo/inbox"
        let screen = view(state, size: ScreenFixtures.small)
        assertSnapshot(screen, named: "board-demo-banner-80x24")
        #expect(text(screen).contains("DEMO: simulator"))
    }
}
