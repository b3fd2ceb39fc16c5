/// What the local checks found about one chosen photo, with the figure they measured. Said in words by
/// `Localizer.finding`, `.refusal` and `.detail` (InspektWords).
public struct PhotoFinding: Sendable, Hashable {
    /// The kinds of finding, each carrying its measurement.
    public enum Kind: Sendable, Hashable {
        /// Under Inspektlabs' smallest accepted size: it will surely be rejected.
        case tooSmall(width: Int, height: Int)
        /// Laplacian variance under `PhotoFacts.blurThreshold`.
        case blurred(score: Double)
        /// Mean brightness (0–255) under 60.
        case dark(brightness: Double)
        /// Mean brightness (0–255) over 200.
        case bright(brightness: Double)
        /// The same bytes as the photo on another slot.
        case duplicate(of: CoverageSlot, fileName: String)
        /// The pixels could not be read, so nothing could be measured.
        case unreadable(reason: String)
        /// The file ends before its picture does (a copy interrupted, a card pulled out): it cannot be sent.
        case incomplete
        /// The same bytes (SHA-256) were already sent with another inspection, `caseID`: a comparison of the
        /// two would prove nothing. Sent again only when the operator says so.
        case alreadySent(caseID: String)
    }

    public var slot: CoverageSlot
    public var path: String
    public var kind: Kind

    public init(slot: CoverageSlot, path: String, kind: Kind) {
        self.slot = slot
        self.path = path
        self.kind = kind
    }

    /// Inspektlabs' smallest accepted photo, either way round.
    public static let minimumWidth = 320
    public static let minimumHeight = 240

    /// The file's name, for messages.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Whether Inspektlabs will surely reject the photo: then it cannot be sent at all.
    public var blocksSubmit: Bool {
        switch kind {
        case .tooSmall, .incomplete: true
        default: false
        }
    }
}
