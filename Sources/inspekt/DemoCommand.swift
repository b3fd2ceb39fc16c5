import ArgumentParser
import Foundation
import InspektApp

/// `inspekt demo`: the simulator, the callback receiver and the board in one process, over a
/// temporary data folder and an inbox holding the sample photos.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: Terminal.words("help.demo.abstract"),
        discussion: Terminal.words("help.demo.discussion"))

    @Flag(name: .long, help: .words("help.ascii"))
    var ascii = false

    @Option(name: .long, help: .words("help.demo.processing-delay"))
    var processingDelay: Double = 3

    @Option(name: .long, help: .words("help.demo.inbox"))
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
