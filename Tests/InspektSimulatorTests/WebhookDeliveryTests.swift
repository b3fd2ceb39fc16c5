import Foundation
import InspektSimulator
import Testing

/// `inspekt simulator --webhook URL --webhook-secret S`: every result, of inspections and of comparisons, also
/// goes to the account webhook with the secret in `X-Inspekt-Secret`, retried like a `callback_url` delivery.
@Suite("Account webhook")
struct WebhookDeliveryTests {
    static let pickup = [("front_pickup.jpg", TestImages.jpeg(width: 640, height: 480, seed: 1))]
    static let dropOff = [("front_return.jpg", TestImages.jpeg(width: 640, height: 480, seed: 2))]

    func configuration(webhook: String, retries: Int = 2) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(
            processingDelay: 0.2, callbackRetryInterval: 0.2, callbackRetries: retries)
        configuration.webhookURL = webhook
        configuration.webhookSecret = "s3cret"
        return configuration
    }

    @Test("an upload's result goes to its callback_url and to the webhook, only the webhook carrying the secret")
    func inspectionResultGoesToBoth() async throws {
        try await withCatcher { catcher in
            let base = await catcher.baseURL
            try await withSimulator(configuration(webhook: base + "/webhook")) { _, wire in
                let session = try await wire.uploadInspection(
                    caseID: "PICKUP", files: Self.pickup, callbackURL: base + "/callbacks/t1")
                let deliveries = await catcher.waitFor(2, timeout: 15)
                #expect(deliveries.count == 2)
                let byPath = Dictionary(deliveries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
                let webhook = try #require(byPath["/webhook"])
                let callback = try #require(byPath["/callbacks/t1"])
                #expect(webhook.secret == "s3cret")
                #expect(callback.secret == nil, "the secret is the account's, never sent to a per-inspection URL")
                #expect(webhook.json["inspectionId"] as? String == session)
                #expect(webhook.body == callback.body, "the same result document")
            }
        }
    }

    @Test("a comparison's result goes to the webhook too, though its request named no callback_url")
    func comparisonResultGoesToTheWebhook() async throws {
        try await withCatcher { catcher in
            let base = await catcher.baseURL
            try await withSimulator(configuration(webhook: base + "/webhook")) { _, wire in
                let earlier = try await wire.uploadInspection(caseID: "PICKUP", files: Self.pickup)
                let later = try await wire.uploadInspection(caseID: "RETURN", files: Self.dropOff)
                let grant = try await wire.authenticateIncremental()
                let fields = [
                    "case_id": "CMP-1", "session": grant.session, "inspection_id_1": earlier, "inspection_id_2": later,
                ]
                #expect(try await wire.compare(bearer: grant.refreshToken, fields: fields).status == 200)
                let deliveries = await catcher.waitFor(3, timeout: 15)
                #expect(deliveries.count == 3)
                #expect(deliveries.allSatisfy { $0.path == "/webhook" && $0.secret == "s3cret" })
                let comparison = try #require(deliveries.first { $0.json["inspectionId"] as? String == grant.session })
                #expect(comparison.json["caseId"] as? String == "CMP-1")
                let incremental = comparison.json["incrementalDamage"] as? [String: Any]
                #expect(incremental?["inspectionId1"] as? String == earlier)
            }
        }
    }

    @Test("a webhook that answers 503 is tried again, with the secret each time, until it answers 2xx")
    func webhookRetried() async throws {
        try await withCatcher([503, 503]) { catcher in
            let base = await catcher.baseURL
            try await withSimulator(configuration(webhook: base + "/webhook", retries: 2)) { _, wire in
                let session = try await wire.uploadInspection(caseID: "PICKUP", files: Self.pickup)
                let deliveries = await catcher.waitFor(3, timeout: 15)
                #expect(deliveries.count == 3)
                #expect(
                    deliveries.allSatisfy { $0.secret == "s3cret" && $0.json["inspectionId"] as? String == session })
            }
        }
    }
}
