import Foundation
import InspektCore
import InspektStorage
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends log lines to `inspekt.log` in the data directory; the technical detail goes here,
/// never to the operator's terminal. Callers never pass tokens or the API key.
public struct FileLogHandler: LogHandler {
    /// One open file shared by every logger of the process; rotated at `maxBytes` (the current file
    /// becomes `inspekt.log.1`, the one before `inspekt.log.2`), so a kiosk that runs for months keeps
    /// a bounded log. Never opened through a symbolic link.
    final class Sink: Sendable {
        private struct State {
            var fd: Int32
            var sinceCheck = 0
        }

        let path: String
        let maxBytes: Int
        private let state: Mutex<State>

        init(path: String, maxBytes: Int = FileLogHandler.defaultMaxBytes) {
            self.path = path
            self.maxBytes = maxBytes
            state = Mutex(State(fd: Self.openLog(path)))
        }

        func write(_ line: String) {
            state.withLock { state in
                guard state.fd >= 0 else { return }
                var bytes = Array(line.utf8)
                bytes.append(0x0A)
                _ = bytes.withUnsafeBytes { Glibc.write(state.fd, $0.baseAddress, $0.count) }
                state.sinceCheck += bytes.count
                // A look at the size every 64 KiB (or every write with a small limit), not a stat per line.
                if state.sinceCheck >= min(64 * 1024, maxBytes / 4) {
                    state.sinceCheck = 0
                    rotateIfNeeded(&state)
                }
            }
        }

        /// Rotates when the file is full; reopens when another process rotated it already.
        private func rotateIfNeeded(_ state: inout State) {
            var open = stat()
            guard fstat(state.fd, &open) == 0 else { return }
            var named = stat()
            let sameFile = lstat(path, &named) == 0 && named.st_ino == open.st_ino && named.st_dev == open.st_dev
            if sameFile && Int(open.st_size) < maxBytes { return }
            if sameFile {
                _ = rename(path + ".1", path + ".2")
                _ = rename(path, path + ".1")
            }
            close(state.fd)
            state.fd = Self.openLog(path)
        }

        private static func openLog(_ path: String) -> Int32 {
            (try? PrivateFile.open(path, flags: O_WRONLY | O_APPEND)) ?? -1
        }
    }

    /// The size at which the log is rotated.
    public static let defaultMaxBytes = 5 * 1024 * 1024

    private let label: String
    private let sink: Sink
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let explicit = event.metadata { all.merge(explicit) { $1 } }
        // Messages and values carry file names and server replies: escaped, so that one event stays one line and
        // nothing in it can drive the terminal of whoever reads the log.
        let extras = all.sorted { $0.key < $1.key }.map { "\($0.key)=" + SafeText.escape("\($0.value)") }
            .joined(separator: " ")
        let message = SafeText.escape("\(event.message)")
        sink.write("\(Self.timestamp()) \(event.level) \(label): \(message)\(extras.isEmpty ? "" : " " + extras)")
    }

    /// Now in UTC as `2026-03-14T09:26:53.589Z`. By hand, not `Date.formatted`: that loads ICU's calendar
    /// data, megabytes that a command that only logs would otherwise never touch.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var utc = tm()
        var seconds = now.tv_sec
        guard gmtime_r(&seconds, &utc) != nil else { return "?" }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date =
            "\(padded(Int(utc.tm_year) + 1900, 4))-\(padded(Int(utc.tm_mon) + 1, 2))-\(padded(Int(utc.tm_mday), 2))"
        let time = "\(padded(Int(utc.tm_hour), 2)):\(padded(Int(utc.tm_min), 2)):\(padded(Int(utc.tm_sec), 2))"
        return "\(date)T\(time).\(padded(Int(now.tv_nsec) / 1_000_000, 3))Z"
    }

    /// A logger writing to `<directory>/inspekt.log` (created 0600, never through a link), rotated at `maxBytes`.
    public static func logger(
        label: String, directory: String, level: Logger.Level = .info, maxBytes: Int = defaultMaxBytes
    ) -> Logger {
        let sink = sinks.withLock { sinks in
            let path = directory + "/inspekt.log"
            if let sink = sinks[path] { return sink }
            let sink = Sink(path: path, maxBytes: maxBytes)
            sinks[path] = sink
            return sink
        }
        var logger = Logger(label: label) { label in FileLogHandler(label: label, sink: sink) }
        logger.logLevel = level
        return logger
    }

    private static let sinks = Mutex<[String: Sink]>([:])
}
