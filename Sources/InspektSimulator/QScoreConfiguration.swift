import Foundation

/// How the simulated Q Score host (API.md §6) behaves: where it listens, which keys and Bearer it takes, its fault.
public struct QScoreConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `QScoreSimulator.start()` returns the one bound.
    public var port: Int
    /// API keys its `/api/authenticate` accepts.
    public var apiKeys: [String]
    /// Which token of an issued pair `/api/q_score` takes as its Bearer (the docs name none; API.md's Choice: the
    /// client sends the access_token, then the refresh_token on 401).
    public var bearer: QScoreBearer
    public var fault: QScoreFault
    /// Seconds the `slow` fault waits before answering `/api/q_score` (over the client's 5 s).
    public var slowSeconds: Double
    /// Lifetime of both tokens, in seconds.
    public var tokenTTL: Double
    /// The demo's sample photos: a photo found there shows the side of the slot it was taken for.
    public var demoManifest: DemoManifest?

    public init(
        host: String = "127.0.0.1", port: Int = 0, apiKeys: [String] = ["demo-key"], bearer: QScoreBearer = .access,
        fault: QScoreFault = .none, slowSeconds: Double = 8, tokenTTL: Double = 900
    ) {
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.bearer = bearer
        self.fault = fault
        self.slowSeconds = slowSeconds
        self.tokenTTL = tokenTTL
    }
}

/// The token `/api/q_score` accepts.
public enum QScoreBearer: String, Sendable, CaseIterable {
    case access
    case refresh
}

/// A fault of the Q Score host, as `inspekt simulator --qscore-fault` names it.
public enum QScoreFault: String, Sendable, CaseIterable {
    case none
    /// `/api/q_score` answers only after `slowSeconds`.
    case slow
    /// Every call answers 500 `Server Side Issue`.
    case serverError = "500"
    /// `/api/q_score` refuses every token: 401 `token invalid` (the account is not allowed Q Score).
    case unauthorized = "401"
    /// `/api/q_score` answers 403 `no access`.
    case forbidden = "403"
}
