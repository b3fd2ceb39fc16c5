import Foundation
import Synchronization

/// Where a store reads the time and waits: the system's clock, or a test's that stands still until the store
/// waits (then it moves on by the wait, at once). The only place a store asks for the time.
public struct StoreClock: Sendable {
    public var now: @Sendable () -> Date
    /// Waits `seconds` (a store riding out a restart of its database).
    public var sleep: @Sendable (_ seconds: Double) -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (_ seconds: Double) -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = StoreClock(now: { Date() }, sleep: { Thread.sleep(forTimeInterval: $0) })

    /// A clock at `start` that moves only by what the store waits: every write of a test lands at a known time.
    public static func fixed(_ start: Date) -> StoreClock {
        let time = FixedTime(start)
        return StoreClock(
            now: { time.date.withLock { $0 } },
            sleep: { seconds in time.date.withLock { $0 = $0.addingTimeInterval(seconds) } })
    }
}

/// The time a fixed clock reads, shared by its two closures.
private final class FixedTime: Sendable {
    let date: Mutex<Date>
    init(_ start: Date) { date = Mutex(start) }
}
