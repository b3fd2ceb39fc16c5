/// A video walk-around as `status` and the board show it: its file, size and duration.
public struct VideoSummary: Sendable, Hashable {
    public var fileName: String
    public var size: Int64
    /// Seconds, read from the container; nil when the file is gone or records no duration.
    public var duration: Double?

    public init(fileName: String, size: Int64, duration: Double?) {
        self.fileName = fileName
        self.size = size
        self.duration = duration
    }

    /// "video 0:42", or "video" when the duration is not known.
    public var label: String { duration.map { "video \(VideoContainer.clock($0))" } ?? "video" }
}
