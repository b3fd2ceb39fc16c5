import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import Logging

/// Uploads inspections durably: every step is in SQLite before it happens, so that a run can
/// stop anywhere (error, quit, kill -9) and the next run continues without a second inspection.
/// What follows each attempt is decided by `UploadOutcomePolicy`; faults are retried with exponential
/// backoff and jitter up to `maxAttempts`; then the inspection waits in failed-retryable (or, when its
/// upload may have been accepted and cannot be confirmed, in may-have-been-accepted) until the operator acts.
public actor SubmissionQueue {
    /// The upload loop each run follows; it keeps nothing between runs, so one serves every inspection.
    private let work: AttemptLoop<PhotoUpload>
    private var running: [String: Task<AttemptLoop<PhotoUpload>.Outcome, any Error>] = [:]
    private var receipts: [String: UploadReceipt] = [:]

    init(
        store: any InspectionStore, client: InspektlabsClient, broker: SessionBroker,
        configuration: ServiceConfiguration,
        dependencies: ServiceDependencies, hub: EventHub, logger: Logger,
        callbackURL: @escaping @Sendable (String) throws -> String?
    ) {
        work = AttemptLoop(
            request: PhotoUpload(client: client, store: store), store: store, broker: broker,
            configuration: configuration,
            dependencies: dependencies, hub: hub, logger: logger, callbackURL: callbackURL)
    }

    /// Uploads one inspection until it is accepted (returns its session) or out of attempts
    /// (throws `ServiceError.uploadFailed`); a second call while one runs joins the first.
    public func run(inspectionID: String) async throws -> String {
        if let task = running[inspectionID] { return try await task.value.session }
        let work = work
        let task = Task { try await work.perform(inspectionID: inspectionID) }
        running[inspectionID] = task
        defer { running[inspectionID] = nil }
        let outcome = try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
        if let receipt = outcome.receipt { receipts[inspectionID] = receipt }
        return outcome.session
    }

    /// Inspection ids being uploaded by this process now.
    public var inFlight: [String] { Array(running.keys) }

    /// What the last upload accepted in this process sent for an inspection (digests, bytes, time);
    /// nil when it was accepted without a request of this process completing (e.g. after a lost reply).
    public func lastUpload(inspectionID: String) -> UploadReceipt? { receipts[inspectionID] }
}
