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
        // Identifier keys are sorted by hand (same order): the locale-aware sort would load ICU's collation data.
        let text =
            SortedJSON.text(object)
            ?? String(
                decoding: (try? JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8),
                as: UTF8.self)
        emit(SafeText.jsonForTerminal(text) + "\n", to: STDOUT_FILENO)
    }

    public static func line(_ text: String) {
        emit(SafeText.forTerminal(text) + "\n", to: STDOUT_FILENO)
    }

    /// Follows upload events and draws progress on a TTY stderr until cancelled.
    public static func followProgress(
        _ service: InspektService, clock: WallClock = .live, caseOf: @escaping @Sendable (String) -> String
    ) -> Task<Void, Never> {
        // Not subscribed without a terminal: events nobody reads would pile up in the stream's buffer.
        guard stderrIsTTY else { return Task {} }
        let events = service.events()
        return Task {
            var lines = UploadProgressLine()
            var shown = ""
            for await event in events {
                switch event {
                case .uploadProgress(let id, let progress):
                    let line = lines.line(for: id, label: caseOf(id), progress: progress, at: clock.now())
                    // Redrawn only when it changed: a slow SSH link gets no repeated lines.
                    if line != shown { Terminal.progress(line) }
                    shown = line
                case .retryScheduled(let id, let attempt, let delay, let reason):
                    endProgress()
                    note(
                        words(
                            "cli.progress.retrying",
                            [
                                "case": caseOf(id), "attempt": language.number(attempt),
                                "reason": SafeText.escape(reason), "delay": language.decimal(delay, digits: 1),
                            ]))
                    lines.forget(id)
                    shown = ""
                case .uploadAccepted(let id, _), .uploadFailed(let id, _):
                    lines.forget(id)
                    shown = ""
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

}
