import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt upload-again-as-new CASE-OR-ID`: the operator's word that Inspektlabs does not have an inspection
/// whose upload may have been accepted; it is sent again with a new session, which may bill twice.
struct UploadAgainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload-again-as-new",
        abstract: "Not in the portal: upload a failed or may-have-been-accepted inspection again as a new inspection.",
        discussion: """
            Check the Inspektlabs portal first. If the case is there, do not run this: its result will arrive. \
            Asks for confirmation (type yes) unless --confirm-may-bill-twice is given.
            """)

    @Argument(help: "The inspection's case id or local id.")
    var inspection: String

    @Flag(
        name: .customLong("confirm-may-bill-twice"),
        help: "Confirm without asking: the case is not in the Inspektlabs portal.")
    var confirmed = false

    /// "; did you mean RETURN-7?" (else ".") when the case id typed misses one only by letter case.
    private func didYouMean(_ all: [Inspection]) -> String {
        let near = CaseIDRule.letterCaseMisses(of: inspection, in: all.map(\.facts.caseID))
        return near.isEmpty ? "." : "; did you mean " + near.map { SafeText.escape($0) }.joined(separator: " or ") + "?"
    }

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        let service = try CommandEnvironment.openService(configuration, label: "upload-again")
        let all = (try? service.inspections()) ?? []
        let matches =
            all.filter { $0.id == inspection } + all.filter { $0.facts.caseID == inspection && $0.id != inspection }
        let waiting = matches.filter { $0.state == .failedRetryable || $0.state == .mayHaveBeenAccepted }
        guard let target = waiting.first, waiting.count == 1 else {
            Terminal.error(
                matches.isEmpty
                    ? "No inspection \(SafeText.escape(inspection)) on this kiosk\(didYouMean(all))"
                    : "\(SafeText.escape(inspection)) names no single failed or may-have-been-accepted inspection; give its local id (see inspekt status)."
            )
            throw ExitCode(2)
        }
        let caseID = SafeText.escape(target.facts.caseID)
        if !confirmed {
            Terminal.error("\(caseID): \(InspektService.newInspectionWarning)")
            guard isatty(STDIN_FILENO) == 1 else {
                Terminal.error("Not confirmed: run it in a terminal, or add --confirm-may-bill-twice.")
                throw ExitCode(2)
            }
            FileHandle.standardError.write(Data("Type yes to upload \(caseID) again as a new inspection: ".utf8))
            guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                Terminal.error("Nothing sent.")
                throw ExitCode(1)
            }
        }
        do {
            let session = try await service.uploadAgainAsNewInspection(id: target.id)
            Terminal.line("\(caseID): accepted as a new inspection \(SafeText.escape(session))")
        } catch {
            Terminal.error("\(caseID): \((error as? ServiceError)?.description ?? "\(error)")")
            throw ExitCode(1)
        }
    }
}
