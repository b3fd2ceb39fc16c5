/// Paces reading so that, on average, no more than `bytesPerSecond` are consumed.
///
/// Reading slower makes the server's socket buffer fill, and TCP flow control then slows the sender:
/// an upload to a throttled simulator really takes time, as over a slow link.
struct BandwidthThrottle: Sendable {
    let bytesPerSecond: Int?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var consumed = 0

    init(bytesPerSecond: Int?) {
        self.bytesPerSecond = bytesPerSecond
        started = clock.now
    }

    /// Records `count` bytes read and sleeps until the average rate is back under the limit.
    mutating func consumed(_ count: Int) async throws {
        guard let bytesPerSecond, bytesPerSecond > 0 else { return }
        consumed += count
        let due = started + .seconds(Double(consumed) / Double(bytesPerSecond))
        if due > clock.now { try await Task.sleep(until: due, clock: clock) }
    }
}
