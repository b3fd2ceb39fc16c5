import Foundation
import InspektCore
import Synchronization
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// A board source over a list in memory that counts the filtered counts it was asked for.
private final class CountingSource: BoardSource {
    let list: [Inspection]
    let filterCounts = Mutex(0)
    init(_ list: [Inspection]) { self.list = list }

    func matching(_ filter: String) -> [Inspection] {
        let needle = BoardSearch.needle(filter)
        return list.filter {
            needle.isEmpty
                || (BoardSearch.key(caseID: $0.facts.caseID, vehicle: $0.facts.vehicle, id: $0.id) + "\u{1}"
                    + BoardSearch.stateKey(session: $0.session, state: $0.state)).contains(needle)
        }
    }
    func count(matching filter: String, archived: Bool) -> Int {
        if !filter.isEmpty { filterCounts.withLock { $0 += 1 } }
        return matching(filter).count
    }
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) -> [Inspection] {
        Array(matching(filter).dropFirst(offset).prefix(limit))
    }
    func position(of id: String, matching filter: String, archived: Bool) -> Int? {
        matching(filter).firstIndex { $0.id == id }
    }
    func archivedCount() -> Int { 0 }
    func count(in states: [InspectionState]) -> Int { list.filter { states.contains($0.state) }.count }
}

@Suite struct BoardWindowCountTests {
    /// Backspace returns to a filter already counted: its count is not read again (issue 12: each filter key
    /// within 20 ms on 100,000 rows), until the store changes.
    @Test func backspaceReusesCountsUntilTheStoreChanges() {
        let size = Size(width: 80, height: 24)
        let sample = SampleStates.board(inspections: 300, size: size)
        let source = CountingSource(sample.inspections)
        var state = AppState(now: sample.now, inboxRoot: "/srv/inbox", size: size, timeZone: sample.timeZone, idSeed: 7)
        state.attachBoardSource(source)
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        for key in [
            Key.character("/"), .character("c"), .character("a"), .character("s"), .character("e"), .character("-"),
            .character("1"),
        ] {
            _ = pages.update(&state, .key(key))
        }
        let typed = source.filterCounts.withLock { $0 }
        let shown = state.board.list.count
        #expect(typed == 6)
        #expect(shown == source.matching("case-1").count)
        for _ in 0..<3 { _ = pages.update(&state, .key(.backspace)) }
        #expect(source.filterCounts.withLock { $0 } == typed)
        #expect(state.board.list.count == source.matching("cas").count)
        // Another process changed the store: the filter is counted again, and so is the next key.
        source.filterCounts.withLock { $0 = 0 }
        _ = pages.update(&state, .storeChangedElsewhere)
        _ = pages.update(&state, .key(.backspace))
        #expect(source.filterCounts.withLock { $0 } == 2)
        #expect(view(state, size: size).rowText(2).contains("CASE-100000"))
    }
}
