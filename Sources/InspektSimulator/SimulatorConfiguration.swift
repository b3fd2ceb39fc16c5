import Foundation

/// How a simulator behaves: where it listens, which keys it knows, and which faults it injects.
public struct SimulatorConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `InspektSimulator.start()` returns the one bound.
    public var port: Int
    /// API keys that `/api/authenticate` accepts.
    public var apiKeys: [String]
    /// Lifetime of both tokens, in seconds (the real service: 15 minutes).
    public var tokenTTL: Double
    /// Seconds between accepting an upload and POSTing its result to `callback_url`.
    public var processingDelay: Double
    /// Share of API requests answered 500 "Server Side Issue" before anything is processed (0...1).
    public var failRate: Double
    /// Share of upload requests read and processed whose reply is never sent: the connection just closes (0...1).
    public var dropRate: Double
    /// At most this many replies are dropped; nil means no bound.
    public var maxDrops: Int?
    /// Seconds added before every API reply.
    public var latency: Double
    /// Bytes per second at which a request body is read; nil reads as fast as it comes.
    public var bandwidth: Int?
    /// Seconds between a failed result delivery and its next try.
    public var callbackRetryInterval: Double
    /// How many times a failed delivery is tried again (the real service: twice).
    public var callbackRetries: Int
    /// Seed for the fault dice, so a run can be repeated; nil draws one.
    public var seed: UInt64?
    /// API keys whose account has no access to incremental damage (403 `no access`).
    public var keysWithoutIncrementalAccess: [String] = []
    /// The first this many accepted comparisons (`/api/incremental_damage`) lose their reply: the connection closes.
    public var comparisonReplyDrops = 0
    /// The first this many accepted uploads are answered 504 by a "gateway": accepted and spent, but the client hears an error.
    public var gatewayErrorsAfterAccept: Int
    /// The first this many accepted comparisons are answered 504 by a "gateway", as `gatewayErrorsAfterAccept` for uploads.
    public var comparisonGatewayErrorsAfterAccept = 0
    /// The first this many upload requests are answered 500 "Server Side Issue", nothing processed (sessions are still issued).
    public var uploadServerErrors = 0
    /// The first this many comparison requests are answered 500 "Server Side Issue", nothing processed.
    public var comparisonServerErrors = 0
    /// Seconds an accepted upload's reply is held back (its ledger entry is already written): a client killed
    /// meanwhile has sent the whole body and heard nothing.
    public var acceptedReplyHold: Double = 0
    /// Which refusal wins for a spent session sent with a token of another session (API.md leaves it open).
    public var sessionCheckOrder: SessionCheckOrder = .spentFirst
    /// The account-wide webhook: every result (inspections and comparisons) is also POSTed here, with the same retries.
    public var webhookURL: String?
    /// Sent with each webhook delivery as the `X-Inspekt-Secret` header.
    public var webhookSecret: String?
    /// The demo's sample photos and what they show: photos found in it are answered from it (`inspekt demo`).
    public var demoManifest: DemoManifest?
    /// The simulator's wall clock: token lifetimes, session ids and acceptance times follow it. Tests about
    /// expiry give a clock they move forward instead of sleeping.
    public var now: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1", port: Int = 0, apiKeys: [String] = ["demo-key"], tokenTTL: Double = 900,
        processingDelay: Double = 3, failRate: Double = 0, dropRate: Double = 0, maxDrops: Int? = nil,
        latency: Double = 0, bandwidth: Int? = nil, callbackRetryInterval: Double = 3600, callbackRetries: Int = 2,
        seed: UInt64? = nil, gatewayErrorsAfterAccept: Int = 0, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.tokenTTL = tokenTTL
        self.processingDelay = processingDelay
        self.failRate = failRate
        self.dropRate = dropRate
        self.maxDrops = maxDrops
        self.latency = latency
        self.bandwidth = bandwidth
        self.callbackRetryInterval = callbackRetryInterval
        self.callbackRetries = callbackRetries
        self.seed = seed
        self.gatewayErrorsAfterAccept = gatewayErrorsAfterAccept
        self.now = now
    }
}
