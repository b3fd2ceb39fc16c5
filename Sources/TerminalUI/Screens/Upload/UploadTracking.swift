import Foundation
import InspektCore

/// What the UI knows of one inspection's upload, gathered from service events.
public struct UploadTracking: Sendable, Hashable {
    public var progress: UploadProgress?
    public var sessionExpiresAt: Date?
    public var session: String?
    /// When the next attempt starts, while one is scheduled.
    public var retryAt: Date?
    public var retryReason: String?
    public var attempt = 0
    public var failure: String?
    public var accepted = false
    /// Bytes per second over the last `rateWindow` seconds (a moving average, so it follows a change of speed).
    public var rate: Double?
    /// Recent (time, bytes sent) pairs, oldest first, spanning at most `rateWindow`.
    var samples: [RateSample] = []

    struct RateSample: Sendable, Hashable {
        var time: Date
        var bytes: Int64
    }

    /// Seconds the rate averages over.
    static let rateWindow: TimeInterval = 5

    public init() {}

    /// Notes a progress report seen at `now` and recomputes the rate over the last seconds.
    mutating func record(_ progress: UploadProgress, at now: Date) {
        self.progress = progress
        retryAt = nil
        let sent = progress.sent
        if let last = samples.last, sent < last.bytes {
            // A new attempt started from the beginning.
            samples.removeAll()
            rate = nil
        }
        if let last = samples.last, last.time == now {
            samples[samples.count - 1].bytes = sent
        } else {
            samples.append(RateSample(time: now, bytes: sent))
        }
        // Keep one sample at or before the window's start, so the average spans the whole window.
        while samples.count > 2, now.timeIntervalSince(samples[1].time) >= Self.rateWindow { samples.removeFirst() }
        guard let first = samples.first, let last = samples.last else { return }
        let elapsed = last.time.timeIntervalSince(first.time)
        guard elapsed >= 0.5 else { return }
        rate = Double(last.bytes - first.bytes) / elapsed
    }

    /// Seconds left at the current rate, if it can be told.
    public var secondsLeft: Double? {
        guard let progress, let rate, rate > 0 else { return nil }
        return Double(progress.total - progress.sent) / rate
    }
}
