import InspektCore

/// The detail screen: history and result as loaded, how far it is scrolled, and its photos.
public struct DetailState: Sendable, Hashable {
    public var id: String?
    public var events: [InspectionEvent]?
    public var result: ResultSummary?
    public var scroll = 0
    /// Photo previews by path, as loaded.
    public var previews: [String: DetailPreview] = [:]
    /// Photos asked for (a preview or a failure comes back once each).
    public var requestedPreviews: Set<String> = []
    /// Photos that could not be read (gone from the kiosk, or not a picture).
    public var unreadablePhotos: Set<String> = []
    /// The highlighted damage line (an index into the result's damage placed on photos), for Enter.
    public var selectedDamage: Int?
    /// Whether the highlighted damage's photo is shown large with its box.
    public var zoomed = false
    /// Video walk-arounds' files as read when their detail opened (the duration from the container), by inspection id.
    public var videos: [String: VideoSummary] = [:]
    public init() {}
}

/// A photo as the detail shows it: a small picture and the photo's own pixel size (for boxes in pixels).
public struct DetailPreview: Sendable, Hashable {
    public var thumbnail: Thumbnail
    public var pixelWidth: Int?
    public var pixelHeight: Int?

    public init(thumbnail: Thumbnail, pixelWidth: Int?, pixelHeight: Int?) {
        self.thumbnail = thumbnail
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
}
