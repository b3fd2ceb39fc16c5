import CursesTerminal
import Foundation
import InspektCore
import InspektService
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// Opens the board over a running service stack: used by `inspekt` and `inspekt demo`.
public enum BoardSession {
    /// Runs the screen until the operator quits; on SIGTERM/SIGINT the terminal is given back and
    /// the process ends with 128 + the signal number. When the terminal goes away (SIGHUP, the pty
    /// closed) the uploads go on headless, and the process exits once they are done. A `readOnly` board (a
    /// supervisor's) shows every kiosk's inspections and changes nothing: no receiver, no resumed upload, no write.
    public static func run(
        stack: ServiceStack, inbox: String, asciiFlag: Bool, banner: String?, notice: Notice?,
        environment: [String: String], readOnly: Bool = false,
        startReceiver: @escaping @Sendable () async -> String? = { nil },
        clock: WallClock = .live, cleanup: @escaping @Sendable () async -> Void
    ) async throws {
        let service = stack.service
        let agent = service.lastAgent()
        var state = AppState(
            now: clock.now(), inboxRoot: inbox,
            options: RenderOptions.fromEnvironment(environment, asciiFlag: asciiFlag),
            lastAgent: AgentIdentity(id: agent.id, name: agent.name),
            banner: banner)
        state.readOnly = readOnly
        // A supervisor watches the fleet: every kiosk's rows from the start (K narrows them to this kiosk's).
        state.board.wholeFleet = readOnly && service.configuration.databaseURL != nil
        // The report a headless board left is taken (and cleared) by the next board that may change things.
        state.notice = (readOnly ? nil : service.takeReportForThisBoard()).map { Notice($0, role: .ok) } ?? notice
        state.photos.hideSent = service.hidesSentPhotos
        state.photos.qScoreOn = service.qScoreIsOn
        // The board reads only the rows it shows, straight from the store: the first frame is complete.
        state.attachBoardSource(ServiceBoardSource(service: service))
        let receiptDirectory = LiveEffects.receiptDirectory(environment: environment)
        // INSPEKT_MOVE_SENT=1: an accepted inspection's photos move to sent/<case id>/ in the inbox.
        let movingSent = readOnly ? nil : stack.service.movingSentPhotos(inbox: inbox, environment: environment)
        defer { movingSent?.cancel() }
        let effects = LiveEffects.make(
            service: stack.service, receiptDirectory: receiptDirectory, startReceiver: startReceiver,
            resumes: !readOnly, clock: clock, words: state.options.words)
        let runtime = try AppRuntime(state: state, effects: effects, clock: clock) { waker in
            try CursesTerminal(environment: environment, waker: waker)
        }
        let logPath = stack.service.configuration.dataDirectory + "/inspekt.log"
        let redirect = StandardErrorRedirect(to: logPath)
        let outcome: AppRuntime.Outcome
        do {
            outcome = try await runtime.run()
        } catch {
            redirect?.restore()
            await cleanup()
            throw error
        }
        if outcome == .hangup, !readOnly {
            // stderr stays in the log; nothing is read from or written to the dead terminal.
            signal(SIGPIPE, SIG_IGN)
            HeadlessFinish.detach([STDIN_FILENO, STDOUT_FILENO] + (redirect == nil ? [STDERR_FILENO] : []))
            let accepted = await HeadlessFinish.finishUploads(
                service: stack.service, logger: stack.logger, clock: clock)
            await cleanup()
            exit(accepted ? 0 : 1)
        }
        redirect?.restore()
        await cleanup()
        if case .signal(let number) = outcome {
            exit(128 + number)
        }
    }
}
