import Foundation
import InspektCore
import TerminalUI

/// The command line's progress line for each upload, by the board's rules: the bytes Inspektlabs has taken
/// (not those handed to the kernel), the rate as a moving average over the last seconds and the time left
/// at that rate, and "waiting for Inspektlabs to confirm" once every byte is out.
struct UploadProgressLine {
    private var rates: [String: TransferRate] = [:]
    /// The operator's language: figures in its form.
    var words = Terminal.language

    /// The line for upload `id` after `progress` arrived at `now`.
    mutating func line(for id: String, label: String, progress: UploadProgress, at now: Date) -> String {
        rates[id, default: TransferRate()].record(bytes: progress.sent, at: now)
        var line =
            label + ": " + words.percent(progress.fraction) + " " + words.bytes(progress.sent) + " / "
            + words.bytes(progress.total)
        if progress.total > 0, progress.sent >= progress.total {
            return line + ", " + words("cli.progress.confirming")
        }
        if let rate = rates[id]?.bytesPerSecond {
            line += ", " + words.bytes(Int64(rate.isNaN ? 0 : min(max(rate, 0), 1e15))) + "/s"
        }
        if let left = rates[id]?.secondsLeft(total: progress.total) {
            line += ", " + words("upload.left", ["left": words.duration(left)])
        }
        return line
    }

    /// Upload `id` starts over (a retry) or ended.
    mutating func forget(_ id: String) { rates[id] = nil }
}
