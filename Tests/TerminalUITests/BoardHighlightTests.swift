import Foundation
import InspektCore
import TerminalUITestSupport
import Testing

@testable import TerminalUI

@Suite struct BoardHighlightTests {
    /// A one-row move changes only the pointer cell of the two rows, so ncurses sends a few bytes (issue 12:
    /// at most 30 per move; the earlier bold-reverse case id cost some 70).
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 50)])
    func oneRowMoveChangesOnlyThePointerCells(size: Size) {
        var state = SampleStates.board(inspections: 200)
        _ = update(&state, .resize(size))
        let before = view(state, size: size)
        _ = update(&state, .key(.character("j")))
        let after = view(state, size: size)
        var changedRows = Set<Int>()
        for y in 0..<size.height {
            for x in 0..<size.width where before[x, y] != after[x, y] {
                changedRows.insert(y)
                #expect(x < 1, "cell \(x),\(y) changed outside the pointer")
            }
        }
        // Body starts at row 1 with the header, so list row n is screen row n + 2.
        #expect(changedRows == [2, 3])
        // The selected row reads without colour: the bold pointer; the row before has none.
        #expect(after.rowText(3).hasPrefix("▶ "))
        #expect(after[0, 3].style.bold)
        #expect(after.rowText(2).hasPrefix("  "))
        #expect(!(2..<size.height - 2).contains { y in (0..<size.width).contains { after[$0, y].style.reverse } })
    }
}
