import Dispatch
import Foundation

/// Turns SIGTERM, SIGHUP and SIGINT into a request to give the terminal back and stop (SIGHUP:
/// the terminal went away, so the run goes on headless).
///
/// Dispatch signal sources run the handler on a queue, not in signal context, so it may lock and
/// write to the wake pipe. SIGWINCH is left alone: ncurses handles it itself.
final class TerminationSignals {
    static let handled: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    private let sources: [any DispatchSourceSignal]

    /// Starts listening; `onSignal` runs on a private queue.
    init(onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "inspekt.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops listening and restores the default actions, except for `keepIgnoring`.
    func cancel(keepIgnoring: [Int32] = []) {
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, keepIgnoring.contains(number) ? SIG_IGN : SIG_DFL) }
    }
}
