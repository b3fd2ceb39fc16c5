import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging
import PhotoKit

/// The service layer every front end drives: drafts, photo checks, uploads through the durable
/// queue, results from the receiver or a portal file, receipts; publishes `ServiceEvent`s.
public final class InspektService: Sendable {
    public let configuration: ServiceConfiguration
    // The store, the broker and the queues stay inside: front ends use the methods named for what an operator does.
    let store: any InspectionStore
    let broker: SessionBroker
    let queue: SubmissionQueue
    /// Sends comparisons (incremental damage), each exactly once.
    let comparisonQueue: ComparisonQueue
    let client: InspektlabsClient
    let dependencies: ServiceDependencies
    /// Where the service, the receiver and the run loop log (`inspekt.log` in the data directory).
    public let logger: Logger
    let hub = EventHub()
    let callbacks: CallbackAddresses
    /// Q Score (API.md §6) when `INSPEKT_QSCORE_URL` is set, with its answers cached by SHA-256; nil: off.
    let qScore: QScoreCheck?
    /// Every save and submit of a draft, held while the fleet database is away.
    let outbox = DraftOutbox()

    /// Wires the service; `dependencies` makes time, jitter and waiting injectable for tests.
    public init(
        configuration: ServiceConfiguration, store: any InspectionStore, client: InspektlabsClient, logger: Logger,
        dependencies: ServiceDependencies = .live
    ) {
        self.configuration = configuration
        self.store = store
        self.client = client
        self.dependencies = dependencies
        self.logger = logger
        let hub = hub
        broker = SessionBroker(
            store: store, client: client, apiKey: configuration.apiKey, clientID: configuration.clientID,
            safetyMargin: configuration.tokenSafetyMargin, now: dependencies.now, logger: logger,
            onFreshSession: { id, session, expiresAt in
                hub.publish(.sessionReady(inspectionID: id, session: session, expiresAt: expiresAt))
            })
        qScore = configuration.qScoreURL.map { QScoreCheck(baseURL: $0, apiKey: configuration.apiKey, logger: logger) }
        let callbacks = CallbackAddresses(base: configuration.effectiveCallbackBase, store: store)
        self.callbacks = callbacks
        queue = SubmissionQueue(
            store: store, client: client, broker: broker, configuration: configuration, dependencies: dependencies,
            hub: hub, logger: logger, callbackURL: callbacks.url(inspectionID:))
        comparisonQueue = ComparisonQueue(
            store: store, client: client, configuration: configuration, dependencies: dependencies, hub: hub,
            logger: logger, callbackURL: callbacks.url(inspectionID:))
        outbox.attach(self)
    }

    // MARK: Events

    /// A new stream of every event from now on; any number of subscribers may listen.
    public func events() -> AsyncStream<ServiceEvent> { hub.subscribe() }

    // MARK: Inspections

    /// Every inspection on this kiosk, newest first.
    public func inspections() throws -> [Inspection] { try store.inspections() }

    /// The newest `limit` inspections, newest first.
    public func newestInspections(limit: Int) throws -> [Inspection] { try store.newestInspections(limit: limit) }

    /// One inspection by its local id.
    public func inspection(id: String) throws -> Inspection? { try store.inspection(id: id) }

    /// A number that changes whenever another process (a receiver, a `resume`, a second board)
    /// commits to the store; this process's own writes arrive as events instead.
    public func changeMarker() throws -> Int { try store.changesByOtherConnections() }

    /// An inspection's history, oldest first.
    public func history(id: String) throws -> [InspectionEvent] { try store.events(inspectionID: id) }
}
