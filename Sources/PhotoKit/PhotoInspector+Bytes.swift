import InspektCore

/// What a photo's bytes held in memory say, for code that must describe exactly the bytes it verified (the
/// report embeds only bytes whose SHA-256 it checked, so it may not read the file a second time).
extension PhotoInspector {
    /// The type and pixel size of a photo's bytes, without decoding pixels; nil when they are no JPEG or PNG.
    public static func imageHeader(of data: [UInt8]) -> (mediaType: MediaType, width: Int?, height: Int?)? {
        switch MediaType.sniffed(from: Array(data.prefix(64))) {
        case .jpeg?:
            let structure = try? JPEGStructure.parse(data, requireDecodable: false)
            let size = structure.flatMap { $0.width > 0 && $0.height > 0 ? ($0.width, $0.height) : nil }
            return (.jpeg, size?.0, size?.1)
        case .png?:
            let size = pngSize(Array(data.prefix(24)))
            return (.png, size?.0, size?.1)
        default:
            return nil
        }
    }
}
