import Foundation
import InspektCore
import Synchronization

/// Fans service events out to every subscriber; a subscriber that stops listening is dropped.
final class EventHub: Sendable {
    private let continuations = Mutex<[UUID: AsyncStream<ServiceEvent>.Continuation]>([:])

    init() {}

    /// A new stream that receives every event published from now on.
    func subscribe() -> AsyncStream<ServiceEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ServiceEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        continuation.onTermination = { [weak self] _ in
            _ = self?.continuations.withLock { $0.removeValue(forKey: id) }
        }
        continuations.withLock { $0[id] = continuation }
        return stream
    }

    /// Whether anyone listens: a receiver without a board need not read back what it stored.
    var hasSubscribers: Bool { continuations.withLock { !$0.isEmpty } }

    func publish(_ event: ServiceEvent) {
        let targets = continuations.withLock { Array($0.values) }
        for continuation in targets { continuation.yield(event) }
    }

    func finish() {
        let targets = continuations.withLock { all -> [AsyncStream<ServiceEvent>.Continuation] in
            defer { all.removeAll() }
            return Array(all.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
