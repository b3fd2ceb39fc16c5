import Foundation
import InspektCore
import Testing

@testable import TerminalUI

/// Keys typed into the pure loop as an operator types them, and the screen read back.
protocol KeyScript {}

extension KeyScript {
    /// Sends keys; returns every command they produced.
    func type(_ keys: [Key], _ state: inout AppState) -> [Command] {
        keys.flatMap { update(&state, .key($0)) }
    }

    func chars(_ text: String) -> [Key] { text.map { .character($0) } }

    /// The screen's text at the state's own size.
    func shown(_ state: AppState) -> String { text(view(state, size: state.size)) }
}

/// A flow from an empty board at a fixed time and size, with an inbox of photos taken 30 s apart.
protocol FlowScript: KeyScript {
    var now: Date { get }
    var size: Size { get }
}

extension FlowScript {
    func inbox(_ count: Int) -> [InboxItem] {
        (0..<count).map { i in
            let time = now.addingTimeInterval(-Double(count - i) * 30)
            return InboxItem(
                name: String(format: "IMG_%04d.jpg", 7000 + i),
                path: String(format: "/srv/inbox/IMG_%04d.jpg", 7000 + i),
                size: 1_000_000, modified: time, captureTime: time)
        }
    }

    func screenText(_ state: AppState) -> String { text(view(state, size: size)) }

    func freshState() -> AppState {
        var state = AppState(
            now: now, inboxRoot: "/srv/inbox", lastAgent: AgentIdentity(id: "A-17", name: "Mira Kaya"),
            size: size, timeZone: TimeZone(identifier: "UTC") ?? .current, idSeed: 1)
        #expect(state.initialCommands == [.loadInspections])
        _ = update(&state, .inspectionsLoaded([]))
        return state
    }
}

/// Runs `update` as the runtime does over a store: each page the board asks for is read from `source` and
/// answered at once, outside `update`. Returns the other commands.
struct BoardPages {
    let source: any BoardSource

    func update(_ state: inout AppState, _ message: Message) -> [Command] {
        BoardPageLoader.settle(TerminalUI.update(&state, message), &state, from: source)
    }

    func type(_ keys: [Key], _ state: inout AppState) -> [Command] {
        keys.flatMap { update(&state, .key($0)) }
    }
}
