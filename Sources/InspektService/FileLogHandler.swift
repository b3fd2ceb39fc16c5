import Foundation
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
    /// One open file shared by every logger of the process.
    final class Sink: Sendable {
        private let fd: Mutex<Int32>

        init(path: String) {
            fd = Mutex(open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600))
        }

        func write(_ line: String) {
            fd.withLock { fd in
                guard fd >= 0 else { return }
                var bytes = Array(line.utf8)
                bytes.append(0x0A)
                _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            }
        }
    }

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
        let extras = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        sink.write("\(stamp) \(event.level) \(label): \(event.message)\(extras.isEmpty ? "" : " " + extras)")
    }

    /// A logger writing to `<directory>/inspekt.log` (created 0600).
    public static func logger(label: String, directory: String, level: Logger.Level = .info) -> Logger {
        let sink = sinks.withLock { sinks in
            let path = directory + "/inspekt.log"
            if let sink = sinks[path] { return sink }
            let sink = Sink(path: path)
            sinks[path] = sink
            return sink
        }
        var logger = Logger(label: label) { label in FileLogHandler(label: label, sink: sink) }
        logger.logLevel = level
        return logger
    }

    private static let sinks = Mutex<[String: Sink]>([:])
}
