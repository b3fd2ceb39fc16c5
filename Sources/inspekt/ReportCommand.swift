import ArgumentParser
import Foundation
import InspektCore
import InspektService
import InspektApp

/// `inspekt report`: one self-contained HTML report of an inspection or a comparison, to print or hand over.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Terminal.words("help.report.abstract"),
        discussion: Terminal.words("help.report.discussion"))

    @Argument(help: .words("help.report.reference", valueName: "ref"))
    var reference: String

    @Option(name: .shortAndLong, help: .words("help.report.output", valueName: "file"))
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
