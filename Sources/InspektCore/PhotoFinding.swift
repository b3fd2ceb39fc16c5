/// What the local checks found about one chosen photo, with the figure they measured.
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
        if case .tooSmall = kind { return true }
        return false
    }

    /// The finding in words with its figure, e.g. "200×150 px, under Inspektlabs' 320×240".
    public var detail: String {
        switch kind {
        case .tooSmall(let width, let height):
            "\(width)×\(height) px, under Inspektlabs' \(Self.minimumWidth)×\(Self.minimumHeight)"
        case .blurred(let score):
            "looks blurred (sharpness \(Int(score.rounded())), under \(Int(PhotoFacts.blurThreshold)))"
        case .dark(let brightness): Self.exposure("too dark", brightness)
        case .bright(let brightness): Self.exposure("too bright", brightness)
        case .duplicate(let slot, let fileName):
            "same picture as \(slot.title) (\(SafeText.escape(fileName)))"
        case .unreadable(let reason):
            "could not be checked: \(SafeText.escape(reason))"
        }
    }

    /// "too dark (brightness 31 of 255)": the mean brightness, as the operator's photo app shows it.
    private static func exposure(_ words: String, _ brightness: Double) -> String {
        "\(words) (brightness \(Int(brightness.rounded())) of 255)"
    }

    /// "IMG_0101.jpg (Front): too dark (brightness 31 of 255)".
    public var sentence: String { "\(SafeText.escape(fileName)) (\(slot.title)): \(detail)" }
}
