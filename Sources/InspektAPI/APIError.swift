import Foundation
import InspektCore

/// A failure of an Inspektlabs call: every documented reply text, plus what the network and the disk can do.
public enum APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 "Invalid API key": the key was missing or empty.
    case invalidAPIKey
    /// 401 "API Key not valid": the key is unknown or expired.
    case apiKeyNotValid
    /// 405 "method not allowed".
    case methodNotAllowed
    /// 401 "token invalid": missing, malformed or expired Bearer (or the access_token sent on upload).
    case tokenInvalid
    /// 400 "Please hit authenticate endpoint first and use session from there": the session was never issued.
    case sessionNotIssued
    /// 400 "Inspection Id already exists, please generate a new one": the session is spent.
    ///
    /// After a lost reply this means the earlier attempt was accepted; the service layer decides.
    case inspectionAlreadyExists
    /// 400 "Missing a required field".
    case missingRequiredField
    /// 400 "Unsupported file type: <name>", with the name the server gave.
    case unsupportedFileType(String)
    /// 400 "Too many files: at most 99 per request".
    case tooManyFiles
    /// 400 "Images and videos cannot be mixed".
    case mixedMedia
    /// 500 "Server Side Issue".
    case serverSideIssue
    /// 400 "Enter API Key" (incremental damage): the key was missing or empty.
    case enterAPIKey
    /// 403 "no access" (incremental damage): the account may not compare inspections.
    case noAccess
    /// 404 "cases not found" (incremental damage): a compared inspection is not one of this account.
    case casesNotFound
    /// Any other reply.
    case unexpected(status: Int, message: String)
    /// No reply came: the connection was refused, reset or closed.
    case connectionLost(String)
    /// No connection could be made to `host`: refused, timed out, or the name did not resolve (`reason` says which).
    case unreachable(host: String, reason: String)
    /// No byte moved either way for this many seconds.
    case stalled(seconds: Double)
    /// A photo vanished, changed or could not be read while it was being sent.
    case fileProblem(FileProblem)

    /// The reply texts of API.md, exactly.
    public enum Message {
        public static let invalidAPIKey = "Invalid API key"
        public static let apiKeyNotValid = "API Key not valid"
        public static let methodNotAllowed = "method not allowed"
        public static let tokenInvalid = "token invalid"
        public static let sessionNotIssued = "Please hit authenticate endpoint first and use session from there"
        public static let inspectionAlreadyExists = "Inspection Id already exists, please generate a new one"
        public static let missingRequiredField = "Missing a required field"
        public static let unsupportedFileTypePrefix = "Unsupported file type: "
        public static let tooManyFiles = "Too many files: at most 99 per request"
        public static let mixedMedia = "Images and videos cannot be mixed"
        public static let serverSideIssue = "Server Side Issue"
        public static let enterAPIKey = "Enter API Key"
        /// The incremental endpoint's longer variant starts with `apiKeyNotValid`.
        public static let apiKeyNotValidLong =
            "API Key not valid. Refresh the page and try again or Contact Inspektlabs Inc"
        public static let noAccess = "no access"
        public static let casesNotFound = "cases not found"
    }

    /// Maps a reply's status and message text to its error.
    public static func from(status: Int, message: String) -> APIError {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        func matches(_ documented: String) -> Bool {
            text.caseInsensitiveCompare(documented) == .orderedSame
        }
        if matches(Message.invalidAPIKey) { return .invalidAPIKey }
        if matches(Message.apiKeyNotValid) { return .apiKeyNotValid }
        if matches(Message.methodNotAllowed) { return .methodNotAllowed }
        if matches(Message.tokenInvalid) { return .tokenInvalid }
        if matches(Message.sessionNotIssued) { return .sessionNotIssued }
        if matches(Message.inspectionAlreadyExists) { return .inspectionAlreadyExists }
        if matches(Message.missingRequiredField) { return .missingRequiredField }
        if matches(Message.mixedMedia) { return .mixedMedia }
        if matches(Message.serverSideIssue) { return .serverSideIssue }
        if matches(Message.enterAPIKey) { return .enterAPIKey }
        if matches(Message.apiKeyNotValidLong) { return .apiKeyNotValid }
        if matches(Message.noAccess) { return .noAccess }
        if matches(Message.casesNotFound) { return .casesNotFound }
        if text.lowercased().hasPrefix(Message.unsupportedFileTypePrefix.lowercased()) {
            return .unsupportedFileType(String(text.dropFirst(Message.unsupportedFileTypePrefix.count)))
        }
        if text.lowercased().hasPrefix("too many files") { return .tooManyFiles }
        if status == 405 { return .methodNotAllowed }
        return .unexpected(status: status, message: text)
    }

    /// What happened and what to do next, in words for an operator.
    public var operatorMessage: String {
        switch self {
        case .invalidAPIKey:
            "The Inspektlabs API key is missing or empty. Set INSPEKT_API_KEY to the key from your Inspektlabs account."
        case .apiKeyNotValid:
            "Inspektlabs does not accept the API key (unknown or expired). Check INSPEKT_API_KEY, or ask your Inspektlabs contact for a new key."
        case .methodNotAllowed:
            "Inspektlabs refused the request method. Check INSPEKT_BASE_URL points at the Inspektlabs API."
        case .tokenInvalid:
            "Inspektlabs did not accept the upload token (expired or invalid). The upload will sign in again and retry."
        case .sessionNotIssued:
            "Inspektlabs does not know this inspection's session. The upload will sign in again for a new session and retry."
        case .inspectionAlreadyExists:
            "Inspektlabs already has this inspection: an earlier attempt was accepted. Wait for its result on the board."
        case .missingRequiredField:
            "The upload was incomplete (a required field or the photos were missing). Check the case id and photos, then retry."
        case .unsupportedFileType(let name):
            "Inspektlabs refused \(SafeText.escape(name)): not an image or video it accepts. Remove or replace that photo, then retry."
        case .tooManyFiles:
            "Too many photos for one inspection: at most \(InspectionLimits.maxPhotos) are allowed. Remove some, then retry."
        case .mixedMedia:
            "Photos and videos cannot be sent in the same inspection. Keep only photos (or only videos), then retry."
        case .serverSideIssue:
            "Inspektlabs had a problem on its side; nothing needs to change here before trying again."
        case .enterAPIKey:
            "The Inspektlabs API key is missing or empty. Set INSPEKT_API_KEY to the key from your Inspektlabs account."
        case .noAccess:
            "This Inspektlabs account has no access to incremental damage (comparing inspections). Ask your Inspektlabs contact to enable it."
        case .casesNotFound:
            "Inspektlabs does not know one of the two inspections in this account. Check both inspection ids (each must be an accepted upload of this API key)."
        case .unexpected(let status, let message):
            "Inspektlabs answered with an unexpected reply (HTTP \(status): \(SafeText.escape(String(message.prefix(200))))). Retry later; if it persists, contact support."
        case .connectionLost:
            "The connection to Inspektlabs was lost before a reply came; check the network if this repeats."
        case .unreachable(let host, let reason):
            "Inspektlabs at \(SafeText.escape(host)) cannot be reached (\(SafeText.escape(reason))). Check the network or INSPEKT_BASE_URL."
        case .stalled(let seconds):
            "The connection to Inspektlabs stopped moving (no data for \(Int(seconds.rounded())) seconds). The network may be down: check it."
        case .fileProblem(let problem):
            "\(problem.description) The upload was stopped."
        }
    }

    /// Whether trying again (possibly after signing in again) can succeed without the operator changing anything.
    public var isRetryable: Bool {
        switch self {
        case .tokenInvalid, .sessionNotIssued, .serverSideIssue, .connectionLost, .unreachable, .stalled: true
        case .unexpected(let status, _): status >= 500 || status == 408 || status == 429
        case .invalidAPIKey, .apiKeyNotValid, .methodNotAllowed, .inspectionAlreadyExists, .missingRequiredField,
            .unsupportedFileType, .tooManyFiles, .mixedMedia, .fileProblem, .enterAPIKey, .noAccess, .casesNotFound:
            false
        }
    }

    /// A short technical account for the log file.
    public var description: String {
        switch self {
        case .invalidAPIKey: "400 \(Message.invalidAPIKey)"
        case .apiKeyNotValid: "401 \(Message.apiKeyNotValid)"
        case .methodNotAllowed: "405 \(Message.methodNotAllowed)"
        case .tokenInvalid: "401 \(Message.tokenInvalid)"
        case .sessionNotIssued: "400 \(Message.sessionNotIssued)"
        case .inspectionAlreadyExists: "400 \(Message.inspectionAlreadyExists)"
        case .missingRequiredField: "400 \(Message.missingRequiredField)"
        case .unsupportedFileType(let name): "400 \(Message.unsupportedFileTypePrefix)\(SafeText.escape(name))"
        case .tooManyFiles: "400 \(Message.tooManyFiles)"
        case .mixedMedia: "400 \(Message.mixedMedia)"
        case .serverSideIssue: "500 \(Message.serverSideIssue)"
        case .enterAPIKey: "400 \(Message.enterAPIKey)"
        case .noAccess: "403 \(Message.noAccess)"
        case .casesNotFound: "404 \(Message.casesNotFound)"
        case .unexpected(let status, let message): "\(status) \(SafeText.escape(String(message.prefix(200))))"
        case .connectionLost(let detail): "connection lost: \(SafeText.escape(detail))"
        case .unreachable(let host, let reason): "unreachable: \(SafeText.escape(host)): \(SafeText.escape(reason))"
        case .stalled(let seconds): "stalled: no bytes moved for \(seconds) s"
        case .fileProblem(let problem): "file problem: \(problem.description)"
        }
    }
}
