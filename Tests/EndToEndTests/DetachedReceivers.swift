import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The receivers the binary under test starts by itself (`inspekt receiver --until-idle`, detached) outlive the
/// commands that started them, by design. Every test kiosk's data folder is remembered here, and whatever
/// receiver still holds one's `receiver.lock` is stopped when the test ends it (`stop`) or, at the latest, when the
/// test process exits: a run never leaves processes behind.
enum DetachedReceivers {
    private static let folders = Mutex<[String]>([])
    private static let installed: Bool = {
        atexit { DetachedReceivers.stopAll() }
        return true
    }()

    /// Remembers a data folder whose receivers are stopped at exit.
    static func track(dataDirectory: String) {
        _ = installed
        folders.withLock { $0.append(dataDirectory) }
    }

    /// The live receiver of a data folder, read from its lock file as the program writes it:
    /// `PID START MODE SINCE ADDRESS`; nil when none runs.
    static func holder(dataDirectory: String) -> (pid: Int32, mode: String, address: String)? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/receiver.lock", encoding: .utf8),
            let line = text.split(separator: "\n").first
        else { return nil }
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 5, let pid = Int32(parts[0]), let start = UInt64(parts[1]), startTime(of: pid) == start,
            ProcessLife.isRunning(pid)
        else { return nil }
        return (pid, parts[2], parts[4])
    }

    /// Stops the receivers of a data folder (SIGTERM, then SIGKILL after 3 s) and waits until they are gone: the
    /// lock's holder, and any receiver started for it that has not taken the lock yet (found by its environment).
    static func stop(dataDirectory: String) {
        let pids = Set(
            [holder(dataDirectory: dataDirectory)?.pid].compactMap { $0 } + starting(dataDirectory: dataDirectory))
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, pids.contains(where: ProcessLife.isRunning) { usleep(20_000) }
        for pid in pids where ProcessLife.isRunning(pid) { kill(pid, SIGKILL) }
    }

    /// `inspekt receiver` processes whose `INSPEKT_DATA_DIR` is this folder.
    private static func starting(dataDirectory: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let arguments = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")),
                let environment = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
            else { return false }
            let words = arguments.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let variables = environment.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.count > 1 && words[0].hasSuffix("/inspekt") && words[1] == "receiver"
                && variables.contains("INSPEKT_DATA_DIR=" + dataDirectory)
        }
    }

    static func stopAll() {
        for folder in folders.withLock({ $0 }) { stop(dataDirectory: folder) }
    }

    /// Field 22 of `/proc/PID/stat`: tells a process from a later one with the same id.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
