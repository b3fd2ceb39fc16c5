import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt receiver`: listens for results pushed by Inspektlabs and stores them.
struct ReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receiver",
        abstract: Terminal.words("help.receiver.abstract"),
        discussion: Terminal.words("help.receiver.discussion"))

    @Option(help: .words("help.receiver.listen"))
    var listen: String?

    @Flag(name: .customLong("until-idle"), help: .words("help.receiver.until-idle"))
    var untilIdle = false

    @Option(name: .customLong("idle-check"), help: .hidden)
    var idleCheck: Double?

    @Flag(
        name: .customLong("print-systemd-unit"),
        help: .words("help.receiver.print-systemd-unit"))
    var printSystemdUnit = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let text = listen ?? configuration.receiverListen ?? ServiceConfiguration.defaultReceiverListen
        guard let address = ListenAddress(text) else {
            Terminal.error(Terminal.words("cli.receiver.listen-invalid", ["listen": SafeText.escape(text)]))
            throw ExitCode(2)
        }
        if printSystemdUnit {
            Terminal.line(ReceiverUnit.text(configuration: configuration, listen: address))
            return
        }
        let service = try CommandEnvironment.openService(configuration, label: "receiver")
        let logger = FileLogHandler.logger(label: "inspekt.receiver", directory: configuration.dataDirectory)
        // Seconds between looks at whether anything still waits; INSPEKT_RECEIVER_IDLE_CHECK for tests.
        let check =
            idleCheck ?? ProcessInfo.processInfo.environment["INSPEKT_RECEIVER_IDLE_CHECK"].flatMap(Double.init) ?? 30
        let code = await ReceiverRun(
            service: service, logger: logger, listen: address, mode: untilIdle ? .untilIdle : .always,
            idleCheck: max(0.2, check)
        ).run()
        if code != 0 { throw ExitCode(code) }
    }
}
