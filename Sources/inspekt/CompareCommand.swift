import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt compare`: what is new on a vehicle since an earlier inspection (Inspektlabs incremental damage).
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Ask Inspektlabs what damage is new on a later inspection since an earlier one.",
        discussion: """
            REF is a case id or an inspection id; a case id that names several inspections is refused with \
            their list. Both must be inspections Inspektlabs accepted, of the same vehicle. The comparison is \
            an inspection of its own: its result comes to the receiver like any other, and `inspekt status` \
            lists it with its new damage. Asking again for the same pair and case returns the same comparison.

            Exit codes: 0 accepted (prints the comparison's inspection id), 1 the request failed (it waits as \
            failed-retryable; run the same command again), 2 bad input or configuration.
            """)

    @Option(help: ArgumentHelp("The earlier inspection (e.g. at pickup).", valueName: "ref"))
    var before: String

    @Option(help: ArgumentHelp("The later inspection (e.g. at return).", valueName: "ref"))
    var after: String

    @Option(
        name: .customLong("case"),
        help: "Case reference for the comparison itself (default: the later inspection's case).")
    var caseID: String?

    @Flag(
        name: .customLong("different-vehicles"),
        help: "Compare even though the two inspections name different vehicles.")
    var differentVehicles = false

    @Flag(help: "Print one JSON object instead of the bare inspection id.")
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
