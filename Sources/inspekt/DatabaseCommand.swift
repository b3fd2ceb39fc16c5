import ArgumentParser
import Foundation
import InspektApp
import InspektCore
import InspektService

/// `inspekt db migrate`: brings the store to this version's schema; for a fleet, run once from one kiosk.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up or update the database (fleet mode: INSPEKT_DATABASE_URL).",
        subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Bring the database to this version's schema (every other command refuses an older fleet database).",
            discussion: """
                With INSPEKT_DATABASE_URL set, the fleet's PostgreSQL is migrated, in one transaction per \
                step; two kiosks migrating at once take turns. Without it, this kiosk's SQLite file is \
                brought forward (every command does that on its own). A database set up by a newer \
                inspekt is never changed.
                """)

        func run() async throws {
            let configuration = try CommandEnvironment.configuration(requireAPIKey: false)
            do {
                let store = try InspektService.openStore(configuration, migrate: true)
                Terminal.note("The database at \(SafeText.escape(store.location)) is up to date.")
            } catch {
                Terminal.error("The database cannot be migrated: \(SafeText.escape(String(describing: error)))")
                throw ExitCode(1)
            }
        }
    }
}
