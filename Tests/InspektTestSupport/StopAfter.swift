/// Something a test starts that must be stopped before the test ends: a server, or a fixture holding one.
public protocol Stoppable: Sendable {
    func stop() async
}

extension SimulatorHarness: Stoppable {}

/// Runs `body`, then stops `resources` in the order given, awaited, on every path (also when `body` throws),
/// so that no server outlives its test.
public func stopAfter(
    _ resources: any Stoppable..., isolation: isolated (any Actor)? = #isolation, body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch {
        for resource in resources { await resource.stop() }
        throw error
    }
    for resource in resources { await resource.stop() }
}
