import InspektCore
import TerminalUI

/// The side effects the run loop can ask for, as a struct of closures: the live value talks to
/// the service layer and PhotoKit; benchmarks use their own.
public struct AppEffects: Sendable {
    /// Carries out one command; its outcome (zero or more messages) goes to `post`.
    public var perform: @Sendable (_ command: Command, _ post: @escaping @Sendable (Message) -> Void) async -> Void
    /// The service's event stream, subscribed once when the loop starts.
    public var events: @Sendable () -> AsyncStream<ServiceEvent>
    /// Runs once the loop listens to events (e.g. starting the receiver, resuming unfinished uploads);
    /// what it has to tell the operator goes to `post`.
    public var startup: @Sendable (_ post: @escaping @Sendable (Message) -> Void) async -> Void
    /// Runs while the loop runs (cancelled at its end), posting what it notices, e.g. that
    /// another process changed the store.
    public var watch: @Sendable (_ post: @escaping @Sendable (Message) -> Void) async -> Void

    public init(
        perform: @escaping @Sendable (Command, @escaping @Sendable (Message) -> Void) async -> Void,
        events: @escaping @Sendable () -> AsyncStream<ServiceEvent> = { AsyncStream { $0.finish() } },
        startup: @escaping @Sendable (@escaping @Sendable (Message) -> Void) async -> Void = { _ in },
        watch: @escaping @Sendable (@escaping @Sendable (Message) -> Void) async -> Void = { _ in }
    ) {
        self.perform = perform
        self.events = events
        self.startup = startup
        self.watch = watch
    }
}
