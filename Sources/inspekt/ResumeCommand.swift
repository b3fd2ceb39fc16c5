import ArgumentParser
import Foundation
import InspektApp
import InspektCore
import InspektService

/// `inspekt resume`: continues every upload that a crash, kill or reboot interrupted.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: Terminal.words("help.resume.abstract"),
        discussion: Terminal.words("help.resume.discussion"))

    @Flag(
        name: .customLong("retry-failed"),
        help: .words("help.resume.retry-failed"))
    var retryFailed = false

    @Flag(help: .words("help.resume.json"))
    var json = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        let service = try CommandEnvironment.openService(configuration, label: "resume")
        // After a reboot: results of inspections accepted earlier still need a receiver.
        if service.receivesOwnResults, (try? service.inspectionsWaitingForResults()) ?? 0 > 0,
            case .failed(let problem) = ReceiverKeeper.ensure(configuration: configuration, logger: service.logger)
        {
            Terminal.note(Terminal.words("cli.warning", ["message": problem]))
        }
        let hangup = HangupGuard(
            logger: FileLogHandler.logger(label: "inspekt.resume", directory: configuration.dataDirectory),
            what: "resume")
        defer { withExtendedLifetime(hangup) {} }
        if retryFailed {
            // A may-have-been-accepted one is asked about again with its own session, never sent as a new inspection.
            let waiting: Set<InspectionState> = [.failedRetryable, .mayHaveBeenAccepted]
            for inspection in (try? service.inspections()) ?? [] where waiting.contains(inspection.state) {
                do { try service.markReady(id: inspection.id) } catch {
                    Terminal.error("\(SafeText.escape(inspection.facts.caseID)): \(Terminal.reason(error))")
                }
            }
        }
        let cases = ((try? service.inspections()) ?? []).reduce(into: [String: String]()) {
            $0[$1.id] = $1.facts.caseID
        }
        let progress = Terminal.followProgress(service) { id in SafeText.escape(cases[id] ?? id) }
        let outcomes = await service.resumeAll()
        progress.cancel()
        Terminal.endProgress()

        var failed = false
        var rows: [[String: Any]] = []
        for (inspection, outcome) in outcomes {
            let caseID = SafeText.escape(inspection.facts.caseID)
            switch outcome {
            case .success(let session):
                rows.append([
                    "id": inspection.id, "case_id": inspection.facts.caseID, "inspection_id": session,
                    "state": "processing",
                ])
                if !json {
                    Terminal.line(
                        Terminal.words("cli.accepted", ["case": caseID, "session": SafeText.escape(session)]))
                }
            case .failure(ServiceError.otherKiosk(_, let kiosk)):
                // Its photos are on that kiosk: left for it, not a failure here.
                rows.append(["id": inspection.id, "case_id": inspection.facts.caseID, "state": "left", "kiosk": kiosk])
                if !json {
                    Terminal.line(Terminal.words("cli.resume.left", ["case": caseID, "kiosk": SafeText.escape(kiosk)]))
                }
            case .failure(let error):
                failed = true
                let reason = (error as? ServiceError)?.description ?? "\(error)"
                rows.append([
                    "id": inspection.id, "case_id": inspection.facts.caseID, "state": "failed-retryable",
                    "error": reason,
                ])
                if !json { Terminal.error("\(caseID): \(Terminal.reason(error))") }
            }
        }
        if json {
            Terminal.json(["resumed": rows])
        } else if outcomes.isEmpty {
            Terminal.note(Terminal.words("cli.resume.nothing"))
        }
        if failed { throw ExitCode(1) }
    }
}
