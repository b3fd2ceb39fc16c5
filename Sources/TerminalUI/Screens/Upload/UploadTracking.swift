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
    /// The moving average of the confirmed bytes, over the last five seconds.
    var transferRate = TransferRate(window: 5)
    /// Bytes per second over the last seconds (a moving average, so it follows a change of speed).
    public var rate: Double? { transferRate.bytesPerSecond }

    public init() {}

    /// Notes a progress report seen at `now` and recomputes the rate over the last seconds.
    mutating func record(_ progress: UploadProgress, at now: Date) {
        self.progress = progress
        retryAt = nil
        transferRate.record(bytes: progress.sent, at: now)
    }

    /// Seconds left at the current rate, if it can be told.
    public var secondsLeft: Double? {
        guard let progress else { return nil }
        return transferRate.secondsLeft(total: progress.total)
    }
}
