import InspektSimulator
import Logging

/// A real Q Score host (API.md §6) on loopback for one test: started on a free port, stopped by the test.
public struct QScoreHarness: Sendable {
    /// `http://127.0.0.1:PORT`: what `INSPEKT_QSCORE_URL` is set to.
    public let baseURL: String
    public let simulator: QScoreSimulator

    public static func start(_ config: QScoreConfiguration = QScoreConfiguration()) async throws -> QScoreHarness {
        var configuration = config
        configuration.host = "127.0.0.1"
        configuration.port = 0
        var logger = Logger(label: "inspekt.simulator.qscore.test")
        logger.logLevel = .warning
        let simulator = QScoreSimulator(configuration: configuration, logger: logger)
        let port = try await simulator.start()
        return QScoreHarness(baseURL: "http://127.0.0.1:\(port)", simulator: simulator)
    }

    /// Every photo asked about, oldest first.
    public func requests() async -> [QScoreRequestRecord] { await simulator.requests() }

    public func stop() async { await simulator.stop() }
}

extension QScoreHarness: Stoppable {}
