import Foundation
import InspektService

/// Where this kiosk's results are received, and by which process, as `inspekt status` says it.
public enum ReceiverStatus {
    /// One sentence for the operator, in their language.
    public static func sentence(service: InspektService) -> String {
        guard service.receivesOwnResults else {
            return Terminal.words(
                "cli.receiver.fleet", ["base": service.configuration.callbackBase ?? "INSPEKT_CALLBACK_BASE"])
        }
        if let holder = ReceiverLock.holder(dataDirectory: service.configuration.dataDirectory) {
            let address = holder.address.map { "http://\($0)" } ?? Terminal.words("cli.receiver.starting")
            return Terminal.words(
                "cli.receiver.running", ["address": address, "holder": Terminal.language.receiver(holder)])
        }
        let waiting = (try? service.inspectionsWaitingForResults()) ?? 0
        guard waiting > 0 else { return Terminal.words("cli.receiver.none") }
        return Terminal.words("cli.receiver.none.waiting", count: waiting)
    }

    /// Results the webhook kept for an inspection not stored (yet), in words; nil when none waits.
    public static func unmatchedSentence(count: Int) -> String? {
        guard count > 0 else { return nil }
        let days = Int(InspektService.unmatchedResultLifetime / 86400)
        return Terminal.words("cli.receiver.unmatched", count: count, ["days": Terminal.language.number(days)])
    }

    /// `status --json`'s `unmatched_results`: `{"waiting", "expire_after_days"}`.
    public static func unmatchedJSON(count: Int) -> [String: Int] {
        ["waiting": count, "expire_after_days": Int(InspektService.unmatchedResultLifetime / 86400)]
    }

    /// `status --json`'s `receiver`: `{"pid", "mode", "address", "since"}`, `{"central": base}` in a fleet, or null.
    public static func json(service: InspektService) -> Any {
        guard service.receivesOwnResults else { return ["central": service.configuration.callbackBase ?? ""] }
        guard let holder = ReceiverLock.holder(dataDirectory: service.configuration.dataDirectory) else {
            return NSNull()
        }
        return [
            "pid": Int(holder.process.pid), "mode": holder.mode.rawValue,
            "address": holder.address.map { $0 as Any } ?? NSNull(),
            "since": ISO8601DateFormatter().string(from: holder.since),
        ] as [String: Any]
    }
}
