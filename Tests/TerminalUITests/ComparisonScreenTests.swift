import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import TerminalUI

/// Enter on a comparison: the new damage per return photo, each beside the pickup photo of the same part, Tab
/// between damages, Enter for both photos large with the box, `p` and `e` for the report and the receipt.
@Suite struct ComparisonScreenTests {
    @discardableResult
    func press(_ keys: Key..., on state: inout AppState) -> [Command] {
        keys.flatMap { update(&state, .key($0)) }
    }

    /// A 12×9 picture of one colour.
    static let preview = DetailPreview(
        thumbnail: Thumbnail(width: 12, height: 9, rgb: [UInt8](repeating: 120, count: 12 * 9 * 3)), pixelWidth: 640,
        pixelHeight: 480)

    @Test func theNewDamageOnlyPhotoByPhotoBesideThePickupPhotoAndThePicturesAsked() {
        var state = HistoryFixtures.board(ScreenFixtures.large)
        HistoryFixtures.select("CASE-20413-CMP", &state)
        #expect(press(.enter, on: &state) == [.screen(.history(.loadComparison(id: "cmp-14")))])
        let commands = update(
            &state,
            .screen(
                .history(
                    .comparisonLoaded(
                        id: "cmp-14", comparison: HistoryFixtures.comparison(), before: HistoryFixtures.pickup,
                        after: HistoryFixtures.dropOff))))
        // The return's front and front-left photos, and the pickup's of the same angles: one picture each.
        #expect(
            Set(commands)
                == Set(
                    [
                        "/srv/inbox/case13/IMG_1000.jpg", "/srv/inbox/case13/IMG_1001.jpg",
                        "/srv/inbox/case11/IMG_1000.jpg", "/srv/inbox/case11/IMG_1001.jpg",
                    ].map { Command.screen(.detail(.loadPhotoPreview(path: $0))) }))
        #expect(commands.count == 4)
        for case .screen(.detail(.loadPhotoPreview(let path))) in commands {
            _ = update(&state, .screen(.detail(.photoPreviewLoaded(path: path, Self.preview))))
        }

        let shown = text(view(state, size: state.size))
        #expect(shown.contains("! 2 new damages found"), "\(shown)")
        #expect(!shown.contains("Available"), "the verdict in words, never the API's status")
        #expect(shown.contains("Return  Front " + state.options.glyphs.dash + " IMG_1000.jpg"), "\(shown)")
        #expect(shown.contains("Pickup  Front " + state.options.glyphs.dash + " IMG_1000.jpg (same angle)"), "\(shown)")
        #expect(shown.contains("1. bonnet: crack") && shown.contains("2. front left door: dent"), "\(shown)")
        // The return's own result also lists the rear bumper: seen at pickup, so not new.
        #expect(HistoryFixtures.dropOff.result?.damagedParts.contains { $0.part == "rear bumper" } == true)
        #expect(
            !shown.contains("rear bumper") && !shown.contains("IMG_1004"),
            "damage seen at pickup is not shown:\n\(shown)")
        // Pictures in the gutter: the pickup's and the return's, side by side on the damage's line.
        let line = shown.split(separator: "\n").first { $0.contains("1. bonnet") } ?? ""
        #expect(
            line.filter { $0 == "▀" || $0 == "▄" || $0 == "█" }.count >= 2 * 8,
            "two pictures beside the damage:\n\(line)")
    }

    @Test func tabWalksTheDamageEnterShowsPickupBesideReturnWithTheBoxAndPAndEWrite() {
        var state = HistoryFixtures.comparisonResult(ScreenFixtures.large)
        for path in state.comparison.requestedPreviews {
            _ = update(&state, .screen(.detail(.photoPreviewLoaded(path: path, Self.preview))))
        }
        press(.tab, on: &state)
        #expect(state.comparison.selectedDamage == 0)
        press(.tab, on: &state)
        #expect(state.comparison.selectedDamage == 1)
        press(.backTab, on: &state)
        #expect(state.comparison.selectedDamage == 0)
        #expect(press(.enter, on: &state) == [])
        #expect(state.comparison.zoomed)
        let dash = state.options.glyphs.dash
        let large = text(view(state, size: state.size))
        #expect(large.contains("1 of 2. bonnet: crack"), "\(large)")
        #expect(
            large.contains("Pickup: Front \(dash) IMG_1000.jpg")
                && large.contains("Return: Front \(dash) IMG_1000.jpg"), "\(large)")
        #expect(large.contains("same angle"))
        let rows = large.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func column(of text: String, in row: String) -> Int? {
            row.range(of: text).map { Array(row[..<$0.lowerBound]).count }
        }
        let returnColumn = rows.lazy.compactMap { column(of: "Return: Front", in: $0) }.first
        let box = rows.first { $0.contains("┏") }
        #expect(box != nil, "the box is drawn:\n\(large)")
        if let box, let returnColumn, let corner = column(of: "┏", in: box) {
            #expect(corner >= returnColumn, "the box is on the return photo, on the right: \(corner) < \(returnColumn)")
            #expect(box.contains("┏ 1 "), "the box carries the damage's number: \(box)")
        }
        #expect(press(.character("p"), on: &state) == [.screen(.detail(.writeReport(id: "cmp-14")))])
        _ = update(&state, .screen(.detail(.reportWritten(id: "cmp-14", path: "/r/report-CMP.html"))))
        #expect(text(view(state, size: state.size)).contains("Report written to /r/report-CMP.html"))
        #expect(press(.character("e"), on: &state) == [.screen(.detail(.exportReceipt(id: "cmp-14")))])
        press(.escape, on: &state)
        #expect(!state.comparison.zoomed)
        #expect(state.route == .comparison(id: "cmp-14"))
        press(.escape, on: &state)
        #expect(state.route == .board)
    }

    @Test func aPhotoThatCannotBeReadIsSaidAndThePairStillListed() {
        var state = HistoryFixtures.comparisonResult(ScreenFixtures.large)
        _ = update(&state, .screen(.detail(.photoPreviewLoaded(path: "/srv/inbox/case11/IMG_1000.jpg", nil))))
        let shown = text(view(state, size: state.size))
        #expect(shown.contains("the pickup photo cannot be read on this kiosk"), "\(shown)")
        press(.enter, on: &state)
        #expect(text(view(state, size: state.size)).contains("The photo cannot be read on this kiosk"))
    }

    @Test func theFooterAndHelpNameTheKeysThatWork() {
        let state = HistoryFixtures.comparisonResult(ScreenFixtures.large)
        let hints = ComparisonScreen.keymap.hints(in: state).map { Languages.english($0.label) }
        for label in ["next damage", "photos", "write report", "export receipt"] {
            #expect(hints.contains(label), "\(hints)")
        }
    }
}
