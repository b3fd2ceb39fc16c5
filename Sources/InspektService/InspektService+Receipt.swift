import Foundation
import InspektCore
import InspektStorage

extension InspektService {

    /// Writes a JSON receipt: case facts, files with slot and SHA-256, session, timestamps, result document.
    public func exportReceipt(id: String, to path: String) throws {
        guard let inspection = try store.inspection(id: id) else { throw ServiceError.notFound(id: id) }
        let formatter = ISO8601DateFormatter()
        var receipt: [String: Any] = [
            "id": inspection.id,
            "state": inspection.state.rawValue,
            "case": [
                "case_id": inspection.facts.caseID, "vehicle": inspection.facts.vehicle,
                "vehicle_type": inspection.facts.vehicleType?.rawValue ?? NSNull(),
                "agent_id": inspection.facts.agentID, "agent_name": inspection.facts.agentName,
                "email": inspection.facts.email, "notes": inspection.facts.notes,
            ] as [String: Any],
            "files": inspection.photos.map { photo -> [String: Any] in
                [
                    "slot": photo.slot.rawValue, "path": photo.path, "upload_name": photo.uploadName,
                    "size": photo.size, "sha256": photo.sha256 ?? NSNull(),
                ]
            },
            "session": inspection.session ?? NSNull(),
            "created_at": formatter.string(from: inspection.createdAt),
            "updated_at": formatter.string(from: inspection.updatedAt),
        ]
        if let pair = try store.comparedInspections(inspectionID: id) {
            // A comparison sends no photos of its own: the receipt names the two inspections it compares.
            receipt["compared"] = ["before": pair.before, "after": pair.after]
        }
        if let reason = inspection.missingReason { receipt["missing_reason"] = reason }
        if let reason = inspection.failureReason { receipt["failure_reason"] = reason }
        let events = (try? store.events(inspectionID: id)) ?? []
        if let accepted = events.last(where: { $0.kind == "accepted" }) {
            receipt["accepted_at"] = formatter.string(from: accepted.at)
        }
        if let received = events.last(where: { $0.kind == "result" }) {
            receipt["result_received_at"] = formatter.string(from: received.at)
        }
        if let document = try store.resultDocument(inspectionID: id) {
            // A document nested thousands deep is kept whole in the store; the receipt copies its first 256 levels.
            receipt["result"] =
                (try? JSONSerialization.jsonObject(with: JSONDepthLimit.flattened(document, maxDepth: 256))) ?? NSNull()
        }
        let data = try JSONSerialization.data(
            withJSONObject: receipt, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        // Private (0600) like the database it comes from, written whole, never through a link.
        try PrivateFile.write(data, to: path)
    }

    /// What `inspekt submit --json` prints once an upload was accepted: the inspection, its files with their
    /// SHA-256, the callback URL, and the request's own figures (first body byte to acceptance), absent
    /// when the acceptance was confirmed after a lost reply rather than by a request of this process.
    public func submitReceipt(id: String, session: String) async -> [String: Any] {
        let stored = try? store.inspection(id: id)
        var object: [String: Any] = [
            "id": id, "inspection_id": session, "case_id": stored?.facts.caseID ?? "",
            "state": stored?.state.rawValue ?? InspectionState.processing.rawValue,
            "photos": stored?.photos.count ?? 0,
            "files": (stored?.photos ?? []).map {
                ["slot": $0.slot.rawValue, "name": $0.uploadName, "size": $0.size, "sha256": $0.sha256 ?? ""]
                    as [String: Any]
            },
            "callback_url": (try? callbackURL(id: id)).flatMap { $0 } ?? "",
        ]
        if let receipt = await queue.lastUpload(inspectionID: id) {
            object["bytes"] = receipt.bodyBytes
            object["upload_seconds"] = receipt.uploadSeconds
        }
        return object
    }
}
