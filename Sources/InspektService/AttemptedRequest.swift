import Foundation
import InspektAPI
import InspektCore

/// What differs between an upload and a comparison: what an attempt checks and sends. Everything else (the
/// session, the attempt records, the decision after each attempt, the back-off) is `AttemptLoop`'s, the same for both.
protocol AttemptedRequest: Sendable {
    /// What one attempt sends, gathered from the stored inspection before its session is asked for.
    associatedtype Payload: Sendable

    /// "upload" or "comparison": the word of the event log, the operator's reasons and the service log.
    var noun: String { get }
    /// The event an attempt's start is logged under.
    var startEvent: InspectionEventKind { get }

    /// Throws when this process may not send it at all (an upload's photos are on the kiosk that captured it).
    func checkSender(of inspection: Inspection) throws

    /// Checks the stored inspection and gathers what to send. Throws `AttemptRefusal` to leave the inspection
    /// failed with its reason; any other error ends the run and leaves the inspection as it is.
    func payload(for inspection: Inspection) throws -> Payload

    /// How many digests a whole body carries (one per photo): a lost reply keeps them for the acceptance.
    func digestCount(of payload: Payload) -> Int

    /// Sends one attempt. `beforeClosing` is awaited before the server can have the whole request (it notes the
    /// session's body sent); the tracker hears the wire (body flushed, reply head) and each file's digest as sent.
    func send(
        _ payload: Payload, of inspection: Inspection, session: String, auth: AuthSession, callbackURL: String?,
        tracker: UploadProgressTracker, beforeClosing: @escaping @Sendable () async throws -> Void
    ) async throws -> AttemptAccepted
}

/// A request the server accepted: the session it names, and what this process sent (an upload's digests).
struct AttemptAccepted: Sendable {
    var session: String
    var receipt: UploadReceipt?
}

/// A request that cannot be sent as it is stored (a photo gone, changed or invalid): the inspection fails with the reason.
struct AttemptRefusal: Error, Sendable {
    var reason: String
}
