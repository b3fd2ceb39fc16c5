import Foundation
import InspektService
import Logging

/// The service layer as the screen uses it: store, client, service and the in-process callback
/// receiver, wired from one configuration.
public struct ServiceStack: Sendable {
    public let service: InspektService
    public let receiver: CallbackReceiver
    public var logger: Logger { service.logger }

    /// Opens the store and wires the service; the log goes to `inspekt.log` in the data directory. A fleet
    /// database that does not answer yet does not keep the board from opening: it says so in its title bar.
    public init(configuration: ServiceConfiguration) throws(ServiceOpenError) {
        service = try InspektService.open(configuration: configuration, label: "board", opensWhileUnreachable: true)
        receiver = CallbackReceiver(service: service, logger: service.logger, limits: .fromEnvironment())
    }

    /// Starts the receiver; a failure (e.g. the port is taken by `inspekt receiver`) is returned
    /// as words for the board's notice line, not thrown: the board still opens.
    public func startReceiver(listen: ListenAddress) async -> String? {
        do {
            _ = try await receiver.start(listen: listen)
            return nil
        } catch {
            logger.error("receiver did not start", metadata: ["listen": "\(listen)", "error": "\(error)"])
            return
                "Results cannot be received here (\(listen) is busy or not allowed): run `inspekt receiver` or import results."
        }
    }

    public func stop() async {
        await receiver.stop()
    }
}

/// Finds a free TCP port on loopback by binding port 0, so that the callback URL is known before
/// the service that hands it out is made.
public enum FreePort {
    public static func find(host: String = "127.0.0.1") -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
