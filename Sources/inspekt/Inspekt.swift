import ArgumentParser
import InspektSimulator

/// The `inspekt` command: the board with no arguments, or one of the headless verbs.
@main
struct Inspekt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspekt",
        abstract: "Capture vehicle damage inspections for the Inspektlabs API.",
        discussion: """
            With no command, opens the board. Configuration comes from the environment: \
            INSPEKT_API_KEY, INSPEKT_BASE_URL, INSPEKT_CLIENT_ID, INSPEKT_DATA_DIR, \
            INSPEKT_CALLBACK_BASE, INSPEKT_RECEIVER_LISTEN, INSPEKT_WEBHOOK_SECRET, INSPEKT_INBOX.
            """,
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
