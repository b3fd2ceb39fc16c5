import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt compare`: what is new on a vehicle since an earlier inspection (Inspektlabs incremental damage).
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: Terminal.words("help.compare.abstract"),
        discussion: Terminal.words("help.compare.discussion"))

    @Option(help: .words("help.compare.before", valueName: "ref"))
    var before: String

    @Option(help: .words("help.compare.after", valueName: "ref"))
    var after: String

    @Option(
        name: .customLong("case"),
        help: .words("help.compare.case"))
    var caseID: String?

    @Flag(
        name: .customLong("different-vehicles"),
        help: .words("help.compare.different-vehicles"))
    var differentVehicles = false

    @Flag(help: .words("help.json.inspection-id"))
    var json = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        let service = try CommandEnvironment.openService(configuration, label: "compare")
        var caseID = self.caseID
        if caseID == nil { caseID = (try? service.acceptedInspection(matching: after))?.facts.caseID }
        let outcome: ComparisonOutcome
        do {
            outcome = try await service.compare(
                before: before, after: after, caseID: caseID ?? after, allowDifferentVehicles: differentVehicles)
        } catch let error as ComparisonError {
            refuse(Terminal.refusal(error))
        } catch let ServiceError.invalid(problems) {
            refuse(problems.joined(separator: "\n"))
        } catch {
            let reason = (error as? ServiceError)?.description ?? "\(error)"
            Terminal.error(Terminal.words("cli.compare.failed", ["reason": Terminal.reason(error)]))
            Terminal.note(Terminal.words("cli.compare.kept"))
            if json { Terminal.json(["state": "failed-retryable", "error": reason]) }
            throw ExitCode(1)
        }
        if json {
            let stored = try? service.inspection(id: outcome.id)
            Terminal.json([
                "id": outcome.id, "kind": "comparison", "inspection_id": outcome.session,
                "case_id": stored?.facts.caseID ?? caseID ?? "", "before": outcome.compared.before,
                "after": outcome.compared.after, "state": stored?.state.rawValue ?? "processing",
                "callback_url": (try? service.callbackURL(id: outcome.id)).flatMap { $0 } ?? "",
            ])
        } else {
            Terminal.line(outcome.session)
        }
    }

    /// Prints why nothing was asked and exits with code 2.
    private func refuse(_ message: String) -> Never {
        Terminal.error(message)
        if json { Terminal.json(["state": "refused", "errors": [message]]) }
        CompareCommand.exit(withError: ExitCode(2))
    }
}
