import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback TCP connections that each send the start of a request and then nothing, as a stalling client
/// does; the test then watches which of them the server closed. Blocking socket calls run on threads of
/// their own, never on the cooperative pool the server under test may need.
public final class StalledConnections: Sendable {
    private struct State {
        var descriptors: [Int32] = []
        var open: [Bool] = []
    }

    private let state = Mutex(State())

    private init() {}

    /// Opens `count` connections to `port`, sending `prefix(index)` on each.
    public static func open(
        count: Int, port: Int, prefix: @escaping @Sendable (Int) -> String
    ) async throws -> StalledConnections {
        raiseOpenFilesLimit()
        let connections = StalledConnections()
        try await onOwnThread {
            for index in 0..<count {
                let fd = try connect(port: port)
                let bytes = Array(prefix(index).utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                connections.state.withLock {
                    $0.descriptors.append(fd)
                    $0.open.append(true)
                }
            }
        }
        return connections
    }

    /// Whether connection `index` was still open at the last look.
    public func isOpen(_ index: Int) -> Bool { state.withLock { $0.open[index] } }

    /// How many were still open at the last look.
    public var openCount: Int { state.withLock { $0.open.filter { $0 }.count } }

    /// Looks until at most `remaining` are open or `seconds` passed; returns how many are open.
    public func waitUntilOpen(atMost remaining: Int, seconds: Double) async throws -> Int {
        try await onOwnThread {
            let deadline = Date().addingTimeInterval(seconds)
            repeat {
                self.look(waitingMilliseconds: 100)
            } while self.openCount > remaining && Date() < deadline
            return self.openCount
        }
    }

    /// Closes this side of every connection.
    public func closeAll() {
        state.withLock { state in
            for (index, fd) in state.descriptors.enumerated() where state.open[index] { close(fd) }
            state.open = state.open.map { _ in false }
        }
    }

    /// Marks as closed every connection whose peer closed it (an end of stream or a reset).
    private func look(waitingMilliseconds: Int32) {
        let watched = state.withLock { state in
            state.descriptors.indices.filter { state.open[$0] }.map { (index: $0, fd: state.descriptors[$0]) }
        }
        var polls = watched.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard !polls.isEmpty, poll(&polls, nfds_t(polls.count), waitingMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        for (slot, entry) in polls.enumerated() where entry.revents != 0 {
            let n = buffer.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) else { continue }
            close(entry.fd)
            state.withLock { $0.open[watched[slot].index] = false }
        }
    }

    private static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawSocket.Failure(step: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw RawSocket.Failure(step: "connect", code: code)
        }
        return fd
    }

    /// This test process needs a descriptor per connection: its soft limit up to the hard one.
    private static func raiseOpenFilesLimit() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max
        else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// Runs blocking work on a thread of its own.
private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
