import Foundation

/// Where an inspection stands, from the operator's first keystroke to the result.
public enum InspectionState: String, CaseIterable, Sendable, Codable, Hashable {
    case draft
    case ready
    case uploading
    case processing
    case available
    case rejected
    case failedRetryable = "failed-retryable"
    /// A body left whole, no answer came, and the service gives no way left to ask: the operator checks the portal.
    case mayHaveBeenAccepted = "may-have-been-accepted"

    /// Words for an operator.
    public var title: String {
        switch self {
        case .draft: "Draft"
        case .ready: "Ready"
        case .uploading: "Uploading"
        case .processing: "Processing"
        case .available: "Available"
        case .rejected: "Rejected"
        case .failedRetryable: "Failed"
        case .mayHaveBeenAccepted: "May have been accepted"
        }
    }

    /// Upload still owed: the submission queue picks these up on resume.
    public var isUnfinishedUpload: Bool { self == .ready || self == .uploading }

    /// States an upload attempt may start from (a retry, a resume, a confirmation).
    public static let uploadable: Set<InspectionState> = [.ready, .uploading, .failedRetryable, .mayHaveBeenAccepted]

    /// The upload was accepted: a session was spent.
    public var wasAccepted: Bool { self == .processing || self == .available || self == .rejected }
}

/// A photo chosen for a slot.
public struct PhotoSelection: Sendable, Codable, Hashable {
    public var slot: CoverageSlot
    /// Absolute path on the kiosk.
    public var path: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the file when it was chosen; nil until hashed.
    public var sha256: String?
    public var captureTime: Date?
    /// A video's length in seconds, read from its container when it was made ready and kept, so that it is still
    /// known once the file is moved or deleted; nil for a photo, or a container that records none.
    public var duration: Double?

    public init(slot: CoverageSlot, path: String, size: Int64 = 0, sha256: String? = nil, captureTime: Date? = nil) {
        self.slot = slot
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.captureTime = captureTime
    }

    /// The file's own name.
    public var fileName: String { (path as NSString).lastPathComponent }

    /// The part name on the wire: the slot and the original name, e.g. `front-left_IMG_0042.jpg`,
    /// so that the report can be matched back to the checklist.
    public var uploadName: String { "\(slot.rawValue)_\(fileName)" }
}

/// One inspection of one vehicle: one Inspektlabs session, one upload, one result.
public struct Inspection: Sendable, Codable, Hashable, Identifiable {
    /// Local identifier (a UUID string), stable from the first draft on.
    public var id: String
    public var facts: CaseFacts
    public var state: InspectionState
    public var photos: [PhotoSelection]
    /// The Inspektlabs session (the inspection id on the server) once one was fetched for it.
    public var session: String?
    /// Why required slots are missing, typed by the operator at submit time.
    public var missingReason: String?
    /// The last failure, in words, while `failedRetryable`.
    public var failureReason: String?
    public var result: ResultSummary?
    /// 0...1 while uploading.
    public var uploadFraction: Double?
    public var createdAt: Date
    public var updatedAt: Date
    /// When the operator archived it (hidden on the board, never deleted); nil when not archived.
    public var archivedAt: Date?
    /// What it compares when it is a comparison (API.md §5); nil for an ordinary inspection.
    public var compared: ComparedInspections?
    /// The kiosk that captured it (`INSPEKT_KIOSK_ID`); only that kiosk uploads it. Nil in a database
    /// from before fleet mode: then it is this kiosk's own.
    public var kiosk: String?
    /// True when it reads `uploading` but no live process holds its upload lock (the process was killed, or
    /// Ctrl-C): the upload was interrupted and waits for `r` or `inspekt resume`. Set by the service when it
    /// reads rows for a board or `status`; never stored.
    public var interrupted: Bool?

    /// The upload's process is gone (see `interrupted`).
    public var isInterruptedUpload: Bool { state == .uploading && interrupted == true }

    public init(
        id: String = UUID().uuidString, facts: CaseFacts, state: InspectionState = .draft,
        photos: [PhotoSelection] = [], session: String? = nil, missingReason: String? = nil,
        failureReason: String? = nil, result: ResultSummary? = nil, uploadFraction: Double? = nil,
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.facts = facts
        self.state = state
        self.photos = photos
        self.session = session
        self.missingReason = missingReason
        self.failureReason = failureReason
        self.result = result
        self.uploadFraction = uploadFraction
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Required slots that hold a photo.
    public var coveredRequired: Int {
        Set(photos.map(\.slot)).intersection(CoverageSlot.walkAround).count
    }

    /// Required slots still without a photo, in walk-around order.
    /// A video walk-around (API.md §7): its one selection is a video, on the `video` slot.
    public var isVideoWalkAround: Bool { photos.contains { $0.slot == .video } }

    public var missingSlots: [CoverageSlot] {
        let covered = Set(photos.map(\.slot))
        // A video walk-around films every side.
        if covered.contains(.video) { return [] }
        return CoverageSlot.walkAround.filter { !covered.contains($0) }
    }
}
