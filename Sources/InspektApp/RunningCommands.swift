import Dispatch
import Synchronization

/// The commands the run loop started and that have not finished. Each runs as a task of its own, in
/// no particular order: work that must follow other work is one command, never two.
final class RunningCommands: Sendable {
    private let tasks = Mutex<(next: Int, running: [Int: Task<Void, Never>])>((0, [:]))

    func start(_ work: @escaping @Sendable () async -> Void) {
        tasks.withLock { state in
            let id = state.next
            state.next += 1
            // Registered under the lock, so the task's own removal always comes after.
            state.running[id] = Task.detached { [self] in
                await work()
                tasks.withLock { _ = $0.running.removeValue(forKey: id) }
            }
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
