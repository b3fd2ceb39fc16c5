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

    /// Runs `body` on a new thread named `name` (at most 15 bytes are kept); it is told `cancelled()` once the awaiting task is cancelled.
    static func run(
        name: String, _ body: @escaping @Sendable (_ cancelled: @Sendable () -> Bool) throws -> Void
    ) async throws {
        let flag = Flag()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    // Foundation keeps `Thread.name` to itself on Linux, and Swift does not see pthread_setname_np:
                    // the kernel's name, which `top -H` shows, is written where Linux keeps it.
                    #if os(Linux)
                        try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
                    #endif
                    do {
                        try body { flag.isRaised }
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.start()
            }
        } onCancel: {
            flag.raise()
        }
    }
}
