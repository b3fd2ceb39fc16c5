import ArgumentParser
import Foundation
import InspektApp

/// `inspekt demo`: the simulator, the callback receiver and the board in one process, over a
/// temporary data folder and an inbox holding the sample photos.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try inspekt against a local simulated Inspektlabs, with sample photos.",
        discussion: """
            Nothing leaves this machine: a simulator and the callback receiver run on free loopback \
            ports, the data lives in a temporary folder removed on exit, and the inbox holds copies \
            of the sample photos in assets/photos. With INSPEKT_DATA_DIR set, the data (and the \
            demo inbox, unless --inbox names one) live there instead and survive a restart.
            """)

    @Flag(name: .long, help: "Draw with ASCII only (no line drawing, no Unicode glyphs).")
    var ascii = false

    @Option(name: .long, help: "Seconds the simulator takes to deliver a result.")
    var processingDelay: Double = 3

    @Option(name: .long, help: "Use this folder as the inbox instead of a copy of the sample photos.")
    var inbox: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Bytes per second the simulator reads uploads at (to watch progress).", visibility: .hidden))
    var bandwidth: Int?

    mutating func run() async throws {
        do {
            try await DemoSession(
                ascii: ascii, processingDelay: processingDelay, inbox: inbox, bandwidth: bandwidth,
                environment: ProcessInfo.processInfo.environment
            ).run()
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
