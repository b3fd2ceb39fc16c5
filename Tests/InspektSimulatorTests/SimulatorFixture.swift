import Foundation
import InspektSimulator
import InspektTestSupport

/// Runs `body` against a fresh simulator and stops it afterwards, even when `body` throws.
func withSimulator<T>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(processingDelay: 0.2),
    _ body: (SimulatorHarness, SimulatorWire) async throws -> T
) async throws -> T {
    let harness = try await SimulatorHarness.start(configuration)
    do {
        let result = try await body(harness, SimulatorWire(baseURL: harness.baseURL))
        await harness.stop()
        return result
    } catch {
        await harness.stop()
        throw error
    }
}
