import InspektSimulator
import Logging

/// A real simulator on loopback for one test: started on a free port, stopped by the test.
public struct SimulatorHarness: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    public let port: Int
    public let simulator: InspektSimulator

    /// Starts a simulator with `config` (its port is ignored: always a free one).
    public static func start(
        _ config: SimulatorConfiguration = SimulatorConfiguration()
    ) async throws -> SimulatorHarness {
        var configuration = config
        configuration.host = "127.0.0.1"
        configuration.port = 0
        var logger = Logger(label: "inspekt.simulator.test")
        logger.logLevel = .warning
        let simulator = InspektSimulator(configuration: configuration, logger: logger)
        let port = try await simulator.start()
        return SimulatorHarness(baseURL: "http://127.0.0.1:\(port)", port: port, simulator: simulator)
    }

    /// Every inspection the simulator accepted, oldest first.
    public func ledger() async -> [LedgerEntry] { await simulator.ledger() }

    /// Stops listening and abandons pending result deliveries.
    public func stop() async { await simulator.stop() }
}

extension SimulatorConfiguration {
    /// This configuration with the session checks in `order` (API.md leaves it open; tests run under both).
    public func checking(_ order: SessionCheckOrder) -> SimulatorConfiguration {
        var configuration = self
        configuration.sessionCheckOrder = order
        return configuration
    }
}
