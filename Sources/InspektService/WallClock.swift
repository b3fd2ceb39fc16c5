import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Time and waiting for the run loop and the receiver (the service takes `ServiceDependencies`), injectable: the
/// live clock reads the system's, a test's moves when told.
public struct WallClock: Sendable {
    /// The date and time now.
    public var now: @Sendable () -> Date
    /// A steady count of nanoseconds for intervals (frame pacing, ticks); never goes back.
    public var uptimeNanoseconds: @Sendable () -> UInt64
    /// Waits this many seconds (throws when cancelled).
    public var sleep: @Sendable (Double) async throws -> Void
    /// Blocks the calling thread this many seconds: for the few waits that run outside async code.
    public var pause: @Sendable (Double) -> Void

    public init(
        now: @escaping @Sendable () -> Date, uptimeNanoseconds: @escaping @Sendable () -> UInt64,
        sleep: @escaping @Sendable (Double) async throws -> Void, pause: @escaping @Sendable (Double) -> Void
    ) {
        self.now = now
        self.uptimeNanoseconds = uptimeNanoseconds
        self.sleep = sleep
        self.pause = pause
    }

    public static let live = WallClock(
        now: { Date() },
        uptimeNanoseconds: { DispatchTime.now().uptimeNanoseconds },
        sleep: { seconds in try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) },
        pause: { seconds in usleep(useconds_t(max(0, seconds) * 1e6)) })
}
