import Synchronization

/// Whether a store call found the fleet database out of reach since the watcher last looked: the watcher's
/// next answered poll then tells the board that the database is back.
public final class DatabaseOutageSignal: Sendable {
    private let seen = Mutex(false)

    public init() {}

    /// Notes an outage; returns whether one was noted already.
    @discardableResult
    func note() -> Bool {
        seen.withLock { noted in
            defer { noted = true }
            return noted
        }
    }

    /// Whether an outage was noted, forgetting it.
    func take() -> Bool {
        seen.withLock { noted in
            defer { noted = false }
            return noted
        }
    }
}
