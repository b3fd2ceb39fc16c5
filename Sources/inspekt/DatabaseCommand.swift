import ArgumentParser
import Foundation
import InspektApp
import InspektCore
import InspektService

/// `inspekt db migrate`: brings the store to this version's schema; for a fleet, run once from one kiosk.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: Terminal.words("help.db.abstract"),
        subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Terminal.words("help.db.migrate.abstract"),
            discussion: Terminal.words("help.db.migrate.discussion"))

        func run() async throws {
            let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
            do {
                let store = try InspektService.openStore(configuration, migrate: true)
                Terminal.note(Terminal.words("cli.db.migrated", ["location": SafeText.escape(store.location)]))
            } catch {
                Terminal.error(
                    Terminal.words("cli.db.not-migrated", ["reason": SafeText.escape(String(describing: error))]))
                throw ExitCode(1)
            }
        }
    }
}
