import ArgumentParser
import InspektApp
import InspektSimulator

/// The `inspekt` command: the board with no arguments, or one of the headless verbs.
@main
struct Inspekt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspekt",
        abstract: Terminal.words("help.inspekt.abstract"),
        discussion: Terminal.words("help.inspekt.discussion"),
        subcommands: [
            OpenCommand.self,
            DemoCommand.self,
            SubmitCommand.self,
            ResumeCommand.self,
            UploadAgainCommand.self,
            StatusCommand.self,
            DatabaseCommand.self,
            CompareCommand.self,
            ReportCommand.self,
            ReceiverCommand.self,
            ImportResultCommand.self,
            SimulatorCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
