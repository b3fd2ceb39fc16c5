import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt report`: one self-contained HTML report of an inspection or a comparison, to print or hand over.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one HTML report of an inspection or comparison: photos, damage boxes, verdict, receipt.",
        discussion: """
            REF is a case id or an inspection id; a case id that names several inspections is refused with \
            their list. The file holds its photos and needs no network and no script; it prints on A4, one \
            page per photo. Without --output it goes to INSPEKT_REPORT_DIR, else ~/inspekt-reports (made when \
            missing). The path written is printed.

            Exit codes: 0 written, 1 it could not be written, 2 bad input.
            """)

    @Argument(help: ArgumentHelp("The inspection or comparison: case id or inspection id.", valueName: "ref"))
    var reference: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file.", valueName: "file"))
    var output: String?

    func run() async throws {
        let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
        let service = try CommandEnvironment.openService(configuration, label: "report")
        let subject: Inspection
        do { subject = try service.reportSubject(matching: reference) } catch let error as ComparisonError {
            Terminal.error(Terminal.refusal(error))
            throw ExitCode(2)
        }
        let path: String
        do {
            if let output {
                path = output
                try service.writeReport(id: subject.id, to: output, words: Terminal.language)
            } else {
                path = try service.writeReport(
                    id: subject.id, into: ReportFolder.path(environment: ProcessInfo.processInfo.environment),
                    words: Terminal.language)
            }
        } catch {
            Terminal.error(Terminal.words("cli.report.failed", ["reason": Terminal.reason(error)]))
            throw ExitCode(1)
        }
        Terminal.line(path)
    }
}
