import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Issue 10 §2: the detail lists damage per photo with the photo's picture, says what the verdict means,
/// and Enter on a damage line shows its photo large with the box drawn on it.
@Suite struct DetailDamageTests {
    @Test(arguments: ScreenSnapshotTests.sizes) func damagePerPhoto(size: Size) {
        let state = ScreenFixtures.detailDamagePerPhoto(size)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("detail-damage", size))
    }

    @Test(arguments: ScreenSnapshotTests.sizes) func enterShowsThePhotoLargeWithItsBox(size: Size) {
        var state = ScreenFixtures.detailDamagePerPhoto(size)
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.enter))
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("detail-damage-photo", size))
    }

    @Test func theVerdictWarnsWhenDamageWasFoundAndIsGreenOnlyWithout() {
        let state = ScreenFixtures.detailDamagePerPhoto(ScreenFixtures.large)
        let screen = view(state, size: ScreenFixtures.large)
        let all = text(screen)
        #expect(all.contains("! Available — 3 damaged parts — recommendation: Review"))
        #expect(all.contains("Damage detected on 3 parts."))
        #expect(all.contains("Van (entered: Car)"))
        #expect(all.contains("photo quality 0.52 (poor), blur 0.85 (blurred)"))
        let row = (0..<screen.size.height).first { screen.rowText($0).contains("recommendation: Review") } ?? 0
        let column = screen.rowText(row).prefix { $0 != "!" }.count
        #expect(screen[column, row].style.role == .warn)

        var clean = ScreenFixtures.detailDamagePerPhoto(ScreenFixtures.large)
        var result = ScreenFixtures.damageOnPhotos
        result.damagedParts = []
        result.recommendation = "Approved"
        clean.modifyInspection(id: "insp-5") { $0.result = result }
        let cleanScreen = view(clean, size: ScreenFixtures.large)
        let cleanRow = (0..<cleanScreen.size.height).first {
            cleanScreen.rowText($0).contains("no damage found — recommendation: Approved")
        }
        #expect(cleanRow != nil)
        if let cleanRow {
            let at = cleanScreen.rowText(cleanRow).prefix { $0 != "✓" }.count
            #expect(cleanScreen[at, cleanRow].style.role == .ok)
        }
    }

    @Test func tabWalksTheDamageEnterOpensItEscClosesThenLeaves() {
        var state = ScreenFixtures.detailDamagePerPhoto(ScreenFixtures.small)
        #expect(update(&state, .key(.tab)).isEmpty)
        #expect(state.detail.selectedDamage == 0)
        _ = update(&state, .key(.backTab))
        #expect(state.detail.selectedDamage == 2, "wraps to the last damage")
        _ = update(&state, .key(.enter))
        #expect(state.detail.zoomed)
        let zoomed = text(view(state, size: ScreenFixtures.small))
        #expect(zoomed.contains("Left side — IMG_1002.jpg"))
        #expect(zoomed.contains("3 of 3. left door: dent"))
        _ = update(&state, .key(.tab))
        #expect(
            text(view(state, size: ScreenFixtures.small)).contains("1 of 3. front bumper: scratch"),
            "Tab moves on while shown large")
        _ = update(&state, .key(.escape))
        #expect(!state.detail.zoomed)
        #expect(state.route == .detail(id: "insp-5"))
        _ = update(&state, .key(.escape))
        #expect(state.route == .board)
    }

    @Test func withoutColourNoPictureIsDrawnButTheBoxStillShowsOnThePhotosOutline() {
        var state = ScreenFixtures.detailDamagePerPhoto(ScreenFixtures.small)
        state.options = RenderOptions(ascii: true, color: false)
        let list = view(state, size: ScreenFixtures.small)
        #expect(list.cells.allSatisfy { $0.style.foregroundRGB == nil && $0.style.backgroundRGB == nil })
        #expect(text(list).contains("1. front bumper: scratch"))
        _ = update(&state, .key(.enter))
        let large = view(state, size: ScreenFixtures.small)
        #expect(large.cells.allSatisfy { $0.style.foregroundRGB == nil && $0.style.backgroundRGB == nil })
        #expect(large.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
        let rows = (0..<large.size.height).map { large.rowText($0) }
        #expect(
            rows.contains { $0.contains("# 1 #") },
            "the numbered box inside the photo's outline:\n\(rows.joined(separator: "\n"))")
    }

    @Test func pWritesTheReportAndSaysWhere() {
        var state = ScreenFixtures.detailDamagePerPhoto(ScreenFixtures.small)
        #expect(update(&state, .key(.character("p"))) == [.screen(.detail(.writeReport(id: "insp-5")))])
        _ = update(
            &state,
            .screen(
                .detail(.reportWritten(id: "insp-5", path: "/home/desk/inspekt-reports/report-CASE-20405-sess-5.html")))
        )
        #expect(
            text(view(state, size: ScreenFixtures.large)).contains(
                "Report written to /home/desk/inspekt-reports/report-CASE-20405-sess-5.html"))
        _ = update(&state, .key(.character("p")))
        _ = update(&state, .screen(.detail(.reportFailed(id: "insp-5", reason: "disk full"))))
        #expect(text(view(state, size: ScreenFixtures.large)).contains("Report not written: disk full"))
    }

    @Test func picturesAreAskedForOnceEachAndAPhotoThatCannotBeReadIsSaid() {
        var state = ScreenFixtures.boardAllStates(ScreenFixtures.large)
        state.board.list.selected = state.inspections.firstIndex { $0.id == "insp-5" } ?? 0
        _ = update(&state, .key(.enter))
        state.modifyInspection(id: "insp-5") { $0.result = ScreenFixtures.damageOnPhotos }
        let first = update(
            &state, .screen(.detail(.detailLoaded(id: "insp-5", events: [], result: ScreenFixtures.damageOnPhotos))))
        #expect(first.count == 8)
        #expect(
            update(
                &state, .screen(.detail(.detailLoaded(id: "insp-5", events: [], result: ScreenFixtures.damageOnPhotos)))
            ).isEmpty)
        _ = update(&state, .screen(.detail(.photoPreviewLoaded(path: "/srv/inbox/case5/IMG_1000.jpg", nil))))
        #expect(text(view(state, size: ScreenFixtures.large)).contains("the photo cannot be read on this kiosk"))
    }
}
