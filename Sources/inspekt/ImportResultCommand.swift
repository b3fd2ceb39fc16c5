import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt import-result FILE`: stores a result JSON downloaded from the Inspektlabs portal.
struct ImportResultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-result",
        abstract: "Import a result JSON downloaded from the Inspektlabs portal (trial accounts get no webhook).")

    @Argument(help: "The result JSON file; matched to an inspection by its inspectionId.")
    var file: String

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            if let size = attributes[.size] as? Int, size > ResultIntake.maxBodyBytes {
                Terminal.error("\(SafeText.escape(file)) is larger than 10 MB: that is not a result JSON.")
                throw ExitCode(2)
            }
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("\(SafeText.escape(file)) cannot be read: check the path and its permissions.")
            throw ExitCode(2)
        }
        let service = try CommandEnvironment.openService(configuration, label: "import")
        do {
            let (summary, changed) = try service.importResultReportingChange(data)
            let caseID = SafeText.escape(summary.caseID ?? summary.inspectionID)
            let verdict =
                summary.verdict == .available
                ? "available, \(summary.damagedPartCount) damaged part\(summary.damagedPartCount == 1 ? "" : "s")"
                : "rejected: \(SafeText.escape(summary.message ?? "no reason given"))"
            Terminal.line(
                changed ? "\(caseID): \(verdict)" : "\(caseID): this result was already stored; nothing changed")
        } catch let refusal as ResultIntake.Refusal {
            Terminal.error(refusal.description)
            throw ExitCode(2)
        }
    }
}
