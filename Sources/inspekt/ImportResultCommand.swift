import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt import-result FILE`: stores a result JSON downloaded from the Inspektlabs portal.
struct ImportResultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-result",
        abstract: Terminal.words("help.import.abstract"))

    @Argument(help: .words("help.import.file"))
    var file: String

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            if let size = attributes[.size] as? Int, size > ResultIntake.maxBodyBytes {
                Terminal.error(Terminal.words("cli.import.too-large", ["file": SafeText.escape(file)]))
                throw ExitCode(2)
            }
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error(Terminal.words("cli.import.unreadable", ["file": SafeText.escape(file)]))
            throw ExitCode(2)
        }
        let service = try CommandEnvironment.openService(configuration, label: "import")
        do {
            let (summary, changed) = try service.importResultReportingChange(data)
            let caseID = SafeText.escape(summary.caseID ?? summary.inspectionID)
            if !changed {
                Terminal.line(Terminal.words("cli.import.unchanged", ["case": caseID]))
            } else if summary.verdict == .available {
                Terminal.line(Terminal.words("cli.import.available", count: summary.damagedPartCount, ["case": caseID]))
            } else {
                let reason = summary.message.map(SafeText.escape) ?? Terminal.words("cli.status.no-reason")
                Terminal.line(Terminal.words("cli.import.rejected", ["case": caseID, "reason": reason]))
            }
        } catch let refusal as ResultIntake.Refusal {
            Terminal.error(Self.words(refusal))
            throw ExitCode(2)
        }
    }

    /// Why the file was not stored, in the operator's language (a malformed one's reason comes escaped); the refusals
    /// only a callback meets stay as named.
    static func words(_ refusal: ResultIntake.Refusal) -> String {
        switch refusal {
        case .malformed(let why): Terminal.words("cli.import.malformed", ["reason": why])
        case .unknownInspection(let session):
            Terminal.words("cli.import.unknown-inspection", ["session": SafeText.escape(session)])
        case .tooLarge: Terminal.words("cli.import.result-too-large")
        case .unknownToken, .mismatchedInspection, .unauthorized: refusal.description
        }
    }
}
