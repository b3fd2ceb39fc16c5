/// Why a simulator could not start.
public enum SimulatorError: Error, Sendable {
    case alreadyStarted
    case notListening
}
