/// Images or videos: the API never mixes the two in one request.
public enum MediaKind: String, Sendable, Codable, Hashable {
    case image
    case video
}

/// The file types the API accepts, checked by extension and by the file's first bytes.
public enum MediaType: String, CaseIterable, Sendable, Codable, Hashable {
    case jpeg, png, heic, mp4, webm, mov, mkv, avi

    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "jfif", "heic"]
    public static let videoExtensions: Set<String> = ["mp4", "webm", "mov", "mkv", "avi"]

    public var kind: MediaKind {
        switch self {
        case .jpeg, .png, .heic: .image
        case .mp4, .webm, .mov, .mkv, .avi: .video
        }
    }

    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .heic: "image/heic"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        case .mov: "video/quicktime"
        case .mkv: "video/x-matroska"
        case .avi: "video/x-msvideo"
        }
    }

    /// The type an extension claims, or nil when the API does not accept it.
    public static func claimed(byExtension ext: String) -> MediaType? {
        switch ext.lowercased() {
        case "jpg", "jpeg", "jfif": .jpeg
        case "png": .png
        case "heic": .heic
        case "mp4": .mp4
        case "webm": .webm
        case "mov": .mov
        case "mkv": .mkv
        case "avi": .avi
        default: nil
        }
    }

    /// The type the first bytes of a file show, or nil when they match none the API accepts.
    public static func sniffed(from header: [UInt8]) -> MediaType? {
        func at(_ offset: Int, _ bytes: [UInt8]) -> Bool {
            header.count >= offset + bytes.count && Array(header[offset..<offset + bytes.count]) == bytes
        }
        if at(0, [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if at(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if at(0, [0x1A, 0x45, 0xDF, 0xA3]) {
            // EBML: webm and mkv share a container; the doctype tells them apart.
            let text = String(decoding: header.prefix(64), as: UTF8.self)
            return text.contains("webm") ? .webm : .mkv
        }
        if at(0, Array("RIFF".utf8)) && at(8, Array("AVI ".utf8)) { return .avi }
        if at(4, Array("ftyp".utf8)), header.count >= 12 {
            let brand = String(decoding: header[8..<12], as: UTF8.self)
            if ["heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis"].contains(brand) { return .heic }
            if brand == "qt  " { return .mov }
            return .mp4
        }
        return nil
    }

    /// Whether a file claimed as `claimed` may really hold `actual` (jpg/jpeg/jfif are one type; mp4/mov share a container).
    public static func agree(claimed: MediaType, actual: MediaType) -> Bool {
        if claimed == actual { return true }
        let isoFamily: Set<MediaType> = [.mp4, .mov]
        let ebmlFamily: Set<MediaType> = [.webm, .mkv]
        return (isoFamily.contains(claimed) && isoFamily.contains(actual))
            || (ebmlFamily.contains(claimed) && ebmlFamily.contains(actual))
    }
}

/// Why a file cannot be sent, in words.
public enum FileProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(name: String, reason: String)
    case missing(name: String)
    case empty(name: String)
    case notAFile(name: String)
    case unsupportedExtension(name: String)
    case contentMismatch(name: String, claimed: MediaType, actual: MediaType?)
    case videoSize(name: String, bytes: Int64)
    case alreadyUsed(name: String, slot: CoverageSlot)
    /// Rewritten after it was chosen (or while it was being sent); `detail` says how.
    case changed(name: String, detail: String)
    /// A JPEG that ends before its image does (a copy interrupted, a card pulled out): what is missing would
    /// reach Inspektlabs as grey.
    case incomplete(name: String)

    public var description: String {
        switch self {
        case .unreadable(let name, let reason):
            "\(SafeText.escape(name)) cannot be read (\(reason)): check the file's permissions."
        case .missing(let name):
            "\(SafeText.escape(name)) is no longer there: it was moved or deleted. Pick it again."
        case .empty(let name):
            "\(SafeText.escape(name)) is empty (0 bytes): copy the photo again from the camera."
        case .notAFile(let name):
            "\(SafeText.escape(name)) is not a regular file (a folder, pipe, device or socket), so it is not a photo; it was not opened."
        case .unsupportedExtension(let name):
            "\(SafeText.escape(name)) is not a type the service accepts (jpg, jpeg, png, jfif, heic; mp4, webm, mov, mkv, avi)."
        case .contentMismatch(let name, let claimed, let actual):
            if let actual {
                "\(SafeText.escape(name)) is named as \(claimed.rawValue) but holds \(actual.rawValue): rename it or pick another file."
            } else {
                "\(SafeText.escape(name)) is named as \(claimed.rawValue) but is not an image or video: pick another file."
            }
        case .videoSize(let name, let bytes):
            "\(SafeText.escape(name)) is \(bytes) bytes: videos must be more than 1 MB and less than 100 MB."
        case .alreadyUsed(let name, let slot):
            "\(SafeText.escape(name)) is already used for \(slot.title) in this case."
        case .changed(let name, let detail):
            "\(SafeText.escape(name)) changed after it was chosen (\(detail)), so it was not sent. Put the original file back, or choose the photo again."
        case .incomplete(let name):
            "\(SafeText.escape(name)) is incomplete: the file ends before its picture does (a copy interrupted, a card pulled out). Copy it again from the camera."
        }
    }

    /// A short label for a list column.
    public var shortReason: String {
        switch self {
        case .unreadable: "unreadable"
        case .missing: "missing"
        case .empty: "empty"
        case .notAFile: "not a photo"
        case .unsupportedExtension: "not an image"
        case .contentMismatch: "not an image"
        case .videoSize: "video size"
        case .alreadyUsed: "already used"
        case .changed: "changed"
        case .incomplete: "incomplete"
        }
    }
}

/// The pure part of the photo check: given a name, a size and the first bytes, may it be sent?
public enum MediaRule {
    /// How many leading bytes `check` needs.
    public static let headerLength = 64

    public static func check(fileName: String, size: Int64, header: [UInt8]) -> Result<MediaType, FileProblem> {
        let ext =
            fileName.split(separator: ".", omittingEmptySubsequences: false).count > 1
            ? String(fileName.split(separator: ".", omittingEmptySubsequences: false).last ?? "") : ""
        guard let claimed = MediaType.claimed(byExtension: ext) else {
            return .failure(.unsupportedExtension(name: fileName))
        }
        if size == 0 { return .failure(.empty(name: fileName)) }
        let actual = MediaType.sniffed(from: header)
        guard let actual, MediaType.agree(claimed: claimed, actual: actual) else {
            return .failure(.contentMismatch(name: fileName, claimed: claimed, actual: actual))
        }
        if actual.kind == .video && (size <= 1_000_000 || size >= 100_000_000) {
            return .failure(.videoSize(name: fileName, bytes: size))
        }
        return .success(actual)
    }
}
