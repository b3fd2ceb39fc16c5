import Foundation

/// One entry of the inbox folder as the photo list shows it; the runtime maps a folder scan into these.
public struct InboxItem: Sendable, Hashable {
    /// The entry's own name, raw (escaped when drawn).
    public var name: String
    /// Absolute path.
    public var path: String
    public var isDirectory: Bool
    public var size: Int64
    public var modified: Date
    public var captureTime: Date?
    /// Why the file cannot be sent, in a few words ("not an image", "empty"), or nil when usable.
    public var problem: String?
    /// A video's length in seconds, read from its container; nil for photos and videos that record none.
    public var duration: Double?

    public init(
        name: String, path: String, isDirectory: Bool = false, size: Int64 = 0, modified: Date,
        captureTime: Date? = nil, problem: String? = nil, duration: Double? = nil
    ) {
        self.name = name
        self.path = path
        self.isDirectory = isDirectory
        self.size = size
        self.modified = modified
        self.captureTime = captureTime
        self.problem = problem
        self.duration = duration
    }

    /// Named as a video (mp4, webm, mov, mkv, avi); `problem` says whether its content agrees.
    public var isVideo: Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count > 1 && MediaType.claimed(byExtension: String(parts.last ?? ""))?.kind == .video
    }

    /// The time the list sorts and shows: capture time when known, else modification time.
    public var shownTime: Date { captureTime ?? modified }
}
