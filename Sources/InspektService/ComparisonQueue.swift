import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// Sends comparisons (API.md §5) exactly once, through the same attempt loop as uploads: each has its own
/// single-use session from `/api/authenticate/incremental_damage`, written to the store before any request
/// carries it, and noted as maybe-accepted before the request can reach the server whole; a retry after a lost
/// reply uses that same session, so the service can only confirm the earlier request ("Inspection Id already
/// exists"), never make a second. What follows each attempt is `UploadOutcomePolicy`'s decision, as for an upload.
public actor ComparisonQueue {
    private let work: AttemptLoop<ComparisonAttempt>
    private var running: [String: Task<String, any Error>] = [:]

    init(
        store: any InspectionStore, client: InspektlabsClient, configuration: ServiceConfiguration,
        dependencies: ServiceDependencies, hub: EventHub, logger: Logger,
        callbackURL: @escaping @Sendable (String) throws -> String?
    ) {
        // Its own broker: comparison sessions come from their own endpoint, and are never an upload's.
        let broker = SessionBroker(
            store: store, client: client, apiKey: configuration.apiKey, clientID: nil, kind: .comparison,
            safetyMargin: configuration.tokenSafetyMargin, now: dependencies.now, logger: logger,
            onFreshSession: { id, session, expiresAt in
                hub.publish(.sessionReady(inspectionID: id, session: session, expiresAt: expiresAt))
            })
        work = AttemptLoop(
            request: ComparisonAttempt(client: client, store: store), store: store, broker: broker,
            configuration: configuration, dependencies: dependencies, hub: hub, logger: logger, callbackURL: callbackURL
        )
    }

    /// Sends one stored comparison until accepted (returns its session) or out of attempts (throws
    /// `ServiceError.uploadFailed`); a second call while one runs joins the first.
    public func run(comparisonID id: String) async throws -> String {
        if let task = running[id] { return try await task.value }
        let work = work
        let task = Task { try await work.perform(inspectionID: id).session }
        running[id] = task
        defer { running[id] = nil }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}

/// A comparison as the attempt loop's request: `POST /api/incremental_damage` naming the two inspections.
struct ComparisonAttempt: AttemptedRequest {
    let client: InspektlabsClient
    let store: any InspectionStore

    var noun: String { "comparison" }
    var startEvent: InspectionEventKind { .compare }

    /// A comparison has no photos: any process of the fleet may send it.
    func checkSender(of inspection: Inspection) throws {}

    func payload(for comparison: Inspection) throws -> ComparedInspections {
        guard let pair = try store.comparedInspections(inspectionID: comparison.id) else {
            throw ServiceError.notFound(id: comparison.id)
        }
        return pair
    }

    func digestCount(of pair: ComparedInspections) -> Int { 0 }

    func send(
        _ pair: ComparedInspections, of comparison: Inspection, session: String, auth: AuthSession,
        callbackURL: String?,
        tracker: UploadProgressTracker, beforeClosing: @escaping @Sendable () async throws -> Void
    ) async throws -> AttemptAccepted {
        let request = ComparisonRequest(
            caseID: comparison.facts.caseID, session: session, earlierInspectionID: pair.before,
            laterInspectionID: pair.after, callbackURL: callbackURL)
        // The request is small and leaves in one write: it is noted as maybe-accepted before any of it goes.
        try await beforeClosing()
        let accepted = try await client.requestComparison(request, auth: auth, wire: { tracker.wire($0) })
        return AttemptAccepted(session: accepted)
    }
}
