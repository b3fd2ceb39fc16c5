import ArgumentParser
import Foundation
import InspektCore
import InspektApp
import InspektService
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Environment → configuration → an opened service, shared by the headless commands.
enum CommandEnvironment {
    /// Reads `INSPEKT_*`; a problem is printed in words and ends the command with exit code 2.
    static func configuration(requireAPIKey: Bool = true) throws -> ServiceConfiguration {
        do {
            return try ServiceConfiguration.fromEnvironment(
                ProcessInfo.processInfo.environment, requireAPIKey: requireAPIKey)
        } catch {
            Terminal.error(Terminal.reason(error))
            throw ExitCode(2)
        }
    }

    /// Opens the store in the data directory, the client and the log file; exit code 1 when the store cannot open.
    static func openService(_ configuration: ServiceConfiguration, label: String) throws -> InspektService {
        do {
            let service = try InspektService.open(configuration: configuration, label: label)
            // The commands that send make results wait: a receiver of this kiosk must listen for them after they exit.
            if ["submit", "resume", "compare", "upload-again"].contains(label) { ReceiverKeeper.attach(to: service) }
            return service
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
