import Foundation
import InspektAPI
import InspektCore
import InspektPostgres
import InspektStorage
import InspektStore
import Logging

/// The local database cannot be opened (permissions, a full disk, a newer schema), in words.
public struct ServiceOpenError: Error, Sendable, CustomStringConvertible {
    public var directory: String
    public var reason: String
    /// The fleet's PostgreSQL (then `directory` is its address, without the password).
    public var fleet = false

    public var description: String {
        if fleet { return "The fleet database cannot be used: \(SafeText.escape(reason))" }
        return "The local database in \(SafeText.escape(directory)) cannot be opened: \(SafeText.escape(reason))"
    }
}

extension InspektService {
    /// The one way every command and the board build the service: the store in the data directory,
    /// the log file `inspekt.log` beside it (under `inspekt.<label>`), and the Inspektlabs client.
    /// `opensWhileUnreachable`: a fleet database that does not answer yet opens anyway (the board, which
    /// keeps what is typed until it answers); every other command stops with the reason instead.
    public static func open(
        configuration: ServiceConfiguration, label: String, opensWhileUnreachable: Bool = false
    ) throws(ServiceOpenError) -> InspektService {
        let store: any InspectionStore
        do {
            store = try openStore(configuration, opensWhileUnreachable: opensWhileUnreachable)
        } catch {
            throw ServiceOpenError(
                directory: configuration.databaseURL?.description ?? configuration.dataDirectory,
                reason: String(describing: error),
                fleet: configuration.databaseURL != nil)
        }
        // After the store: it creates the data directory the log file lives in.
        let logger = FileLogHandler.logger(label: "inspekt.\(label)", directory: configuration.dataDirectory)
        let client = InspektlabsClient(
            baseURL: configuration.baseURL, stallTimeout: configuration.stallTimeout, logger: logger,
            chunkSize: configuration.uploadChunkSize)
        return InspektService(configuration: configuration, store: store, client: client, logger: logger)
    }

    /// The fleet's PostgreSQL when `INSPEKT_DATABASE_URL` is set, else this kiosk's SQLite file.
    /// `migrate` brings the fleet database to this version's schema (`inspekt db migrate`).
    public static func openStore(
        _ configuration: ServiceConfiguration, migrate: Bool = false, opensWhileUnreachable: Bool = false
    ) throws -> any InspectionStore {
        guard let url = configuration.databaseURL else {
            return try InspektStore(
                directory: configuration.dataDirectory, kioskID: configuration.kioskID,
                formerKioskID: configuration.formerKioskID)
        }
        // The log file and the locks of this kiosk still live in its data directory.
        do throws(PrivateFile.Problem) { try PrivateFile.prepareDirectory(configuration.dataDirectory) } catch {
            throw StoreError.unsafe(error)
        }
        // The driver's and the store's own messages (a retry, an outage) go to inspekt.log, never the terminal.
        let logger = FileLogHandler.logger(label: "inspekt.postgres", directory: configuration.dataDirectory)
        return try PostgresStore(
            url: url, kioskID: configuration.kioskID, formerKioskID: configuration.formerKioskID, migrate: migrate,
            opensWhileUnreachable: opensWhileUnreachable, logger: logger)
    }
}
