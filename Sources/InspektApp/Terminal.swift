import Foundation
import InspektCore
import InspektService

#if canImport(Glibc)
    import Glibc
#endif

/// Output helpers: results on stdout, messages and progress on stderr.
public enum Terminal {
    /// Whether stderr is a terminal (progress is drawn only then, so logs and pipes stay clean).
    public static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    // Callers escape what came from files and the network; `SafeText.forTerminal` is the last guard
    // on every line, so a part that was missed still cannot reach the terminal raw.

    public static func error(_ message: String) {
        emit("inspekt: " + SafeText.forTerminal(message) + "\n", to: STDERR_FILENO)
    }

    public static func note(_ message: String) {
        emit(SafeText.forTerminal(message) + "\n", to: STDERR_FILENO)
    }

    /// Redraws one progress line on a TTY stderr.
    public static func progress(_ line: String) {
        guard stderrIsTTY else { return }
        emit("\r\u{1B}[K" + SafeText.forTerminal(line), to: STDERR_FILENO)
    }

    public static func endProgress() {
        guard stderrIsTTY else { return }
        emit("\r\u{1B}[K", to: STDERR_FILENO)
    }

    /// One JSON object on stdout; hidden characters in its strings become `\uXXXX` escapes (same value,
    /// nothing raw on a terminal).
    public static func json(_ object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        emit(SafeText.jsonForTerminal(String(decoding: data, as: UTF8.self)) + "\n", to: STDOUT_FILENO)
    }

    public static func line(_ text: String) {
        emit(SafeText.forTerminal(text) + "\n", to: STDOUT_FILENO)
    }

    /// Follows upload events and draws progress on a TTY stderr until cancelled.
    public static func followProgress(_ service: InspektService, caseOf: @escaping @Sendable (String) -> String) -> Task<Void, Never> {
        let events = service.events()
        return Task {
            guard stderrIsTTY else { return }
            var started: [String: (Date, Int64)] = [:]
            for await event in events {
                switch event {
                case .uploadProgress(let id, let progress):
                    let now = Date()
                    let first = started[id] ?? (now, progress.sent)
                    started[id] = first
                    let elapsed = now.timeIntervalSince(first.0)
                    let rate = elapsed > 0.5 ? Double(progress.sent - first.1) / elapsed : 0
                    let left = rate > 0 ? Double(progress.total - progress.sent) / rate : nil
                    var line = "\(caseOf(id)): \(Int(progress.fraction * 100))% \(megabytes(progress.sent))/\(megabytes(progress.total)) MB"
                    if rate > 0 { line += String(format: ", %.1f MB/s", rate / 1_000_000) }
                    if let left { line += ", \(Int(left.rounded())) s left" }
                    Terminal.progress(line)
                case .retryScheduled(let id, let attempt, let delay, let reason):
                    endProgress()
                    note("\(caseOf(id)): attempt \(attempt) failed (\(SafeText.escape(reason))); retrying in \(String(format: "%.1f", delay)) s")
                    started[id] = nil
                case .uploadAccepted, .uploadFailed:
                    endProgress()
                default:
                    break
                }
            }
        }
    }

    /// Writes all of `text`, or gives up quietly: a terminal that went away (EIO) or a closed pipe
    /// (EPIPE, SIGPIPE being ignored) must not end a command whose upload is still running.
    public static func emit(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    public static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
