#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wakes the curses thread from its wait for input, from any thread (a self-pipe).
public final class TerminalWaker: Sendable {
    let readFD: Int32
    let writeFD: Int32

    public init() throws(CursesTerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .pipeFailed(errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    /// Makes the next (or current) wait for input return at once.
    public func wake() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: a failed write loses nothing.
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buffer, buffer.count) > 0 {}
    }

    deinit {
        // Closed only when nothing can post any more, so a late wake-up never hits a reused fd.
        _ = SystemCall.close(readFD)
        _ = SystemCall.close(writeFD)
    }
}

/// Why the terminal could not be set up.
public enum CursesTerminalError: Error, Sendable, CustomStringConvertible {
    case notATerminal
    case cannotInitialize(term: String)
    case cannotAddressCursor(term: String)
    case pipeFailed(Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            "inspekt needs a terminal: run it in an interactive shell (or use `inspekt status`)."
        case .cannotInitialize(let term):
            "The terminal type \"\(term)\" is unknown here: set TERM to e.g. xterm-256color and try again."
        case .cannotAddressCursor(let term):
            "The terminal type \"\(term)\" cannot move the cursor, so the board cannot be drawn: set TERM to e.g. xterm-256color, or use `inspekt status` and `inspekt submit`."
        case .pipeFailed(let code):
            "Could not create an internal pipe (errno \(code))."
        }
    }
}

/// Names the C `close` apart from the method of the same name.
enum SystemCall {
    static func close(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(fd)
        #else
            Darwin.close(fd)
        #endif
    }
}
