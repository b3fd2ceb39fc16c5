import NIOPosix

/// Threads of their own for the store's synchronous calls where many run at once (the receiver): a call
/// waiting for its transaction holds one of these, never a thread of Swift's cooperative pool, so the
/// server keeps reading requests while results are being written.
enum StoreThreads {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        return pool
    }()
}

extension InspektService {
    /// Runs a store call on `StoreThreads`.
    func onStoreThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await StoreThreads.pool.runIfActive(body)
    }
}
