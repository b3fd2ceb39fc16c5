import ArgumentParser
import CursesTerminal
import Foundation
import InspektApp
import InspektCore
import InspektLanguage
import InspektService
import TerminalUI

/// `inspekt` with no arguments: the board, over the service configured by the environment.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: Terminal.words("help.open.abstract"),
        discussion: Terminal.words("help.open.discussion"))

    @Flag(name: .long, help: .words("help.ascii"))
    var ascii = false
    @Flag(name: .long, help: .words("help.open.read-only"))
    var readOnly = false
    @Flag(name: .long, help: .words("help.open.linear"))
    var linear = false

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try CommandEnvironment.configuration()
        let stack: ServiceStack
        do {
            stack = try ServiceStack(configuration: configuration)
        } catch {
            Terminal.error(
                Terminal.words(
                    "cli.open.no-database",
                    ["folder": SafeText.escape(configuration.dataDirectory), "reason": "\(error)"]))
            throw ExitCode(1)
        }
        // Results come to this kiosk's one receiver, never to the board itself: they must arrive after the board
        // quits or its terminal goes away. It is started (or the running one used) whenever anything waits.
        let readOnly = readOnly || environment["INSPEKT_ROLE"] == "supervisor"
        if !readOnly { ReceiverKeeper.attach(to: stack.service) }
        if linear || environment["INSPEKT_UI"] == "linear" {
            return await LinearSession(
                service: stack.service, inbox: InboxFolder.path(environment), readOnly: readOnly,
                words: Languages.localizer(environment: environment)
            )
            .run()
        }
        // Said once, on the board's notice line: results that cannot arrive (a receiver that cannot listen says so when it starts).
        let notice = CallbackReachability.warning(for: configuration).map { Notice($0.shortMessage, role: .warn) }
        do {
            // Looked for once the board is drawn: starting a receiver is no reason to make the operator wait.
            try await BoardSession.run(
                stack: stack, inbox: InboxFolder.path(environment), asciiFlag: ascii, banner: nil, notice: notice,
                environment: environment, readOnly: readOnly,
                startReceiver: { readOnly ? nil : await ReceiverKeeper.ensureIfWaiting(service: stack.service) },
                cleanup: { await stack.stop() })
        } catch let error as CursesTerminalError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
