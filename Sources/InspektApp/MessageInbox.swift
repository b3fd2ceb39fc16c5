import CursesTerminal
import Synchronization
import TerminalUI

/// Messages from other threads (service events, command results, signals) on their way into
/// the one run loop; posting wakes the loop at once.
final class MessageInbox: Sendable {
    private let pending = Mutex<[Message]>([])
    private let stopRequest = Mutex<Int32?>(nil)
    private let waker: TerminalWaker

    init(waker: TerminalWaker) {
        self.waker = waker
    }

    func post(_ message: Message) {
        pending.withLock { $0.append(message) }
        waker.wake()
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [Message] {
        pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }

    /// Asks the loop to give the terminal back and end (SIGTERM, SIGHUP), with this signal.
    func requestStop(signal: Int32) {
        stopRequest.withLock { $0 = $0 ?? signal }
        waker.wake()
    }

    /// The signal that asked the loop to stop, if any.
    var stopSignal: Int32? { stopRequest.withLock { $0 } }
}
