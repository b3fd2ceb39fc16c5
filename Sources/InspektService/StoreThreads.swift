import NIOPosix

/// Threads of their own for the store's synchronous calls where many run at once (the receiver): a call
/// waiting for its transaction holds one of these, never a thread of Swift's cooperative pool, so the
/// server keeps reading requests while results are being written.
enum StoreThreads {
    static let pool: NIOThreadPool = started(threads: 4)

    /// Callback token look-ups, which anyone can ask for: a flood of made-up tokens queues here, never in
    /// front of the writes of real deliveries and `/healthz` on `pool`.
    static let lookups: NIOThreadPool = started(threads: 2)

    private static func started(threads: Int) -> NIOThreadPool {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }
}

extension InspektService {
    /// Runs a store call on `StoreThreads`.
    func onStoreThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await StoreThreads.pool.runIfActive(body)
    }

    /// Runs a callback token look-up on `StoreThreads.lookups`.
    func onLookupThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await StoreThreads.lookups.runIfActive(body)
    }
}
