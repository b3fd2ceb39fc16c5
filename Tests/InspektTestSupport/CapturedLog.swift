import Logging
import Synchronization

/// Log lines captured in memory (level, message and metadata), to show what reaches a log file.
public final class CapturedLog: Sendable {
    public let lines = Mutex<[String]>([])

    public init() {}

    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// How many lines so far contain `fragment`.
    public func count(_ fragment: String) -> Int { lines.withLock { $0.filter { $0.contains(fragment) }.count } }

    public func logger(label: String = "inspekt.test") -> Logger {
        var logger = Logger(label: label) { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        log.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}
