import InspektCore

/// What is known of the highlighted photo.
public enum PhotoFactsEntry: Sendable, Hashable {
    case loading
    case loaded(PhotoFacts)
    case failed(String)
}

/// Which half of the photos screen has the keys.
public enum PhotosFocus: Sendable, Hashable {
    case inbox, checklist
}

/// The photos screen: the inbox folder being browsed, the highlighted slot, the facts of photos looked at.
public struct PhotosState: Sendable, Hashable {
    /// The folder listed now.
    public var folder: String
    /// Its entries: ".." first below the root, then folders, then files newest first.
    public var items: [InboxItem] = []
    public var scanning = false
    public var scanError: String?
    public var list = ListView()
    /// Index into `CoverageSlot.allCases`.
    public var slotIndex = 0
    public var focus: PhotosFocus = .inbox
    /// The case id each photo was already sent with (another inspection, ready or further), by path; known by
    /// the file's bytes (SHA-256), so a copy under another name is marked too.
    public var sentWith: [String: String] = [:]
    /// The files asked about (`Command.findSentPhotos`) since the screen was entered, with the size asked at:
    /// a file that grew or changed is asked about again.
    public var sentAsked: [String: Int64] = [:]
    /// Hide photos already sent (`s`, remembered on this kiosk).
    public var hideSent = false
    /// Files still being written (their size changed since the last poll, or they changed just now): not pickable.
    public var arriving: Set<String> = []
    /// Sizes at the last poll, to see which files still grow.
    public var polledSizes: [String: Int64] = [:]
    /// A poll of the folder is on its way.
    public var polling = false
    /// Facts per path (loaded when a file is highlighted).
    public var facts: [String: PhotoFactsEntry] = [:]
    /// The last highlighted entry whose preview was complete (see `preview`).
    public var previewed: InboxItem?
    /// Q Score (`INSPEKT_QSCORE_URL`) is on: each photo put on a slot is checked in the background.
    public var qScoreOn = false
    /// What Q Score said of each photo put on a slot, by path (kept across drafts; the service caches by SHA-256).
    public var qScores: [String: QScoreMark] = [:]
    /// "Not checked" was said once already.
    public var qScoreSkipSaid = false

    public init(folder: String) {
        self.folder = folder
    }

    public var slot: CoverageSlot { CoverageSlot.allCases[max(0, min(slotIndex, CoverageSlot.allCases.count - 1))] }

    /// The highlighted inbox entry.
    public var highlighted: InboxItem? { list.selectedSource.map { items[$0] } }

    /// The entry the preview shows: the highlighted one, or while its facts are read the one shown before, so
    /// that a move repaints only what differs between the two, never "Reading…" and back.
    public var preview: InboxItem? {
        guard let item = highlighted else { return nil }
        if facts[item.path] == .loading, let previewed { return previewed }
        return item
    }

    /// Remembers the highlighted entry once its preview is complete; called after every update.
    mutating func notePreview() {
        guard let item = highlighted, facts[item.path] != .loading, previewed != item else { return }
        previewed = item
    }
}
