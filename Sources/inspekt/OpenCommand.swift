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
        abstract: "Open the inspection board (the default when no command is given).",
        discussion: """
            Configuration comes from the environment, as for the other commands: INSPEKT_API_KEY, \
            INSPEKT_BASE_URL, INSPEKT_DATA_DIR, INSPEKT_CALLBACK_BASE, INSPEKT_RECEIVER_LISTEN, and \
            INSPEKT_INBOX, the folder the photos arrive in (default ~/inbox). NO_COLOR turns colour \
            off; INSPEKT_ASCII=1 or --ascii avoids line drawing and non-ASCII glyphs.
            """)

    @Flag(name: .long, help: "Draw with ASCII only (no line drawing, no Unicode glyphs).")
    var ascii = false
    @Flag(name: .long, help: "A supervisor's board: every inspection, nothing changed (or INSPEKT_ROLE=supervisor).")
    var readOnly = false
    @Flag(name: .long, help: "Plain lines for a screen reader, no cursor addressing (or INSPEKT_UI=linear).")
    var linear = false

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try CommandEnvironment.configuration()
        let stack: ServiceStack
        do {
            stack = try ServiceStack(configuration: configuration)
        } catch {
            Terminal.error(
                "The local database in \(SafeText.escape(configuration.dataDirectory)) cannot be opened: \(error)")
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
