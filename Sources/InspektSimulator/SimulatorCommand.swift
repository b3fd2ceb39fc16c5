import ArgumentParser
import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `inspekt simulator`: a local Inspektlabs on loopback, for tests and demos. Its command line lives with the
/// simulator, so that the executable only lists it.
public struct SimulatorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run a local Inspektlabs API (authenticate, upload, result callbacks) with injectable faults.",
        discussion: """
            Speaks the API of API.md: every status and message, single-use sessions, the refresh_token \
            Bearer rule, JWTs with exp. Accepted uploads are listed at GET /__simulator/ledger; results \
            are POSTed to each upload's callback_url (and to --webhook) after the processing delay. Incremental damage \
            (/api/authenticate/incremental_damage, /api/incremental_damage) compares two accepted uploads of \
            one API key; its result lists only the later one's new damage.

            With --qscore-listen it also runs the Photo Quality host of API.md §6 on that second address \
            (/api/authenticate and /api/q_score, its own sessions and tokens; point INSPEKT_QSCORE_URL at it). \
            Its verdict comes from the photo: a JPEG comment (COM segment) holding "qscore" and key=value pairs \
            sets the figures, e.g. "qscore Q_score=2 blur=1" or "qscore orientation=Rear" (keys: Q_score, \
            orientation, blur, luma, angle, zoom). Without one, a demo sample photo shows the side of its slot and any \
            other photo the side its photo_tag names, with Q_score 4, blur 4 and luma 4; resolution is read from the \
            JPEG. Videos, files that are not the image their name says and JPEGs cut short get 400.
            """
    )

    @Option(help: ArgumentHelp("Address to listen on; port 0 picks a free one.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("api-key"), help: "An API key to accept (repeat for several; default demo-key).")
    var apiKeys: [String] = []

    @Option(name: .customLong("token-ttl"), help: "Lifetime of both tokens, in seconds.")
    var tokenTTL: Double = 900

    @Option(name: .customLong("processing-delay"), help: "Seconds between accepting an upload and POSTing its result.")
    var processingDelay: Double = 3

    @Option(
        name: .customLong("fail-rate"),
        help: "Share (0-1) of API requests answered 500 Server Side Issue before processing.")
    var failRate: Double = 0

    @Option(
        name: .customLong("drop-rate"),
        help: "Share (0-1) of accepted uploads whose reply is never sent (the connection closes).")
    var dropRate: Double = 0

    @Option(name: .customLong("max-drops"), help: "Drop at most this many replies.")
    var maxDrops: Int?

    @Option(help: "Seconds added before every API reply.")
    var latency: Double = 0

    @Option(help: "Read request bodies at most this many bytes per second.")
    var bandwidth: Int?

    @Option(name: .customLong("callback-retry-interval"), help: "Seconds between retries of a failed result delivery.")
    var callbackRetryInterval: Double = 3600

    @Option(name: .customLong("callback-retries"), help: "How many times a failed result delivery is retried.")
    var callbackRetries: Int = 2

    @Option(help: "Seed for the fault dice, to repeat a run.")
    var seed: UInt64?

    @Option(
        name: .customLong("no-incremental-access"),
        help: "An API key whose account may not compare inspections (403 no access; repeatable).")
    var keysWithoutIncrementalAccess: [String] = []

    @Option(
        name: .customLong("drop-comparison-replies"),
        help: "The first N accepted comparisons (/api/incremental_damage) lose their reply: the connection closes.")
    var comparisonReplyDrops = 0

    @Option(
        name: .customLong("gateway-error-after-accept"),
        help:
            "Accept the first N uploads (they count and their sessions are spent), then answer each 504 as a gateway would."
    )
    var gatewayErrorAfterAccept: Int = 0

    @Option(
        name: .customLong("hold-accepted-reply"),
        help: "Seconds an accepted upload's reply is held back, after the upload is in the ledger.")
    var holdAcceptedReply: Double = 0

    @Option(
        name: .customLong("session-check-order"),
        help: ArgumentHelp(
            """
            For a spent session sent with a token of another session (a kiosk that renewed its tokens to confirm \
            a lost reply): spent-first answers 400 Inspection Id already exists, token-first answers 401 token \
            invalid. API.md does not say which Inspektlabs checks first.
            """, valueName: "spent-first|token-first"))
    var sessionCheckOrder = SessionCheckOrder.spentFirst.rawValue

    @Option(
        help: ArgumentHelp(
            "The account webhook: every result (inspections and comparisons) is also POSTed here, with the same retries.",
            valueName: "url"))
    var webhook: String?

    @Option(
        name: .customLong("webhook-secret"), help: "Sent with each webhook delivery as the X-Inspekt-Secret header.")
    var webhookSecret: String?

    @Option(
        name: .customLong("qscore-listen"),
        help: ArgumentHelp(
            "Also run the Q Score host (API.md §6) on this address; port 0 picks a free one.", valueName: "host:port"))
    var qScoreListen: String?

    @Option(
        name: .customLong("qscore-fault"),
        help: ArgumentHelp(
            "The Q Score host's fault: slow (answers after --qscore-slow-seconds), 500, 401 (refuses every token) or 403.",
            valueName: "none|slow|500|401|403"))
    var qScoreFault = QScoreFault.none.rawValue

    @Option(name: .customLong("qscore-slow-seconds"), help: "Seconds the slow Q Score fault waits before answering.")
    var qScoreSlowSeconds: Double = 8

    @Option(
        name: .customLong("qscore-bearer"),
        help: ArgumentHelp("Which token of the Q Score host's pair /api/q_score accepts.", valueName: "access|refresh"))
    var qScoreBearer = QScoreBearer.access.rawValue

    public init() {}

    public func validate() throws {
        guard Self.hostAndPort(listen) != nil else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got \"\(listen)\").")
        }
        for (name, rate) in [("--fail-rate", failRate), ("--drop-rate", dropRate)] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1.")
        }
        for (name, value) in [
            ("--token-ttl", tokenTTL), ("--processing-delay", processingDelay), ("--latency", latency),
        ]
        where value < 0 {
            throw ValidationError("\(name) cannot be negative.")
        }
        if tokenTTL <= 0 { throw ValidationError("--token-ttl must be more than 0 seconds.") }
        if let bandwidth, bandwidth <= 0 { throw ValidationError("--bandwidth must be more than 0 bytes per second.") }
        if let maxDrops, maxDrops < 0 { throw ValidationError("--max-drops cannot be negative.") }
        if gatewayErrorAfterAccept < 0 { throw ValidationError("--gateway-error-after-accept cannot be negative.") }
        if callbackRetries < 0 { throw ValidationError("--callback-retries cannot be negative.") }
        if callbackRetryInterval < 0 { throw ValidationError("--callback-retry-interval cannot be negative.") }
        if comparisonReplyDrops < 0 { throw ValidationError("--drop-comparison-replies cannot be negative.") }
        if holdAcceptedReply < 0 { throw ValidationError("--hold-accepted-reply cannot be negative.") }
        if SessionCheckOrder(rawValue: sessionCheckOrder) == nil {
            throw ValidationError(
                "--session-check-order must be spent-first or token-first (got \"\(sessionCheckOrder)\").")
        }
        if let webhook, !webhook.lowercased().hasPrefix("http://") {
            throw ValidationError("--webhook must be an http:// URL, e.g. http://127.0.0.1:8787/webhook.")
        }
        if webhookSecret != nil, webhook == nil { throw ValidationError("--webhook-secret needs --webhook.") }
        if let qScoreListen, Self.hostAndPort(qScoreListen) == nil {
            throw ValidationError("--qscore-listen must be HOST:PORT, e.g. 127.0.0.1:8081 (got \"\(qScoreListen)\").")
        }
        if QScoreFault(rawValue: qScoreFault) == nil {
            throw ValidationError(
                "--qscore-fault must be one of: \(QScoreFault.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if QScoreBearer(rawValue: qScoreBearer) == nil {
            throw ValidationError("--qscore-bearer must be access or refresh.")
        }
        if qScoreSlowSeconds < 0 { throw ValidationError("--qscore-slow-seconds cannot be negative.") }
    }

    public func run() async throws {
        guard let (host, port) = Self.hostAndPort(listen) else { throw ExitCode.validationFailure }
        var configuration = SimulatorConfiguration(
            host: host, port: port, apiKeys: apiKeys.isEmpty ? ["demo-key"] : apiKeys, tokenTTL: tokenTTL,
            processingDelay: processingDelay, failRate: failRate, dropRate: dropRate, maxDrops: maxDrops,
            latency: latency, bandwidth: bandwidth, callbackRetryInterval: callbackRetryInterval,
            callbackRetries: callbackRetries, seed: seed, gatewayErrorsAfterAccept: gatewayErrorAfterAccept)
        configuration.keysWithoutIncrementalAccess = keysWithoutIncrementalAccess
        configuration.comparisonReplyDrops = comparisonReplyDrops
        configuration.webhookURL = webhook
        configuration.webhookSecret = webhookSecret
        configuration.acceptedReplyHold = holdAcceptedReply
        configuration.sessionCheckOrder = SessionCheckOrder(rawValue: sessionCheckOrder) ?? .spentFirst
        var logger = Logger(label: "inspekt.simulator") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info

        // Ignore the default action first, so that a signal during start-up is still seen below.
        let signals = Self.signalStream([SIGINT, SIGTERM])
        let simulator = InspektSimulator(configuration: configuration, logger: logger)
        let bound = try await simulator.start()
        // Written unbuffered: scripts and tests wait for this line on a pipe.
        FileHandle.standardOutput.write(Data("simulator listening on http://\(host):\(bound)\n".utf8))
        var qScore: QScoreSimulator?
        if let qScoreListen, let (qHost, qPort) = Self.hostAndPort(qScoreListen) {
            let quality = QScoreSimulator(
                configuration: QScoreConfiguration(
                    host: qHost, port: qPort, apiKeys: configuration.apiKeys,
                    bearer: QScoreBearer(rawValue: qScoreBearer) ?? .access,
                    fault: QScoreFault(rawValue: qScoreFault) ?? .none,
                    slowSeconds: qScoreSlowSeconds, tokenTTL: tokenTTL),
                logger: logger)
            let qBound = try await quality.start()
            FileHandle.standardOutput.write(Data("q score listening on http://\(qHost):\(qBound)\n".utf8))
            qScore = quality
        }
        for await number in signals.stream {
            logger.info("stopping", metadata: ["signal": "\(number)"])
            break
        }
        signals.cancel()
        await qScore?.stop()
        await simulator.stop()
        logger.info("simulator stopped")
    }

    /// `HOST:PORT` split; IPv6 hosts may be bracketed (`[::1]:8080`).
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        return (host, port)
    }

    /// Signals as an async stream, delivered by Dispatch instead of the default action.
    static func signalStream(_ numbers: [Int32]) -> (stream: AsyncStream<Int32>, cancel: () -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in numbers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        let held = sources
        return (
            stream,
            {
                for source in held { source.cancel() }; continuation.finish()
            }
        )
    }
}
