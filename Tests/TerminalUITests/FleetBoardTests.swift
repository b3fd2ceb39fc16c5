import Foundation
import InspektCore
import TerminalUITestSupport
import Testing

@testable import TerminalUI

/// A fleet's board source over a list in memory: this kiosk's rows, or every kiosk's.
private struct FleetSource: BoardSource {
    let list: [Inspection]
    let kiosk: String
    var wholeFleet = false

    var isFleet: Bool { true }
    func scoped(wholeFleet: Bool) -> any BoardSource { FleetSource(list: list, kiosk: kiosk, wholeFleet: wholeFleet) }

    func shown(_ filter: String) -> [Inspection] {
        let needle = BoardSearch.needle(filter)
        return list.filter { wholeFleet || $0.kiosk == kiosk }.filter {
            needle.isEmpty || $0.facts.caseID.lowercased().contains(needle)
                || (wholeFleet && ($0.kiosk ?? "").contains(needle))
        }
    }
    func count(matching filter: String, archived: Bool) -> Int { shown(filter).count }
    func rows(matching filter: String, archived: Bool, offset: Int, limit: Int) -> [Inspection] {
        Array(shown(filter).dropFirst(offset).prefix(limit))
    }
    func position(of id: String, matching filter: String, archived: Bool) -> Int? {
        shown(filter).firstIndex { $0.id == id }
    }
    func archivedCount() -> Int { 0 }
    func count(in states: [InspectionState]) -> Int { 0 }
}

@Suite struct FleetBoardTests {
    static func fleet(now: Date) -> [Inspection] {
        (0..<6).map { index in
            var inspection = Inspection(
                id: "id-\(index)", facts: CaseFacts(caseID: "CASE-\(index)"), state: .available,
                createdAt: now.addingTimeInterval(-Double(index) * 600), updatedAt: now)
            inspection.kiosk = index % 2 == 0 ? "desk-a" : "desk-b"
            return inspection
        }
    }

    /// `K` switches between this kiosk's inspections and the whole fleet's, each row then led by its kiosk;
    /// help names the key only where there is a fleet.
    @Test func kShowsTheWholeFleetWithItsKiosks() {
        let size = Size(width: 120, height: 40)
        let now = Date(timeIntervalSinceReferenceDate: 800_000_000)
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", size: size, timeZone: TimeZone(identifier: "UTC")!, idSeed: 7)
        let source = FleetSource(list: Self.fleet(now: now), kiosk: "desk-a")
        state.attachBoardSource(source)
        let pages = BoardPages(source: source)
        _ = pages.update(&state, .resize(size))
        var screen = Self.text(state, size)
        #expect(screen.contains("3 inspections"))
        #expect(screen.contains("CASE-0") && !screen.contains("CASE-1"))
        #expect(!screen.contains("desk-a"))

        _ = pages.update(&state, .key(.character("K")))
        screen = Self.text(state, size)
        #expect(screen.contains("6 inspections in the fleet"))
        #expect(screen.contains("desk-b · CASE-1"), "\(screen)")
        #expect(screen.contains("desk-a · CASE-0"))

        // The filter also finds a kiosk's inspections.
        for key in [
            Key.character("/"), .character("d"), .character("e"), .character("s"), .character("k"), .character("-"),
            .character("b"),
        ] {
            _ = pages.update(&state, .key(key))
        }
        #expect(state.board.list.count == 3)
        _ = pages.update(&state, .key(.escape))

        _ = pages.update(&state, .key(.character("K")))
        screen = Self.text(state, size)
        #expect(screen.contains("3 inspections") && !screen.contains("in the fleet"))
        #expect(!screen.contains("CASE-1"))
    }

    @Test func withoutAFleetKDoesNothing() {
        let size = Size(width: 80, height: 24)
        var state = SampleStates.board(inspections: 5, size: size)
        let before = Self.text(state, size)
        _ = update(&state, .key(.character("K")))
        #expect(Self.text(state, size) == before)
        #expect(!BoardScreen.keymap.hints(in: state).contains { $0.keyLabel == "K" && $0.enabled })
    }

    static func text(_ state: AppState, _ size: Size) -> String {
        let screen = view(state, size: size)
        return (0..<size.height).map { screen.rowText($0) }.joined(separator: "\n")
    }
}
