import Foundation
import Synchronization

/// A wall clock that moves only when told: the simulator's and the service's `now` in tests about token
/// expiry, so that a test advances time instead of sleeping through it.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start` (by default the real time, so that dates and tokens look as usual).
    public init(_ start: Date = Date()) {
        current = Mutex(start)
    }

    /// The clock's time now.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
