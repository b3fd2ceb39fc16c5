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
            """)

    @Option(help: "HOST:PORT to listen on (default: INSPEKT_RECEIVER_LISTEN, else 127.0.0.1:8787).")
    var listen: String?

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let text = listen ?? configuration.receiverListen ?? ServiceConfiguration.defaultReceiverListen
        guard let address = ListenAddress(text) else {
            Terminal.error("--listen \(text) must look like HOST:PORT, e.g. 127.0.0.1:8787.")
            throw ExitCode(2)
        }
        let service = try CommandEnvironment.openService(configuration, label: "receiver")
        let logger = FileLogHandler.logger(label: "inspekt.receiver", directory: configuration.dataDirectory)
        let receiver = CallbackReceiver(service: service, logger: logger)
        let webhook = configuration.webhookSecret == nil ? " (webhook disabled: set INSPEKT_WEBHOOK_SECRET)" : ""
        do {
            try await receiver.run(listen: address) { port in
                Terminal.note("Receiving results on http://\(ListenAddress(host: address.host, port: port))\(webhook)")
            }
        } catch {
            Terminal.error("the receiver cannot listen on \(address): \(error)")
            throw ExitCode(1)
        }
    }
}
