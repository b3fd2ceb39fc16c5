import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import Logging
import NIOCore

/// Result callbacks: after the processing delay, the result document is POSTed to the upload's `callback_url`
/// and to the account webhook.
extension InspektSimulator {
    func scheduleDelivery(entry: LedgerEntry, files: [ReceivedFile], to url: String?) {
        scheduleDelivery(
            SimulatedResult.document(for: entry, files: files, manifest: configuration.demoManifest),
            session: entry.session, to: url)
    }

    /// POSTs `document` to `url` (the upload's `callback_url`, if any) and to the account webhook (if configured)
    /// after the processing delay, each retried as Inspektlabs does.
    func scheduleDelivery(_ document: Data, session: String, to url: String?) {
        for target in DeliveryTarget.all(callbackURL: url, configuration: configuration) {
            scheduleDelivery(document, session: session, to: target)
        }
    }

    private func scheduleDelivery(_ document: Data, session: String, to target: DeliveryTarget) {
        let id = nextDeliveryID
        nextDeliveryID += 1
        let configuration = configuration
        let logger = logger
        deliveries[id] = Task { [weak self] in
            do {
                try await Task.sleep(for: .seconds(configuration.processingDelay))
                try await CallbackDelivery.deliver(
                    document, to: target.url, headers: target.headers, retries: configuration.callbackRetries,
                    interval: configuration.callbackRetryInterval, logger: logger)
            } catch {
                logger.debug("result delivery abandoned", metadata: ["session": "\(session)"])
            }
            await self?.deliveryFinished(id)
        }
    }

    private func deliveryFinished(_ id: Int) { deliveries[id] = nil }

    /// Waits until every scheduled result delivery has ended: delivered, or given up after its retries.
    public func deliveriesFinished() async {
        while let delivery = deliveries.values.first { await delivery.value }
    }
}
