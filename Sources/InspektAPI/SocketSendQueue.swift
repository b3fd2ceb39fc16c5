import Foundation
import InspektCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The kernel's send queue of one TCP connection: how many bytes written to it have not yet been
/// acknowledged by the other end (`SIOCOUTQ`).
///
/// The HTTP client gives no access to its sockets, so the connection is found by what it is: among this
/// process's TCP sockets to the server's port, the one from the local port its connection told
/// (`UploadConnections`), or failing that the one that sent data last, looked for right after a body part was
/// written to it. Its inode is kept, so a closed descriptor reused by another file is never read.
/// Where this cannot work (no `/proc`, not Linux) `find` returns nil and callers count written bytes.
/// A connection another upload of this process follows is claimed, and never chosen for a second one.
struct SocketSendQueue: Sendable {
    let descriptor: Int32
    let inode: UInt64

    /// Inodes of the connections that uploads of this process follow now.
    private static let claimed = Mutex<Set<UInt64>>([])

    /// The upload is over: the connection may carry (and be found for) another one.
    func release() { _ = Self.claimed.withLock { $0.remove(inode) } }

    /// `SIOCOUTQ` (= `TIOCOUTQ`): bytes in the send queue, not yet sent or sent and not yet acknowledged.
    static let outputQueueRequest: UInt = 0x5411

    /// The established TCP connection to `peerPort` from `localPort` when that is known, else the one that sent
    /// data most recently, if one can be told.
    static func find(peerPort: Int, localPort: Int? = nil) -> SocketSendQueue? {
        #if os(Linux)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return nil }
            var best: (queue: SocketSendQueue, idle: UInt32)?
            for name in names {
                guard let descriptor = Int32(name) else { continue }
                var status = stat()
                guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK,
                    !claimed.withLock({ $0.contains(UInt64(status.st_ino)) }),
                    Self.peerPort(of: descriptor) == peerPort,
                    localPort == nil || Self.localPort(of: descriptor) == localPort,
                    let idle = Self.millisecondsSinceDataSent(descriptor)
                else { continue }
                if best == nil || idle < (best?.idle ?? .max) {
                    best = (SocketSendQueue(descriptor: descriptor, inode: UInt64(status.st_ino)), idle)
                }
            }
            guard let queue = best?.queue, claimed.withLock({ $0.insert(queue.inode).inserted }) else { return nil }
            return queue
        #else
            return nil
        #endif
    }

    /// The port a URL connects to (its scheme's default when it names none).
    static func port(of url: String) -> Int? {
        URLAuthority(url)?.effectivePort
    }

    /// Bytes still queued in the kernel; nil once the descriptor is no longer this connection.
    func queuedBytes() -> Int? {
        #if os(Linux)
            var status = stat()
            guard fstat(descriptor, &status) == 0, UInt64(status.st_ino) == inode else { return nil }
            var queued: Int32 = 0
            guard ioctl(descriptor, Self.outputQueueRequest, &queued) == 0, queued >= 0 else { return nil }
            return Int(queued)
        #else
            return nil
        #endif
    }

    #if os(Linux)
        /// The remote port of a connected IPv4 or IPv6 socket.
        static func peerPort(of descriptor: Int32) -> Int? { port(of: descriptor, getpeername) }

        /// The local port of an IPv4 or IPv6 socket.
        static func localPort(of descriptor: Int32) -> Int? { port(of: descriptor, getsockname) }

        private static func port(
            of descriptor: Int32,
            _ name: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
        ) -> Int? {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { name(descriptor, $0, &length) }
            }
            guard named == 0 else { return nil }
            switch Int32(address.ss_family) {
            case AF_INET:
                return withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        Int(UInt16(bigEndian: $0.pointee.sin_port))
                    }
                }
            case AF_INET6:
                return withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        Int(UInt16(bigEndian: $0.pointee.sin6_port))
                    }
                }
            default:
                return nil
            }
        }

        /// For an established TCP connection: milliseconds since it last sent data (`TCP_INFO`).
        static func millisecondsSinceDataSent(_ descriptor: Int32) -> UInt32? {
            var info = tcp_info()
            var length = socklen_t(MemoryLayout<tcp_info>.size)
            guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0,
                info.tcpi_state == 1  // TCP_ESTABLISHED
            else { return nil }
            return info.tcpi_last_data_sent
        }
    #endif
}
