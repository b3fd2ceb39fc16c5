import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking loopback TCP exchange: send a request, read until the peer closes (or, with `until`, until
/// what came is complete, or the wait ends). Shows exactly what came back.
public enum RawSocket {
    public struct Failure: Error {
        public var step: String
        public var code: Int32
    }

    /// How many bytes an exchange has read so far, for a test that acts once the reply has begun.
    public final class Progress: Sendable {
        private let count = Mutex(0)
        public init() {}
        public var bytesReceived: Int { count.withLock { $0 } }
        func received(_ bytes: Int) { count.withLock { $0 += bytes } }
    }

    /// Runs the blocking exchange on its own thread: a blocked cooperative thread could starve the server under test.
    ///
    /// With `until`, reading stops as soon as it holds for what came, and a close or the end of the wait
    /// returns what came instead of failing.
    public static func exchange(
        port: Int, request: [UInt8], timeoutSeconds: Int = 10, progress: Progress? = nil,
        until complete: (@Sendable ([UInt8]) -> Bool)? = nil
    ) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try blockingExchange(
                            port: port, request: request, timeoutSeconds: timeoutSeconds, progress: progress,
                            until: complete)
                    })
            }
            thread.start()
        }
    }

    static func blockingExchange(
        port: Int, request: [UInt8], timeoutSeconds: Int, progress: Progress? = nil,
        until complete: (([UInt8]) -> Bool)? = nil
    ) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket", code: errno) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(step: "connect", code: errno) }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(step: "send", code: errno) }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let complete, complete(received) { return received }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received += buffer[0..<n]
                progress?.received(n)
            } else if n == 0 || errno == ECONNRESET || complete != nil {
                return received
            } else {
                throw Failure(step: "recv", code: errno)
            }
        }
    }
}
