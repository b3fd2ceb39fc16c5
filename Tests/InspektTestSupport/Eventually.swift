/// Polls `condition` every `interval` until it holds or `timeout` seconds pass; returns whether it held.
///
/// Tests wait for something that happens (a callback arriving, a state reached, a server listening) with
/// this, never with a bare sleep: on a fast machine it returns at once, on a busy one it waits longer.
@discardableResult
public func eventually(
    timeout: Double = 10, every interval: Duration = .milliseconds(20), isolation: isolated (any Actor)? = #isolation,
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(timeout)
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}
