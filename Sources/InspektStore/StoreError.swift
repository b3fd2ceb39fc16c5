/// Why the store refused or could not do something, in words.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownInspection(String)
    case alreadyExists(String)
    case unreadableRow(String)
    case cannotCreate(path: String, reason: String)
    /// A file or folder of the data directory that is unsafe to use (a planted link, a folder it cannot make private).
    case unsafe(PrivateFile.Problem)

    public var description: String {
        switch self {
        case .unknownInspection(let id): "No inspection \(id) is stored on this kiosk."
        case .alreadyExists(let id): "An inspection \(id) is already stored."
        case .unreadableRow(let detail): "A stored record cannot be read (\(detail)): the database may be from a newer inspekt."
        case .cannotCreate(let path, let reason): "The data folder \(path) cannot be prepared (\(reason)): check its permissions."
        case .unsafe(let problem): "The local data is not opened: \(problem.description)"
        }
    }
}
