/// Where a result goes: the upload's own `callback_url`, and the account-wide webhook with its shared secret.
struct DeliveryTarget: Sendable {
    var url: String
    var headers: [(String, String)]

    /// The upload's callback URL (when it sent one) and the configured account webhook (when there is one).
    static func all(callbackURL: String?, configuration: SimulatorConfiguration) -> [DeliveryTarget] {
        var targets: [DeliveryTarget] = []
        if let callbackURL, !callbackURL.isEmpty { targets.append(DeliveryTarget(url: callbackURL, headers: [])) }
        if let webhook = configuration.webhookURL, !webhook.isEmpty {
            let secret = configuration.webhookSecret.map { [("X-Inspekt-Secret", $0)] } ?? []
            targets.append(DeliveryTarget(url: webhook, headers: secret))
        }
        return targets
    }
}
