import Foundation
import InspektStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One callback receiver per kiosk: `receiver.lock` in the data folder, an advisory file lock held by the
/// receiving process, with a line saying who it is (process id and start time), how it runs and where it
/// listens. Others read that line (never probing the lock) to use the receiver that runs, to show it in
/// `status`, or to ask an `--until-idle` one to hand over. `receiver.gate` orders the two decisions that
/// must not cross: a process that makes a result wait checks for a receiver (and starts one) under the gate,
/// and a receiver decides that nothing waits (and lets go) under it too.
public final class ReceiverLock: Sendable {
    /// How a receiver runs: until stopped (`inspekt receiver`, a systemd unit) or until nothing waits.
    public enum Mode: String, Sendable {
        case always
        case untilIdle = "until-idle"
    }

    /// Who holds the lock, as it wrote it.
    public struct Holder: Sendable, Hashable {
        public var process: ProcessIdentity
        public var mode: Mode
        /// `HOST:PORT` once it listens; nil while it starts.
        public var address: String?
        public var since: Date

        /// "`inspekt receiver --until-idle` (process 4711, since 07:12)".
        public var words: String {
            let command = mode == .always ? "`inspekt receiver`" : "`inspekt receiver --until-idle`"
            return "\(command) (process \(process.pid), since \(ProcessDescription.clockTime(since)))"
        }

        var line: String {
            "\(process.pid) \(process.startTime) \(mode.rawValue) \(Int(since.timeIntervalSince1970)) \(address ?? "-")"
        }

        init(process: ProcessIdentity, mode: Mode, address: String?, since: Date) {
            (self.process, self.mode, self.address, self.since) = (process, mode, address, since)
        }

        init?(line: some StringProtocol) {
            let parts = line.split(separator: " ")
            guard parts.count == 5, let pid = Int32(parts[0]), let start = UInt64(parts[1]),
                let mode = Mode(rawValue: String(parts[2])), let since = Double(parts[3])
            else { return nil }
            self.init(
                process: ProcessIdentity(pid: pid, startTime: start), mode: mode,
                address: parts[4] == "-" ? nil : String(parts[4]), since: Date(timeIntervalSince1970: since))
        }
    }

    private let fd: Int32
    private let mode: Mode
    private let since = Date()

    /// Takes the lock for this process, or returns nil when another process holds it.
    public init?(dataDirectory: String, mode: Mode) {
        try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let fd = open(dataDirectory + "/receiver.lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.mode = mode
        write(address: nil)
    }

    /// Says where it listens, for `status` and for processes that hand out callback addresses.
    public func announce(address: String) { write(address: address) }

    /// Lets go: the line is emptied first, so a reader never finds a receiver that has stopped.
    public func release() {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    private func write(address: String?) {
        let text = Array((Holder(process: .current, mode: mode, address: address, since: since).line + "\n").utf8)
        // Written over the old line, then cut to its length: a reader (`status`, a board) never finds the file
        // empty while a live receiver rewrites it; only its first line counts.
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = ftruncate(fd, off_t(text.count))
    }

    /// The live receiver of this data folder, or nil when none runs (a holder that died leaves a line
    /// whose process is gone or is another one).
    public static func holder(dataDirectory: String) -> Holder? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/receiver.lock", encoding: .utf8),
            let line = text.split(separator: "\n").first, let holder = Holder(line: line), holder.process.isAlive
        else { return nil }
        return holder
    }

    /// Runs `body` holding `receiver.gate` (waiting for it).
    public static func underGate<T>(dataDirectory: String, _ body: () throws -> T) rethrows -> T {
        let gate = Gate(dataDirectory: dataDirectory)
        defer { gate.release() }
        return try body()
    }

    /// `receiver.gate`, held from `init` (which waits for it) to `release`.
    public final class Gate: Sendable {
        private let fd: Int32

        public init(dataDirectory: String) {
            try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            fd = open(dataDirectory + "/receiver.gate", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd >= 0 {
                while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            }
        }

        public func release() {
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
