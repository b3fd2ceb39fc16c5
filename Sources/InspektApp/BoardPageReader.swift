import Synchronization
import TerminalUI

/// Reads the board's pages for `Command.loadBoardPage`, on a command's thread. A page asked for after another
/// replaces it: the older one stops at its next query, so typing a filter over a slow link waits for nothing.
final class BoardPageReader: Sendable {
    private let source: any BoardSource
    private let latest = Atomic<Int>(0)

    init(source: any BoardSource) { self.source = source }

    func read(_ request: BoardPageRequest, post: @Sendable (Message) -> Void) {
        let generation = request.generation
        // Requests may start out of order: the newest generation wins.
        var seen = latest.load(ordering: .relaxed)
        while seen < generation {
            let (exchanged, original) = latest.compareExchange(expected: seen, desired: generation, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
        let answer = BoardPageLoader.answer(request, from: source) {
            self.latest.load(ordering: .relaxed) == generation
        }
        if let answer { post(answer) }
    }
}
