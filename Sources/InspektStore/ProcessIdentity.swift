import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A process on this host told apart from a later one that got the same id: its id and its start time
/// (field 22 of `/proc/PID/stat`, clock ticks since boot). Recorded by lock holders, so that whoever finds
/// a lock can ask whether its holder still lives without touching the lock itself.
public struct ProcessIdentity: Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    public var startTime: UInt64

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// This process.
    public static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, startTime: startTime(of: pid) ?? 0)
    }

    /// Whether the process still runs and is the same one (not a later process with a reused id, not a zombie).
    public var isAlive: Bool {
        guard pid > 0, let stat = Self.stat(of: pid), stat.state != "Z", stat.state != "X" else { return false }
        return stat.startTime == startTime
    }

    /// `"PID START"`, as written into lock files.
    public var description: String { "\(pid) \(startTime)" }

    /// Reads `"PID START"`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let pid = Int32(parts[0]), let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start)
    }

    static func startTime(of pid: Int32) -> UInt64? { stat(of: pid)?.startTime }

    /// The state letter and start time from `/proc/PID/stat`; the command name may hold spaces and parentheses,
    /// so the fields are counted after its last `)`.
    private static func stat(of pid: Int32) -> (state: Character, startTime: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name: state is field 3 of the file, starttime field 22, so indexes 0 and 19 here.
        guard fields.count > 19, let state = fields[0].first, let start = UInt64(fields[19]) else { return nil }
        return (state, start)
    }
}
