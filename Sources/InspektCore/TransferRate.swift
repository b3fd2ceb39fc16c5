import Foundation

/// The speed of an upload as a moving average over the last few seconds, and the time left at that speed.
///
/// Fed with (time, bytes confirmed so far) samples as they come. The rate is the bytes gained across the
/// window divided by the time the window spans, so it follows a change of speed within `window` seconds,
/// and the time left follows the rate: an upload that slows down shows more time left, never a figure
/// frozen from its first fast second. A sample with fewer bytes than the one before starts over (a new
/// attempt sends from the beginning).
public struct TransferRate: Sendable, Hashable {
    public struct Sample: Sendable, Hashable {
        public var time: Date
        public var bytes: Int64
    }

    /// Seconds the average spans.
    public let window: TimeInterval
    /// The average is told only once the samples span at least this many seconds.
    public let minimumSpan: TimeInterval
    /// Recent samples, oldest first; one is kept at or before the window's start.
    public private(set) var samples: [Sample] = []

    public init(window: TimeInterval = 5, minimumSpan: TimeInterval = 0.5) {
        self.window = window
        self.minimumSpan = minimumSpan
    }

    /// Notes that `bytes` were confirmed by `time`.
    public mutating func record(bytes: Int64, at time: Date) {
        if let last = samples.last, bytes < last.bytes || time < last.time { samples.removeAll() }
        if let last = samples.last, last.time == time {
            samples[samples.count - 1].bytes = bytes
        } else {
            samples.append(Sample(time: time, bytes: bytes))
        }
        // Keep one sample at or before the window's start, so the average spans the whole window.
        while samples.count > 2, time.timeIntervalSince(samples[1].time) >= window { samples.removeFirst() }
    }

    /// Forgets every sample (a retry starts, the upload ended).
    public mutating func reset() { samples.removeAll() }

    /// Bytes per second over the window, once the samples span `minimumSpan`; nil before.
    public var bytesPerSecond: Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let span = last.time.timeIntervalSince(first.time)
        guard span >= minimumSpan else { return nil }
        return Double(last.bytes - first.bytes) / span
    }

    /// Seconds until `total` bytes are confirmed at the current rate; nil while the rate is unknown or zero.
    public func secondsLeft(total: Int64) -> Double? {
        guard let rate = bytesPerSecond, rate > 0, let last = samples.last else { return nil }
        return Double(max(0, total - last.bytes)) / rate
    }
}
