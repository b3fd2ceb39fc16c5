import ArgumentParser

/// `inspekt-bench`: the measurements behind `scripts/bench-ui` and `scripts/bench-receiver`.
@main
struct InspektBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspekt-bench",
        abstract: "Seed stores and time the screen for the benchmark scripts.",
        subcommands: [BenchUICommand.self, BenchReceiverCommand.self, BenchBoardKeysCommand.self])
}
