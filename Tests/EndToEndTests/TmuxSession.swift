import Foundation
import Testing

/// A private tmux server running one command in a detached window: keys in, screen text out.
///
/// Each session uses its own socket (`tmux -L`) so tests running in parallel never meet.
final class TmuxSession {
    let socket: String
    private(set) var isRunning = false

    /// Starts `command` (a shell command line) in a `width`×`height` window with `environment`.
    init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        guard let tmux = TmuxSession.tmuxPath else {
            throw TmuxError.missing
        }
        _ = tmux
        socket = "inspekt-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        var arguments = ["new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        // The shell stays after the program ends, so the test can see what it left behind.
        arguments += ["sh -c " + TmuxSession.quote(command + "; echo; echo INSPEKT-EXITED-$?; exec sh")]
        try run(arguments)
        isRunning = true
    }

    deinit {
        kill()
    }

    /// Where tmux is, or nil.
    static var tmuxPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Sends keys as tmux names them (`Enter`, `Tab`, `C-l`) or literally with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        var arguments = ["send-keys", "-t", "0"]
        if literal { arguments.append("-l") }
        try run(arguments + keys)
    }

    /// Sends `text` as raw bytes (`send-keys -H`): another terminal's escape sequence arrives as that terminal sends it.
    func sendBytes(_ text: String) throws {
        try run(["send-keys", "-t", "0", "-H"] + text.utf8.map { String(format: "%02x", $0) })
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try send(text, literal: true)
    }

    /// The visible screen, one line per row.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"])
    }

    /// A tmux format value, e.g. `#{alternate_on}` or `#{pane_title}`.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds; fails the test with the last screen at the deadline.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(
            "Timed out after \(timeout) s waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
        throw TmuxError.timeout(what)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String
    {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Stops the tmux server and everything in it.
    func kill() {
        guard isRunning else { return }
        isRunning = false
        _ = try? run(["kill-server"])
    }

    @discardableResult
    private func run(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        guard let tmux = TmuxSession.tmuxPath else { throw TmuxError.missing }
        let (status, output) = try Spawn.run(tmux, ["-L", socket, "-f", "/dev/null"] + arguments)
        guard status == 0 else {
            throw TmuxError.failed(arguments.joined(separator: " "), output)
        }
        return output
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case missing
    case failed(String, String)
    case timeout(String)

    var description: String {
        switch self {
        case .missing:
            "tmux is not installed: the end-to-end tests drive the real binary in tmux (apt-get install tmux)."
        case .failed(let command, let output): "tmux \(command) failed: \(output)"
        case .timeout(let what): "timed out waiting for \(what)"
        }
    }
}

/// The built `inspekt` executable, found next to the test bundle.
enum InspektBinary {
    static func path() throws -> String {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = (exe as NSString).deletingLastPathComponent
            // On some layouts the test binary sits inside a bundle directory.
            for _ in 0..<4 {
                candidates.append(dir + "/inspekt")
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        let cwd = FileManager.default.currentDirectoryPath
        candidates += [cwd + "/.build/debug/inspekt", cwd + "/.build/release/inspekt"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw BinaryError.notFound(candidates)
    }

    enum BinaryError: Error, CustomStringConvertible {
        case notFound([String])
        var description: String {
            "The inspekt executable was not found (looked at \(notFoundList)): run `swift build --build-tests` first."
        }
        private var notFoundList: String {
            if case .notFound(let list) = self { return list.joined(separator: ", ") }
            return ""
        }
    }
}

/// Runs a program to its end, output through a temporary file, every other descriptor closed.
///
/// Not `Process`: tmux's server outlives the command that starts it, and must not inherit a
/// descriptor that anyone waits on.
enum Spawn {
    /// No signal blocked and every job-control signal at its default, as from a login shell: the test's
    /// threads block signals, and the child must see SIGHUP, SIGTERM and SIGWINCH as a user's would.
    static func startLikeALoginShell(_ attributes: inout posix_spawnattr_t) {
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "inspekt-e2e-out-" + UUID().uuidString
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test's threads block signals; tmux, its shells and inspekt must start with none
        // blocked and default actions, as from a login shell (SIGHUP, SIGTERM, SIGWINCH matter here).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.startLikeALoginShell(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw SpawnError(path: path, code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally: the exit code; killed: 128 + the signal.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, output)
    }

    struct SpawnError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "\(path) could not be started (error \(code))" }
    }
}
