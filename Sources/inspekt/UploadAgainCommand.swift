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
        abstract: Terminal.words("help.again.abstract"),
        discussion: Terminal.words("help.again.discussion"))

    @Argument(help: .words("help.again.inspection"))
    var inspection: String

    @Flag(
        name: .customLong("confirm-may-bill-twice"),
        help: .words("help.again.confirm"))
    var confirmed = false

    /// "; did you mean RETURN-7?" (else ".") when the case id typed misses one only by letter case.
    private func didYouMean(_ all: [Inspection]) -> String {
        let near = CaseIDRule.letterCaseMisses(of: inspection, in: all.map(\.facts.caseID))
        return near.isEmpty ? "." : Terminal.didYouMean(near)
    }

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        let service = try CommandEnvironment.openService(configuration, label: "upload-again")
        let all = (try? service.inspections()) ?? []
        let matches =
            all.filter { $0.id == inspection } + all.filter { $0.facts.caseID == inspection && $0.id != inspection }
        let waiting = matches.filter { $0.state == .failedRetryable || $0.state == .mayHaveBeenAccepted }
        guard let target = waiting.first, waiting.count == 1 else {
            let named: KeyValuePairs<String, String> = [
                "inspection": SafeText.escape(inspection), "hint": didYouMean(all),
            ]
            Terminal.error(Terminal.words(matches.isEmpty ? "cli.again.none" : "cli.again.not-single", named))
            throw ExitCode(2)
        }
        let caseID = SafeText.escape(target.facts.caseID)
        if !confirmed {
            Terminal.error("\(caseID): \(Terminal.words("cli.again.warning"))")
            guard isatty(STDIN_FILENO) == 1 else {
                Terminal.error(Terminal.words("cli.again.not-confirmed"))
                throw ExitCode(2)
            }
            FileHandle.standardError.write(Data(Terminal.words("cli.again.type-yes", ["case": caseID]).utf8))
            guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                Terminal.error(Terminal.words("cli.nothing-sent"))
                throw ExitCode(1)
            }
        }
        do {
            let session = try await service.uploadAgainAsNewInspection(id: target.id)
            Terminal.line(Terminal.words("cli.again.accepted", ["case": caseID, "session": SafeText.escape(session)]))
        } catch {
            Terminal.error("\(caseID): \(Terminal.reason(error))")
            throw ExitCode(1)
        }
    }
}
