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
    /// Smoothed bytes per second.
    public var rate: Double?
    var sampleTime: Date?
    var sampleBytes: Int64 = 0

    public init() {}

    /// Notes a progress report seen at `now` and updates the rate over windows of at least half a second.
    mutating func record(_ progress: UploadProgress, at now: Date) {
        self.progress = progress
        retryAt = nil
        let sent = progress.sent
        guard let start = sampleTime else {
            sampleTime = now
            sampleBytes = sent
            return
        }
        if sent < sampleBytes {
            // A new attempt started from the beginning.
            sampleTime = now
            sampleBytes = sent
            return
        }
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 0.5 else { return }
        let instant = Double(sent - sampleBytes) / elapsed
        rate = rate.map { 0.6 * $0 + 0.4 * instant } ?? instant
        sampleTime = now
        sampleBytes = sent
    }

    /// Seconds left at the current rate, if it can be told.
    public var secondsLeft: Double? {
        guard let progress, let rate, rate > 0 else { return nil }
        return Double(progress.total - progress.sent) / rate
    }
}
