import Foundation
import InspektCore
import PhotoKit

/// A photo as the report embeds it: a `data:` URI (the report must open offline) and its pixel size.
public struct ReportImage: Sendable, Hashable {
    public var dataURI: String
    public var pixelWidth: Int?
    public var pixelHeight: Int?

    public init(dataURI: String, pixelWidth: Int?, pixelHeight: Int?) {
        self.dataURI = dataURI
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }

    /// A JPEG wider or taller than this is scaled down (by libjpeg, 1/2, 1/4 or 1/8) before it is embedded,
    /// so that a report of a dozen 20-megapixel photos stays a file one can e-mail.
    static let largestSide = 2000

    /// Reads the photo file on this kiosk; nil when it is gone or is not an image a browser shows.
    public static func load(path: String) -> ReportImage? {
        guard let facts = try? PhotoInspector.headerFacts(path: path), facts.mediaType.kind == .image,
            facts.size <= PhotoInspector.maxDecodedFileBytes,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        var bytes = data
        var width = facts.pixelWidth, height = facts.pixelHeight
        if facts.mediaType == .jpeg, let w = width, let h = height, max(w, h) > largestSide {
            var scale = 1
            while scale < 8, max(w, h) / scale > largestSide { scale *= 2 }
            if let decoded = try? JPEGCodec.decode([UInt8](data), scaleDenominator: scale),
                let smaller = try? JPEGCodec.encode(rgb: decoded.rgb, width: decoded.width, height: decoded.height, quality: 85)
            {
                bytes = Data(smaller)
                // Boxes in pixels refer to the photo as sent: keep its declared size for them.
                width = decoded.imageWidth
                height = decoded.imageHeight
            }
        }
        return ReportImage(
            dataURI: "data:\(facts.mediaType.mimeType);base64,\(bytes.base64EncodedString())", pixelWidth: width,
            pixelHeight: height)
    }
}
