import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A program on a pseudo-terminal of its own, as sshd starts a login: a new session whose
/// controlling terminal is the pty's slave side. Closing the master side (`hangUp`) is what a
/// dropped SSH link does: the kernel sends SIGHUP, reads give EOF and writes fail with EIO.
final class PtyProcess: Sendable {
    let pid: pid_t
    private let master: Int32
    private let output = Mutex<[UInt8]>([])
    private let stopReading = Atomic<Bool>(false)
    private let readerDone = DispatchSemaphore(value: 0)
    private let closed = Atomic<Bool>(false)

    init(_ path: String, _ arguments: [String], environment: [String: String]) throws {
        let calls = try PtyCalls()
        master = calls.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, calls.grantpt(master) == 0, calls.unlockpt(master) == 0,
            calls.ptsname(master, &name, name.count) == 0
        else {
            throw PtyError.cannotOpen(errno)
        }
        let slavePath = String(cString: name)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (glibc runs file actions after the attributes): it becomes the
        // controlling terminal of the new session.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.startLikeALoginShell(&attributes)
        // POSIX_SPAWN_SETSID (glibc 2.26) is not imported into Swift: 0x80.
        let setSID: Int16 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | setSID)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            close(master)
            throw PtyError.cannotSpawn(spawned)
        }
        pid = child
        let thread = Thread { [self] in readUntilStopped() }
        thread.start()
    }

    /// Ends it all: the terminal closed, the program killed if it still runs, and reaped.
    func finish() {
        hangUp()
        if isRunning { kill(pid, SIGKILL) }
        _ = waitForExit(nonBlocking: false)
    }

    /// Everything the program wrote to its terminal so far.
    var text: String { output.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Types `text` on the terminal, as its user would (a Ctrl-C is "\u{03}": the terminal sends SIGINT).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Closes the master side: the terminal is gone.
    func hangUp() {
        guard !closed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        // The reader lets go first: a read in progress would keep the pty open.
        stopReading.store(true, ordering: .sequentiallyConsistent)
        readerDone.wait()
        close(master)
    }

    /// Whether the program has not exited yet.
    var isRunning: Bool { exitStatus.withLock { $0 } == nil && waitForExit(nonBlocking: true) == nil }

    private let exitStatus = Mutex<Int32?>(nil)

    /// The exit code (128 + signal when killed), or nil while it runs.
    @discardableResult
    func waitForExit(nonBlocking: Bool) -> Int32? {
        if let known = exitStatus.withLock({ $0 }) { return known }
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(pid, &status, nonBlocking ? WNOHANG : 0) } while rc < 0 && errno == EINTR
        guard rc == pid else { return nil }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus.withLock { $0 = code }
        return code
    }

    /// Waits (without blocking a thread) until the program exits or `timeout` seconds pass.
    func exit(within timeout: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let code = waitForExit(nonBlocking: true) { return code }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return waitForExit(nonBlocking: true)
    }

    private func readUntilStopped() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopReading.load(ordering: .sequentiallyConsistent) {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                output.withLock { $0 += buffer.prefix(count) }
            } else if count == 0 || errno != EINTR {
                // The slave side is closed by every process (EIO): keep polling until stopped.
                usleep(50_000)
            }
        }
        readerDone.signal()
    }

    enum PtyError: Error, CustomStringConvertible {
        case cannotOpen(Int32)
        case cannotSpawn(Int32)
        var description: String {
            switch self {
            case .cannotOpen(let code): "no pseudo-terminal could be opened (errno \(code))"
            case .cannotSpawn(let code): "the program could not be started on the pseudo-terminal (error \(code))"
            }
        }
    }
}

/// glibc's pty calls, looked up at run time: Swift's Glibc module leaves them out (they need
/// _XOPEN_SOURCE), and their ioctls are variadic, which Swift cannot call.
private struct PtyCalls {
    typealias Unary = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    let openpt: Unary
    let grantpt: Unary
    let unlockpt: Unary
    let ptsname: Name

    init() throws {
        let process = dlopen(nil, RTLD_NOW)
        func find(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let symbol = dlsym(process, name) else { throw PtyProcess.PtyError.cannotOpen(ENOSYS) }
            return symbol
        }
        openpt = unsafeBitCast(try find("posix_openpt"), to: Unary.self)
        grantpt = unsafeBitCast(try find("grantpt"), to: Unary.self)
        unlockpt = unsafeBitCast(try find("unlockpt"), to: Unary.self)
        ptsname = unsafeBitCast(try find("ptsname_r"), to: Name.self)
    }
}
