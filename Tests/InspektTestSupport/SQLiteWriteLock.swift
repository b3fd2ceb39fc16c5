import Dispatch
import Foundation
import GRDB

/// A write transaction held on a SQLite file by someone else (another program, a backup): every writer of the
/// file waits for it, up to its busy timeout. Released by `release()`.
public final class SQLiteWriteLock: Sendable {
    private let released = DispatchSemaphore(value: 0)

    /// Takes the lock; throws when it is not held within 15 s.
    public init(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let taken = DispatchSemaphore(value: 0)
        let released = self.released
        Thread.detachNewThread {
            _ = try? queue.inTransaction(.immediate) { _ in
                taken.signal()
                released.wait()
                return .rollback
            }
        }
        guard taken.wait(timeout: .now() + 15) == .success else {
            released.signal()
            throw CocoaError(.fileLocking)
        }
    }

    public func release() { released.signal() }
}
