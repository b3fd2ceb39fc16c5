import Foundation

/// Bytes sent so far for one upload, file by file.
public struct UploadProgress: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        public var name: String
        public var sent: Int64
        public var total: Int64
        public init(name: String, sent: Int64, total: Int64) {
            self.name = name
            self.sent = sent
            self.total = total
        }
    }

    public var files: [File]
    /// Index of the file whose bytes are on the wire now; nil before the first and after the last.
    public var current: Int?

    public init(files: [File], current: Int? = nil) {
        self.files = files
        self.current = current
    }

    public var sent: Int64 { files.reduce(0) { $0 + $1.sent } }
    public var total: Int64 { files.reduce(0) { $0 + $1.total } }
    public var fraction: Double { total == 0 ? 0 : Double(sent) / Double(total) }
}

/// What the service layer publishes for the UI and the CLI to observe.
public enum ServiceEvent: Sendable, Hashable {
    /// An inspection was created or changed (state, facts, photos, result).
    case inspectionChanged(Inspection)
    /// A session was fetched for an inspection; the token expires at the date given.
    case sessionReady(inspectionID: String, session: String, expiresAt: Date)
    case uploadProgress(inspectionID: String, UploadProgress)
    /// An attempt failed and another follows after `delay` seconds.
    case retryScheduled(inspectionID: String, attempt: Int, delay: Double, reason: String)
    case uploadAccepted(inspectionID: String, session: String)
    case uploadFailed(inspectionID: String, reason: String)
    case resultReceived(inspectionID: String, ResultSummary)
    /// Another process is uploading this inspection (it holds the lock); `holder` says which, in words.
    case uploadBusy(inspectionID: String, holder: String?)
    /// The fleet database went away or answers again, or what waits for it changed (`DraftOutbox`).
    case database(DatabaseReach)
    /// A draft kept while the database was away could not be saved or sent once it answered (a photo deleted
    /// meanwhile, say); its file stays in `held-drafts/`. `reason` is in words.
    case heldDraftFailed(caseID: String, reason: String)
}

/// One line of an inspection's history, as the detail screen shows it.
public struct InspectionEvent: Sendable, Codable, Hashable {
    public var at: Date
    public var kind: String
    public var detail: String

    public init(at: Date, kind: String, detail: String) {
        self.at = at
        self.kind = kind
        self.detail = detail
    }
}
