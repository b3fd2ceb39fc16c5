import InspektStorage

/// What the board needs to ride out a fleet database that cannot be reached; the `DraftOutbox` holds what
/// waits for it.
extension InspektService {
    /// "host:port" of the fleet database when `error` says it cannot be reached, else nil; never the password.
    public func unreachableDatabase(in error: any Error) -> String? {
        guard case StoreError.unreachable(let location, _) = error else { return nil }
        guard let url = configuration.databaseURL else { return location }
        return (url.host.contains(":") ? "[\(url.host)]" : url.host) + ":\(url.port)"
    }

    /// Tells the outbox when `error` says the database is away (it then holds saves, and says when it is back);
    /// returns where the database is, or nil for any other error.
    @discardableResult
    public func noteIfUnreachable(_ error: any Error) -> String? {
        guard let place = unreachableDatabase(in: error) else { return nil }
        outbox.noteAway(place)
        return place
    }

    /// The store's change marker, read on a store thread: while the database is out of reach each look waits
    /// for it there, never on a thread of the cooperative pool that runs the board's other work.
    public func changeMarkerOffPool() async throws -> Int {
        do { return try await onStoreThread { [store] in try store.changesByOtherConnections() } } catch {
            noteIfUnreachable(error)
            throw error
        }
    }

    /// Whether the database answers a look now; a look that finds it away tells the outbox.
    func databaseAnswersNow() async -> Bool {
        do {
            _ = try await onStoreThread { [store] in try store.changesByOtherConnections() }
            return true
        } catch {
            return noteIfUnreachable(error) == nil
        }
    }

    /// Waits (on the service's clock) until the fleet database answers; at once for a kiosk's own file.
    public func waitForDatabase() async {
        while !Task.isCancelled, !(await databaseAnswersNow()) {
            do { try await dependencies.sleep(DraftOutbox.retryInterval) } catch { return }
        }
    }
}
