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
    let binary: String
    let directory: String
    let environment: [String: String]

    init(simulator: SimulatorHarness) throws {
        binary = try InspektBinary.path()
        directory = try PhotoFixtures.temporaryDirectory()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INSPEKT_") }
        environment["INSPEKT_API_KEY"] = "demo-key"
        environment["INSPEKT_BASE_URL"] = simulator.baseURL
        environment["INSPEKT_DATA_DIR"] = directory + "/data"
        environment["HOME"] = directory
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        self.environment = environment
    }

    /// The variables the board needs in tmux: this kiosk's, an inbox, and its own receiver port.
    func boardVariables(inbox: String) -> [String: String] {
        var variables = E2EEnvironment.variables(directory: directory)
        for key in ["INSPEKT_API_KEY", "INSPEKT_BASE_URL", "INSPEKT_DATA_DIR", "HOME"] { variables[key] = environment[key] }
        variables["INSPEKT_INBOX"] = inbox
        variables["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:\(FreeLoopbackPort.find())"
        return variables
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to its end (killed after `timeout` s), waiting with `Task.sleep` so that the
    /// in-process simulator keeps its threads.
    func run(_ arguments: [String], environment changes: [String: String] = [:], timeout: Double = 60) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(changes) { $1 }
        let id = UUID().uuidString
        let out = directory + "/run-\(id).out"
        let err = directory + "/run-\(id).err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// `inspekt status --json`, parsed.
    func status() async throws -> [[String: Any]] {
        let outcome = try await run(["status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return object?["inspections"] as? [[String: Any]] ?? []
    }

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
}

/// A free TCP port on loopback (bound, read, released).
enum FreeLoopbackPort {
    static func find() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        return ok ? Int(UInt16(bigEndian: address.sin_port)) : 0
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
        Issue.record("Timed out after \(timeout) s waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
        return nil
    }
}
