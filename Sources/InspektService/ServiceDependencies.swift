import Foundation

/// Time, chance and waiting, injectable so that tests can make backoff and expiry deterministic.
public struct ServiceDependencies: Sendable {
    public var now: @Sendable () -> Date
    /// A number in 0..<1 for backoff jitter.
    public var random: @Sendable () -> Double
    /// Waits this many seconds (throws when cancelled).
    public var sleep: @Sendable (Double) async throws -> Void
    /// Runs before an attempt asks the broker for its session (attempt number from 1).
    public var beforeAttempt: @Sendable (Int) async -> Void
    /// Runs after the session was chosen, just before the request goes out.
    public var beforeRequest: @Sendable (Int) async -> Void

    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        },
        beforeAttempt: @escaping @Sendable (Int) async -> Void = { _ in },
        beforeRequest: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.now = now
        self.random = random
        self.sleep = sleep
        self.beforeAttempt = beforeAttempt
        self.beforeRequest = beforeRequest
    }

    public static let live = ServiceDependencies()
}
