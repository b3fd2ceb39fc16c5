import InspektStorage

/// What the board needs to ride out a fleet database that cannot be reached.
extension InspektService {
    /// "host:port" of the fleet database when `error` says it cannot be reached, else nil; never the password.
    public func unreachableDatabase(in error: any Error) -> String? {
        guard case StoreError.unreachable(let location, _) = error else { return nil }
        guard let url = configuration.databaseURL else { return location }
        return (url.host.contains(":") ? "[\(url.host)]" : url.host) + ":\(url.port)"
    }

    /// The store's change marker, read on a store thread: while the database is out of reach each look waits
    /// for it there, never on a thread of the cooperative pool that runs the board's other work.
    public func changeMarkerOffPool() async throws -> Int {
        try await onStoreThread { [store] in try store.changesByOtherConnections() }
    }
}
