import Foundation
import InspektCore

/// Numbers, sizes, durations and dates in the words and units an operator reads.
public enum Format {
    /// "512 B", "3.1 KB", "20.0 MB", "1.2 GB".
    public static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if count < 1000 { return "\(count) B" }
        if value < 1_000_000 { return oneDecimal(value / 1000) + " KB" }
        if value < 1_000_000_000 { return oneDecimal(value / 1_000_000) + " MB" }
        return oneDecimal(value / 1_000_000_000) + " GB"
    }

    /// "1.2 MB/s".
    public static func rate(_ bytesPerSecond: Double) -> String {
        bytes(Int64(bounded(bytesPerSecond, upTo: 1e15))) + "/s"
    }

    /// A value that `Int` can hold: NaN and negatives as 0, anything past `limit` as `limit`. Times and rates come
    /// from servers and clocks (a token's `exp` of 1e19), and an `Int` conversion past its range traps.
    static func bounded(_ value: Double, upTo limit: Double) -> Double {
        value.isNaN ? 0 : min(max(0, value), limit)
    }

    /// "8 s", "2 min 05 s", "1 h 02 min".
    public static func duration(_ seconds: Double) -> String {
        let total = Int(bounded(seconds.rounded(.up), upTo: 1e12))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min " + twoDigits(total % 60) + " s" }
        return "\(total / 3600) h " + twoDigits((total % 3600) / 60) + " min"
    }

    /// "2024-05-01 14:03".
    public static func dateTime(_ date: Date, in timeZone: TimeZone) -> String {
        let c = calendar(timeZone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(c.year ?? 0)-" + twoDigits(c.month ?? 0) + "-" + twoDigits(c.day ?? 0) + " "
            + twoDigits(c.hour ?? 0) + ":" + twoDigits(c.minute ?? 0)
    }

    /// "05-01 14:03": for narrow list columns.
    public static func shortDateTime(_ date: Date, in timeZone: TimeZone) -> String {
        let c = calendar(timeZone).dateComponents([.month, .day, .hour, .minute], from: date)
        return twoDigits(c.month ?? 0) + "-" + twoDigits(c.day ?? 0) + " " + twoDigits(c.hour ?? 0) + ":"
            + twoDigits(c.minute ?? 0)
    }

    /// "14:03:07".
    public static func time(_ date: Date, in timeZone: TimeZone) -> String {
        let c = calendar(timeZone).dateComponents([.hour, .minute, .second], from: date)
        return twoDigits(c.hour ?? 0) + ":" + twoDigits(c.minute ?? 0) + ":" + twoDigits(c.second ?? 0)
    }

    /// "42%".
    public static func percent(_ fraction: Double) -> String {
        "\(Int((bounded(fraction, upTo: 1) * 100).rounded(.down)))%"
    }

    /// "3.1", "-0.5"; "unknown" for NaN, infinity or a number too large to count in tenths
    /// (converting those to Int would stop the program).
    static func oneDecimal(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "unknown" }
        let tenths = Int(scaled)
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
