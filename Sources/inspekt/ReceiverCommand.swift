import ArgumentParser
import Foundation
import InspektService
import InspektApp

/// `inspekt receiver`: listens for results pushed by Inspektlabs and stores them.
struct ReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receiver",
        abstract: "Receive result callbacks from Inspektlabs (POST /callbacks/<token>, POST /webhook).",
        discussion: """
            Results are pushed, never polled: keep this running where Inspektlabs can reach it \
            (INSPEKT_CALLBACK_BASE is the public URL prefix that leads here). /webhook needs \
            INSPEKT_WEBHOOK_SECRET, given as X-Inspekt-Secret or as the HTTP Basic password. \
            Stops on Ctrl-C or SIGTERM.

            One receiver runs per kiosk (receiver.lock in INSPEKT_DATA_DIR). `submit`, the board, `resume` and \
            `compare` start `inspekt receiver --until-idle` by themselves when none runs, and it leaves once no \
            inspection waits for a result; started by hand, this one takes over from it and stays. \
            `inspekt status` says which process receives, and where.
            """)

    @Option(help: "HOST:PORT to listen on (default: INSPEKT_RECEIVER_LISTEN, else 127.0.0.1:8787).")
    var listen: String?

    @Flag(name: .customLong("until-idle"), help: "Exit once no inspection of this kiosk waits for its result.")
    var untilIdle = false

    @Option(name: .customLong("idle-check"), help: .hidden)
    var idleCheck: Double?

    @Flag(
        name: .customLong("print-systemd-unit"),
        help: "Print a systemd unit that starts the receiver after a reboot, and exit.")
    var printSystemdUnit = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let text = listen ?? configuration.receiverListen ?? ServiceConfiguration.defaultReceiverListen
        guard let address = ListenAddress(text) else {
            Terminal.error("--listen \(text) must look like HOST:PORT, e.g. 127.0.0.1:8787.")
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
