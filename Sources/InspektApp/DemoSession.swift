import CursesTerminal
import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektService
import InspektSimulator
import Logging
import TerminalUI

/// `inspekt demo`: the simulator, the callback receiver and the board in one process, over a
/// temporary data folder (or `INSPEKT_DATA_DIR`) and an inbox holding the sample photos.
public struct DemoSession {
    /// Why the demo could not start, in words.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    var ascii: Bool
    var processingDelay: Double
    var inbox: String?
    var bandwidth: Int?
    var environment: [String: String]

    public init(ascii: Bool, processingDelay: Double, inbox: String?, bandwidth: Int?, environment: [String: String]) {
        self.ascii = ascii
        self.processingDelay = processingDelay
        self.inbox = inbox
        self.bandwidth = bandwidth
        self.environment = environment
    }

    public func run() async throws(Failure) {
        let words = Languages.localizer(environment: environment)
        let root: String
        do { root = try DemoFiles.makeTemporaryRoot() } catch {
            throw Failure(description: words("demo.error.temporary-folder", ["reason": "\(error)"]))
        }
        // INSPEKT_DATA_DIR keeps the demo across restarts; without it everything goes with the temporary folder.
        let keptData = environment["INSPEKT_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let dataDirectory = keptData ?? root + "/data"
        func fail(_ text: String) -> Failure {
            try? FileManager.default.removeItem(atPath: root)
            return Failure(description: text)
        }
        let inboxDirectory = inbox ?? keptData.map { $0 + "/demo-inbox" } ?? root + "/inbox"
        // A kept inbox is filled once: the photos of earlier drafts stay where they were chosen.
        if inbox == nil, !FileManager.default.fileExists(atPath: inboxDirectory) {
            do { try DemoFiles.copySamplePhotos(to: inboxDirectory) } catch { throw fail("\(error)") }
        }

        try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let logger = FileLogHandler.logger(label: "inspekt.demo.simulator", directory: dataDirectory)
        var simulatorConfiguration = SimulatorConfiguration(
            apiKeys: [DemoFiles.apiKey], processingDelay: processingDelay, bandwidth: bandwidth)
        // The sample photos are answered with what they show (their car, their damage, where it is drawn).
        if let path = DemoFiles.manifestPath() {
            do { simulatorConfiguration.demoManifest = try DemoManifest.load(path: path) } catch {
                logger.warning("demo manifest not used", metadata: ["reason": "\(error)"])
            }
        }
        let simulator = InspektSimulator(configuration: simulatorConfiguration, logger: logger)
        let simulatorPort: Int
        do { simulatorPort = try await simulator.start() } catch {
            throw fail(words("demo.error.simulator", ["reason": "\(error)"]))
        }
        // Q Score (API.md §6) on a host of its own, as the real one is: the demo shows it at work.
        var qScoreConfiguration = QScoreConfiguration(apiKeys: [DemoFiles.apiKey])
        qScoreConfiguration.demoManifest = simulatorConfiguration.demoManifest
        let qScore = QScoreSimulator(configuration: qScoreConfiguration, logger: logger)
        let qScorePort = try? await qScore.start()
        guard let receiverPort = FreePort.find() else {
            await qScore.stop()
            await simulator.stop()
            throw fail(words("demo.error.port"))
        }
        var configuration = ServiceConfiguration(
            apiKey: DemoFiles.apiKey, baseURL: "http://127.0.0.1:\(simulatorPort)", dataDirectory: dataDirectory,
            callbackBase: "http://127.0.0.1:\(receiverPort)", receiverListen: "127.0.0.1:\(receiverPort)")
        configuration.qScoreURL = qScorePort.map { "http://127.0.0.1:\($0)" }
        let stack: ServiceStack
        do { stack = try ServiceStack(configuration: configuration) } catch {
            await qScore.stop()
            await simulator.stop()
            throw fail(words("demo.error.database", ["reason": "\(error)"]))
        }
        let receiverProblem = await stack.startReceiver(listen: ListenAddress(host: "127.0.0.1", port: receiverPort))
        // Short enough for the title bar at 80 columns; where the data lives goes on the message line.
        let banner = words("demo.banner", ["port": "\(simulatorPort)"])
        let whereData = words(keptData == nil ? "demo.data.removed" : "demo.data.kept", ["folder": dataDirectory])
        let cleanup: @Sendable () async -> Void = {
            await stack.stop()
            await qScore.stop()
            await simulator.stop()
            try? FileManager.default.removeItem(atPath: root)
        }
        do {
            try await BoardSession.run(
                stack: stack, inbox: inboxDirectory, asciiFlag: ascii, banner: banner,
                notice: receiverProblem.map { Notice($0, role: .warn) } ?? Notice(whereData), environment: environment,
                cleanup: cleanup)
        } catch let error as CursesTerminalError {
            throw Failure(description: error.description)
        } catch {
            throw Failure(description: "\(error)")
        }
    }
}
