import Foundation
import Synchronization

/// Blocking work on a thread of its own, awaited: work that waits on I/O for as long as an upload lasts
/// takes no thread from a shared pool (a second upload never queues behind the first).
enum OwnThread {
    /// A flag one side raises and another reads, across threads.
    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        var isRaised: Bool { value.load(ordering: .relaxed) }
        func raise() { value.store(true, ordering: .relaxed) }
    }

    /// Runs `body` on a new thread named `name` (at most 15 bytes are kept) and returns, or throws, as it does.
    static func run(name: String, _ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                // Foundation keeps `Thread.name` to itself on Linux, and Swift does not see pthread_setname_np:
                // the kernel's name, which `top -H` shows, is written where Linux keeps it.
                #if os(Linux)
                    try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
                #endif
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// Runs `work` as a task and waits for it on the calling thread: only from a thread of `run`, never from one
    /// of the task pool (which the task itself may need).
    static func wait(for work: @escaping @Sendable () async throws -> Void) throws {
        final class Outcome: @unchecked Sendable {
            // @unchecked: written by the task before `done` is signalled, read only after.
            var error: (any Error)?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}
