import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// The vehicle history, the comparison picker and the comparison result at 80×24 and 120×40.
@Suite struct HistorySnapshotTests {
    static let sizes = [ScreenFixtures.small, ScreenFixtures.large]

    @Test(arguments: sizes) func vehicleHistory(size: Size) {
        let state = HistoryFixtures.historyOfReturn(size)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("history", size))
    }

    @Test(arguments: sizes) func comparePicker(size: Size) {
        let state = HistoryFixtures.pickerForReturn(size)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("compare-pick", size))
    }

    @Test(arguments: sizes) func comparisonResult(size: Size) {
        let state = HistoryFixtures.comparisonResult(size)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("comparison-result", size))
    }

    @Test(arguments: sizes) func boardWithAComparisonRow(size: Size) {
        let state = HistoryFixtures.board(size, comparisonDone: false)
        assertSnapshot(view(state, size: size), named: ScreenSnapshotTests.name("board-comparison", size))
    }
}
