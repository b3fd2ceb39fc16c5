import Foundation
import InspektCore
import Synchronization
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// A board source that records every read, and every read made from inside `update`.
private final class WatchedSource: BoardSource {
    let list: [Inspection]
    let reads = Mutex(0)
    let readsInUpdate = Mutex<[String]>([])
    init(_ list: [Inspection]) { self.list = list }

    private func read<T>(_ what: String, _ body: () -> T) -> T {
        reads.withLock { $0 += 1 }
        if UpdateScope.running { readsInUpdate.withLock { $0.append(what) } }
        return body()
    }
    func matching(_ filter: String, _ archived: Bool) -> [Inspection] {
        let needle = BoardSearch.needle(filter)
        return list.filter {
            (archived || $0.archivedAt == nil)
                && (needle.isEmpty
                    || BoardSearch.key(caseID: $0.facts.caseID, vehicle: $0.facts.vehicle, id: $0.id).contains(needle))
        }
    }
    func count(matching filter: String, archived: Bool) -> Int { read("count") { matching(filter, archived).count } }
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) -> [Inspection] {
        read("rows") { Array(matching(filter, archived).dropFirst(offset).prefix(limit)) }
    }
    func position(of id: String, matching filter: String, archived: Bool) -> Int? {
        read("position") { matching(filter, archived).firstIndex { $0.id == id } }
    }
    func archivedCount() -> Int { read("archivedCount") { list.filter { $0.archivedAt != nil }.count } }
    func count(in states: [InspectionState]) -> Int {
        read("states") { list.filter { states.contains($0.state) }.count }
    }
    var isFleet: Bool { true }
    func scoped(wholeFleet: Bool) -> any BoardSource { self }
}

@Suite struct PureUpdateTests: KeyScript {
    let size = Size(width: 80, height: 24)

    /// The sample board of 500 inspections over a watched source, its first page read.
    private func board() -> (AppState, WatchedSource) {
        let sample = SampleStates.board(inspections: 500, size: size)
        let source = WatchedSource(sample.inspections)
        var state = AppState(now: sample.now, inboxRoot: "/srv/inbox", size: size, timeZone: sample.timeZone, idSeed: 7)
        state.attachBoardSource(source)
        return (state, source)
    }

    /// Every key an operator uses on the board over a store (moves, pages, the filter, archive, `K`, quit), store
    /// changes and service events: the pages are read, and never from inside `update`.
    @Test func updateNeverReadsTheStore() {
        let (first, source) = board()
        var state = first
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        let keys: [Key] =
            [.down, .down, .pageDown, .pageDown, .character("G"), .up, .character("g"), .character("/")]
            + chars("case-10") + [
                .backspace, .backspace, .enter, .escape, .character("A"), .character("A"), .character("K"),
                .character("K"), .character("a"), .character("q"),
            ]
        _ = pages.type(keys, &state)
        _ = pages.update(&state, .storeChangedElsewhere)
        var changed = source.list[3]
        changed.state = .processing
        _ = pages.update(&state, .service(.inspectionChanged(changed)))
        _ = pages.update(&state, .service(.database(DatabaseReach(away: nil))))
        #expect(source.readsInUpdate.withLock { $0 } == [])
        #expect(source.reads.withLock { $0 } > 20)
        #expect(shown(state).contains("CASE-"))
    }

    /// A key answers at once: its frame is drawn before the page it asked for arrives, and the page, when it
    /// does, fills the rows.
    @Test func aKeyIsAnsweredBeforeThePageItAskedFor() {
        let (first, source) = board()
        var state = first
        _ = update(&state, .resize(size))
        let reads = source.reads.withLock { $0 }
        let asked = type([.character("G")], &state)
        #expect(source.reads.withLock { $0 } == reads)
        #expect(state.board.list.selected == 499)
        guard case .loadBoardPage(let request)? = asked.first,
            let answer = BoardPageLoader.answer(request, from: source)
        else {
            Issue.record("G past the rows read asks for a page: \(asked)")
            return
        }
        #expect(!shown(state).contains("CASE-100499"))
        _ = update(&state, answer)
        #expect(shown(state).contains("CASE-100499"))
    }

    /// Typing a filter over a slow store: the answer to an earlier key arrives after a later key was typed and is
    /// dropped; the last one is shown.
    @Test func anAnswerToAnOlderRequestIsDropped() {
        let (first, source) = board()
        var state = first
        _ = update(&state, .resize(size))
        let slash = type([.character("/")], &state)
        #expect(slash.isEmpty, "an empty filter reads nothing new")
        func request(_ commands: [Command]) -> BoardPageRequest? {
            guard case .loadBoardPage(let request)? = commands.last else { return nil }
            return request
        }
        guard let first = request(type(chars("case-10049"), &state)),
            let second = request(type([.character("9")], &state)),
            let late = BoardPageLoader.answer(first, from: source),
            let last = BoardPageLoader.answer(second, from: source)
        else {
            Issue.record("each filter key asks for a page")
            return
        }
        #expect(second.generation > first.generation)
        _ = update(&state, last)
        #expect(state.board.list.count == 1)
        _ = update(&state, late)
        #expect(state.board.list.count == 1, "the answer for \"case-10049\" replaced the newer one")
        #expect(shown(state).contains("CASE-100499"))
    }
}
