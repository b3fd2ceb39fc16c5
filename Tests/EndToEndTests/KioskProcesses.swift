import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One kiosk's data folder and environment for the real binary, against one simulator: the
/// board, `submit`, `receiver` and `status` run as separate processes over the same store.
struct KioskProcesses {
    /// The binary, data folder and environment; `run` and `status` are its own.
    let cli: CLI
    var binary: String { cli.binary }
    var directory: String { cli.directory }
    var environment: [String: String] { cli.environment }

    init(simulator: SimulatorHarness) throws {
        var cli = try CLI(simulator: simulator)
        cli.environment["LANG"] = "C.UTF-8"
        cli.environment["LC_ALL"] = "C.UTF-8"
        self.cli = cli
    }

    /// The variables the board needs in tmux: this kiosk's, an inbox, and its own receiver port.
    func boardVariables(inbox: String) -> [String: String] {
        var variables = E2EEnvironment.variables(directory: directory)
        for key in ["INSPEKT_API_KEY", "INSPEKT_BASE_URL", "INSPEKT_DATA_DIR", "HOME", "INSPEKT_RECEIVER_LISTEN"] {
            variables[key] = environment[key]
        }
        variables["INSPEKT_INBOX"] = inbox
        return variables
    }

    /// Runs the binary to its end (killed after `timeout` s).
    func run(
        _ arguments: [String], environment changes: [String: String] = [:], timeout: Double = 60
    ) async throws -> CLI.Outcome {
        try await cli.run(arguments, environment: changes.mapValues { Optional($0) }, timeout: timeout)
    }

    /// `inspekt status --json`, parsed.
    func status() async throws -> [[String: Any]] { try await cli.status() }

    /// The state `status --json` gives for a case, or nil.
    func state(of caseID: String) async throws -> String? {
        try await status().first { $0["case_id"] as? String == caseID }?["state"] as? String
    }

    /// Waits until the case is in one of `states`; false at the deadline.
    func waitFor(_ caseID: String, in states: Set<String>, timeout: Double = 30) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let state = try await state(of: caseID), states.contains(state) { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }

    /// The kiosk's log file.
    var log: String { (try? String(contentsOfFile: directory + "/data/inspekt.log", encoding: .utf8)) ?? "" }

    /// `count` JPEGs of about `bytes` each, as `--photo SLOT=PATH` arguments for the walk-around slots.
    func photoArguments(count: Int, bytes: Int) throws -> [String] {
        let slots = ["front", "front-left", "left", "rear-left", "rear", "rear-right", "right", "front-right"]
        return try (0..<count).flatMap { index -> [String] in
            let path = "\(directory)/IMG_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, approximateBytes: bytes, seed: index)
            return ["--photo", "\(slots[index % slots.count])=\(path)"]
        }
    }

    /// `inspekt submit --force` of 8 photos of about 200 KB on a pseudo-terminal (TERM=xterm-256color, with `added`
    /// in its environment), for a test that interrupts it: through a simulator reading 200 KB/s it is on the wire
    /// for about 8 s.
    func slowSubmit(
        case caseID: String, extra: [String] = [], environment added: [String: String] = [:]
    ) throws
        -> PtyProcess
    {
        let photos = try photoArguments(count: 8, bytes: 200_000)
        var environment = self.environment
        environment["TERM"] = "xterm-256color"
        environment.merge(added) { $1 }
        return try PtyProcess(
            binary, ["submit", "--case", caseID] + extra + ["--force"] + photos, environment: environment)
    }
}

/// Whether a process still runs (a zombie whose parent is gone counts as ended).
enum ProcessLife {
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}

extension TmuxSession {
    /// Polls the screen until `predicate` holds, sleeping between looks without blocking a thread
    /// (an in-process simulator needs the cooperative pool); nil at the deadline, with the issue recorded.
    func screen(
        _ what: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: (String) -> Bool
    ) async throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record(
            "Timed out after \(timeout) s waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
        return nil
    }
}
