import Foundation
import InspektAPI
import InspektCore
import InspektStore
import Logging

/// The local database cannot be opened (permissions, a full disk, a newer schema), in words.
public struct ServiceOpenError: Error, Sendable, CustomStringConvertible {
    public var directory: String
    public var reason: String

    public var description: String {
        "The local database in \(SafeText.escape(directory)) cannot be opened: \(SafeText.escape(reason))"
    }
}

extension InspektService {
    /// The one way every command and the board build the service: the store in the data directory,
    /// the log file `inspekt.log` beside it (under `inspekt.<label>`), and the Inspektlabs client.
    public static func open(configuration: ServiceConfiguration, label: String) throws(ServiceOpenError) -> InspektService {
        let store: InspektStore
        do {
            store = try InspektStore(directory: configuration.dataDirectory)
        } catch {
            throw ServiceOpenError(directory: configuration.dataDirectory, reason: String(describing: error))
        }
        // After the store: it creates the data directory the log file lives in.
        let logger = FileLogHandler.logger(label: "inspekt.\(label)", directory: configuration.dataDirectory)
        let client = InspektlabsClient(
            baseURL: configuration.baseURL, stallTimeout: configuration.stallTimeout, logger: logger,
            chunkSize: configuration.uploadChunkSize)
        return InspektService(configuration: configuration, store: store, client: client, logger: logger)
    }
}
