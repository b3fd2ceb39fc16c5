import Foundation
import InspektPostgres
import InspektStorage

/// Everything the service layer needs to know, read once from the environment.
public struct ServiceConfiguration: Sendable {
    public var apiKey: String
    public var baseURL: String
    public var clientID: String?
    public var dataDirectory: String
    /// Public URL prefix of the callback receiver, e.g. `https://kiosk.example.com:8787`.
    public var callbackBase: String?
    /// `HOST:PORT` the receiver listens on.
    public var receiverListen: String?
    /// Shared secret of the account-wide `/webhook`; nil refuses every webhook call.
    public var webhookSecret: String?
    /// No bytes moving for this many seconds ends an attempt.
    public var stallTimeout: Double = 30
    /// Attempts per run of the queue before an inspection waits in failed-retryable.
    public var maxAttempts: Int = 6
    /// First backoff delay in seconds; doubles per attempt, with jitter.
    public var baseBackoff: Double = 1.0
    /// Upper bound of one backoff delay in seconds.
    public var maxBackoff: Double = 60
    /// A token with less than this many seconds left is replaced before a request starts.
    public var tokenSafetyMargin: Double = 60
    /// Bytes read from a photo per upload chunk: 512 KiB sends as fast as 1 MiB on loopback (256 KiB was
    /// slower: more hops per byte) with half the chunk memory, a flat 2 MB with the reused buffers.
    public var uploadChunkSize: Int = 512 * 1024
    /// `INSPEKT_DATABASE_URL`: the fleet's PostgreSQL; nil keeps this kiosk's own SQLite file.
    public var databaseURL: DatabaseURL?
    /// How long an upload's bookkeeping waits for an unreachable fleet database before it gives up.
    public var databaseOutagePatience: Double = 600
    /// `INSPEKT_KIOSK_ID` (default: the host name and the machine id's first 8 digits, `KioskIdentity.defaultID`):
    /// recorded with every inspection this kiosk captures.
    public var kioskID: String = KioskIdentity.defaultID()
    /// The bare host name, which earlier versions recorded by default: still this kiosk's while the default id
    /// is in use (the SQLite file relabels its rows; a fleet database cannot tell clones apart, so it keeps them).
    public var formerKioskID: String? = KioskIdentity.formerDefaultID()
    /// `INSPEKT_QSCORE_URL`: the Photo Quality (Q Score) host, asked about every photo before a session is spent;
    /// nil leaves Q Score off.
    public var qScoreURL: String?

    public static let defaultBaseURL = "https://reports.inspektlabs.com"
    public static let defaultReceiverListen = "127.0.0.1:8787"

    public init(
        apiKey: String, baseURL: String = ServiceConfiguration.defaultBaseURL, clientID: String? = nil,
        dataDirectory: String, callbackBase: String? = nil, receiverListen: String? = nil,
        webhookSecret: String? = nil, stallTimeout: Double = 30, maxAttempts: Int = 6,
        baseBackoff: Double = 1.0, maxBackoff: Double = 60, tokenSafetyMargin: Double = 60
    ) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.clientID = clientID
        self.dataDirectory = dataDirectory
        self.callbackBase = callbackBase
        self.receiverListen = receiverListen
        self.webhookSecret = webhookSecret
        self.stallTimeout = stallTimeout
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
        self.tokenSafetyMargin = tokenSafetyMargin
    }

    /// Reads `INSPEKT_*` variables; a missing `INSPEKT_API_KEY` is an error naming the variable
    /// unless `requireAPIKey` is false (commands that never talk to Inspektlabs).
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment, requireAPIKey: Bool = true,
        machineIDFiles: [String] = KioskIdentity.machineIDFiles
    ) throws(ConfigurationError) -> ServiceConfiguration {
        func value(_ name: String) -> String? {
            guard let text = env[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        let key = value("INSPEKT_API_KEY")
        if key == nil && requireAPIKey { throw .missingAPIKey }
        let home = value("HOME") ?? NSHomeDirectory()
        let dataDirectory =
            value("INSPEKT_DATA_DIR").map { expandTilde($0, home: home) }
            ?? home + "/.local/share/inspekt"
        let baseURL = value("INSPEKT_BASE_URL") ?? defaultBaseURL
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw .invalid(variable: "INSPEKT_BASE_URL", reason: "it must start with http:// or https://")
        }
        var callbackBase = value("INSPEKT_CALLBACK_BASE")
        if let base = callbackBase {
            guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
                throw .invalid(variable: "INSPEKT_CALLBACK_BASE", reason: "it must start with http:// or https://")
            }
            while callbackBase?.hasSuffix("/") == true { callbackBase?.removeLast() }
        }
        let listen = value("INSPEKT_RECEIVER_LISTEN")
        if let listen, ListenAddress(listen) == nil {
            throw .invalid(
                variable: "INSPEKT_RECEIVER_LISTEN", reason: "it must look like HOST:PORT, e.g. 127.0.0.1:8787")
        }
        var maxAttempts = 6
        if let text = value("INSPEKT_MAX_ATTEMPTS") {
            guard let count = Int(text), (1...100).contains(count) else {
                throw .invalid(variable: "INSPEKT_MAX_ATTEMPTS", reason: "it must be a whole number from 1 to 100")
            }
            maxAttempts = count
        }
        var configuration = ServiceConfiguration(
            apiKey: key ?? "", baseURL: baseURL, clientID: value("INSPEKT_CLIENT_ID"),
            dataDirectory: dataDirectory, callbackBase: callbackBase, receiverListen: listen,
            webhookSecret: value("INSPEKT_WEBHOOK_SECRET"), maxAttempts: maxAttempts)
        configuration.kioskID = KioskIdentity.defaultID(machineIDFiles: machineIDFiles)
        configuration.formerKioskID = KioskIdentity.formerDefaultID(machineIDFiles: machineIDFiles)
        if let text = value("INSPEKT_DATABASE_URL") {
            do throws(DatabaseURL.Problem) {
                configuration.databaseURL = try DatabaseURL(text)
            } catch {
                throw .invalid(variable: "INSPEKT_DATABASE_URL", reason: error.description)
            }
        }
        if let qScore = value("INSPEKT_QSCORE_URL") {
            guard qScore.hasPrefix("http://") || qScore.hasPrefix("https://") else {
                throw .invalid(variable: "INSPEKT_QSCORE_URL", reason: "it must start with http:// or https://")
            }
            configuration.qScoreURL = qScore
        }
        if let kiosk = value("INSPEKT_KIOSK_ID") {
            guard kiosk.count <= 64, kiosk.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw .invalid(
                    variable: "INSPEKT_KIOSK_ID", reason: "it must be up to 64 letters, digits, '-', '_' or '.'")
            }
            configuration.kioskID = kiosk
            configuration.formerKioskID = nil
        }
        return configuration
    }

    /// The callback base to give Inspektlabs: the configured one, else the receiver's own address.
    public var effectiveCallbackBase: String {
        if let callbackBase { return callbackBase }
        return "http://" + (receiverListen ?? ServiceConfiguration.defaultReceiverListen)
    }

    private static func expandTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}

/// Configuration that cannot be used, in words that name the variable.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingAPIKey
    case invalid(variable: String, reason: String)

    public var description: String {
        switch self {
        case .missingAPIKey:
            "INSPEKT_API_KEY is not set: export INSPEKT_API_KEY=<your Inspektlabs API key> and run the command again."
        case .invalid(let variable, let reason):
            "\(variable) is not usable: \(reason)."
        }
    }
}

/// `HOST:PORT`, as given to `--listen` or `INSPEKT_RECEIVER_LISTEN`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
