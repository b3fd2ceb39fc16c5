import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1

/// The incremental-damage calls of API.md §5: a session for a comparison, then the comparison itself.
extension InspektlabsClient {
    /// Fetches a new single-use session for a comparison (`POST /api/authenticate/incremental_damage`).
    public func authenticateIncremental(apiKey: String) async throws(APIError) -> AuthSession {
        try await requestSession(path: "/api/authenticate/incremental_damage", fields: ["key": apiKey])
    }

    /// Asks Inspektlabs to compare a later inspection with an earlier one (`POST /api/incremental_damage`);
    /// returns the comparison's session once accepted. Its result comes to the callback like any other. `wire` hears
    /// when the request's end was flushed to the socket and when the reply's head came, as for an upload.
    public func requestComparison(
        _ comparison: ComparisonRequest, auth: AuthSession,
        wire: @escaping @Sendable (UploadWireEvent) -> Void = { _ in }
    ) async throws(APIError) -> String {
        var fields = [
            "case_id": comparison.caseID, "session": comparison.session,
            "inspection_id_1": comparison.earlierInspectionID, "inspection_id_2": comparison.laterInspectionID,
        ]
        if let callbackURL = comparison.callbackURL { fields["callback_url"] = callbackURL }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) } catch {
            throw .unexpected(status: 0, message: "could not encode the request")
        }
        let headers: HTTPHeaders = [
            "Authorization": "Bearer \(auth.uploadBearer)", "Content-Type": "application/json",
            "Accept": "application/json",
        ]
        logger.debug(
            "incremental damage",
            metadata: [
                "session": "\(comparison.session)", "case": "\(SafeText.escape(comparison.caseID))",
                "earlier": "\(comparison.earlierInspectionID)", "later": "\(comparison.laterInspectionID)",
            ])
        // A small request: a deadline (connect plus stall time) ends one whose reply never comes. Its length is
        // given so that the moment all of it was written is heard (`wire`), as an upload's.
        let deadline = NIODeadline.now() + .milliseconds(Int64((connectTimeout + stallTimeout) * 1000))
        let reply = try await send(
            url: baseURL + "/api/incremental_damage", headers: headers,
            body: .byteBuffer(ByteBuffer(bytes: json)), monitor: TransferMonitor(files: [], wire: wire),
            deadline: deadline,
            bodyBytes: Int64(json.count))
        guard (200..<300).contains(reply.status) else {
            let error = Self.error(from: reply)
            logger.debug("incremental damage refused", metadata: ["status": "\(reply.status)", "error": "\(error)"])
            throw error
        }
        return (reply.json?["session"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? comparison.session
    }
}

/// What `POST /api/incremental_damage` carries: the comparison's own case and session, and the two inspections.
public struct ComparisonRequest: Sendable, Hashable {
    /// A case reference for the comparison itself.
    public var caseID: String
    /// The comparison's own session, from `authenticateIncremental`.
    public var session: String
    /// `inspection_id_1`: the earlier inspection (e.g. at pickup).
    public var earlierInspectionID: String
    /// `inspection_id_2`: the later inspection (e.g. at return).
    public var laterInspectionID: String
    /// Where the comparison's result is POSTed, besides the account webhook.
    public var callbackURL: String?

    public init(
        caseID: String, session: String, earlierInspectionID: String, laterInspectionID: String, callbackURL: String?
    ) {
        self.caseID = caseID
        self.session = session
        self.earlierInspectionID = earlierInspectionID
        self.laterInspectionID = laterInspectionID
        self.callbackURL = callbackURL
    }
}
