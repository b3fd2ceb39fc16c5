import Dispatch
import Synchronization

/// The commands the run loop started and that have not finished. Each runs as a task of its own, in
/// no particular order, except those given one `order` key (the saves and submits of one draft): each of
/// those starts once the one started before it with that key has finished, so the newest edit is stored last.
final class RunningCommands: Sendable {
    private struct State {
        var next = 0
        var running: [Int: Task<Void, Never>] = [:]
        /// The last task started under each order key, while it runs.
        var lastOf: [String: (id: Int, task: Task<Void, Never>)] = [:]
    }

    private let tasks = Mutex(State())

    func start(order key: String? = nil, _ work: @escaping @Sendable () async -> Void) {
        tasks.withLock { state in
            let id = state.next
            state.next += 1
            let before = key.flatMap { state.lastOf[$0]?.task }
            // Registered under the lock, so the task's own removal always comes after.
            let task = Task.detached { [self] in
                await before?.value
                await work()
                tasks.withLock { state in
                    _ = state.running.removeValue(forKey: id)
                    if let key, state.lastOf[key]?.id == id { state.lastOf[key] = nil }
                }
            }
            state.running[id] = task
            if let key { state.lastOf[key] = (id, task) }
        }
    }

    /// At the loop's end: reads and scans are cancelled, and what was asked for last (a draft saved with
    /// the last keys) still reaches the store; blocks the terminal's thread for at most `timeout` seconds.
    func finish(timeout: Double) {
        let pending = tasks.withLock { Array($0.running.values) }
        guard !pending.isEmpty else { return }
        for task in pending { task.cancel() }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            for task in pending { await task.value }
            done.signal()
        }
        _ = done.wait(timeout: .now() + timeout)
    }
}
