import Logging
import NIOCore
import ServiceLifecycle

/// A HummingbirdCore server running in a service group of its own, and the port it bound (useful with port 0).
struct ServerLaunch: Sendable {
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let port: Int

    /// Builds a server with `make`, whose `onServerRunning` must call the `announce` it is given, runs it and waits
    /// for the bound port; a server that fails first (a port taken) throws here.
    static func start(
        logger: Logger,
        _ make: @Sendable (_ announce: @escaping @Sendable (any Channel) -> Void) throws -> any Service
    ) async throws -> ServerLaunch {
        let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let server = try make { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [server], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        for try await port in ports {
            return ServerLaunch(group: group, task: task, port: port)
        }
        throw SimulatorError.notListening
    }
}
