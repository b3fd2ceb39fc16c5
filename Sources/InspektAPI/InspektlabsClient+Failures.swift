import AsyncHTTPClient
import Foundation
import InspektCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What went wrong, in the client's terms: every failure of AsyncHTTPClient, NIO or a file becomes an `APIError`.
extension InspektlabsClient {
    /// Turns what AsyncHTTPClient, NIO or the body stream threw into an `APIError`.
    static func map(_ error: any Error, monitor: TransferMonitor, timeout: Double, host: String) -> APIError {
        if let problem = monitor.fileFailure { return .fileProblem(problem) }
        if let error = error as? APIError { return error }
        if monitor.isUnreachable { return .unreachable(host: host, reason: unreachableReason(error)) }
        if monitor.isStalled { return .stalled(seconds: timeout) }
        if let problem = error as? FileProblem { return .fileProblem(problem) }
        // Nothing left on a connection: whatever failed, the server was not reached.
        if !monitor.isConnected, isConnectFailure(error) {
            return .unreachable(host: host, reason: unreachableReason(error))
        }
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .writeTimeout {
                return .stalled(seconds: timeout)
            }
            if error == .remoteConnectionClosed {
                return .connectionLost("the server closed the connection without a reply")
            }
            if error == .cancelled { return .connectionLost("the request was cancelled") }
        }
        if error is CancellationError { return .connectionLost("the request was cancelled") }
        return .connectionLost(String(describing: error))
    }

    /// Whether `error` is one of connecting: refused, timed out, no route, name not resolved, deadline before connecting.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if error is NIOConnectionError || error is SocketAddressError { return true }
        if let error = error as? IOError { return Self.connectErrnos.contains(error.errnoCode) }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        if let error = error as? HTTPClientError {
            return error == .connectTimeout || error == .deadlineExceeded || error == .getConnectionFromPoolTimeout
        }
        return false
    }

    static let connectErrnos: Set<Int32> = [ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN]

    /// Why no connection was made, in a few words: connection refused, timed out, host name not found, or the system's text.
    static func unreachableReason(_ error: (any Error)?) -> String {
        guard let error else { return "connection timed out" }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return unreachableReason(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host name not found (DNS)" }
            return "no address to connect to"
        }
        if error is SocketAddressError { return "host name not found (DNS)" }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN: return "no route to the host"
            default: return String(cString: strerror(error.errnoCode))
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connection timed out" }
        if let error = error as? HTTPClientError,
            error == .connectTimeout || error == .deadlineExceeded || error == .cancelled
                || error == .getConnectionFromPoolTimeout
        {
            return "connection timed out"
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if text.localizedCaseInsensitiveContains("resolve") || text.localizedCaseInsensitiveContains("getaddrinfo") {
            return "host name not found (DNS)"
        }
        return String(text.prefix(120))
    }

    /// `host:port` of a URL, for messages.
    static func hostAndPort(of url: String) -> String {
        guard let authority = URLAuthority(url), !authority.host.isEmpty else { return url }
        return authority.hostAndPort
    }

    /// The error an error reply stands for.
    static func error(from reply: Reply) -> APIError {
        if let message = reply.json?["message"] as? String {
            return APIError.from(status: reply.status, message: message)
        }
        // Not the documented JSON (a proxy page, plain text): keep the text for the log.
        return APIError.from(status: reply.status, message: String(reply.text.prefix(500)))
    }
}
