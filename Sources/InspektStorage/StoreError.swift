/// Why the store refused or could not do something, in words.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownInspection(String)
    case alreadyExists(String)
    case unreadableRow(String)
    case cannotCreate(path: String, reason: String)
    /// A file or folder of the data directory that is unsafe to use (a planted link, a folder it cannot make private).
    case unsafe(PrivateFile.Problem)
    /// The database was migrated by a newer inspekt; this one must not write to it.
    case newerSchema(location: String)
    /// Another process holds the upload lock of this inspection; `holder` says who, in words.
    case locked(id: String, holder: String?)
    /// The database server cannot be reached (it is down, or the network is).
    case unreachable(location: String, reason: String)
    /// The database refused a statement (a constraint, a permission) or this kiosk (a wrong password).
    case refused(location: String, reason: String)
    /// The fleet database has not been migrated to this version's schema yet.
    case notMigrated(location: String)
    /// The database server was not trusted (`sslmode`): nothing was sent to it, no password either.
    case untrusted(location: String, reason: String)

    public var description: String {
        switch self {
        case .unknownInspection(let id): "No inspection \(id) is stored on this kiosk."
        case .alreadyExists(let id): "An inspection \(id) is already stored."
        case .unreadableRow(let detail):
            "A stored record cannot be read (\(detail)): the database may be from a newer inspekt."
        case .cannotCreate(let path, let reason):
            "The data folder \(path) cannot be prepared (\(reason)): check its permissions."
        case .unsafe(let problem): "The local data is not opened: \(problem.description)"
        case .newerSchema(let location):
            "The database \(location) was set up by a newer inspekt: install that version here (nothing was changed)."
        case .locked(let id, let holder): "\(holder ?? "Another inspekt process") is uploading \(id) right now."
        case .refused(let location, let reason): "The database at \(location) refused: \(reason)."
        case .notMigrated(let location):
            "The database at \(location) is not set up for this inspekt yet: run `inspekt db migrate` once, from one kiosk."
        case .untrusted(let location, let reason):
            "The database at \(location) was not used: \(reason). Nothing was sent to it, no password either."
        case .unreachable(let location, let reason):
            "The database at \(location) cannot be reached (\(reason)): check that PostgreSQL is running there and that this kiosk's network reaches it."
        }
    }
}
