import Foundation

/// A small picture: width × height RGB pixels, row by row.
public struct Thumbnail: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// `width * height * 3` bytes, RGB.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (rgb[i], rgb[i + 1], rgb[i + 2])
    }
}

/// What the program learns from a photo file.
public struct PhotoFacts: Sendable, Hashable {
    public var mediaType: MediaType
    public var size: Int64
    public var pixelWidth: Int?
    public var pixelHeight: Int?
    public var captureTime: Date?
    public var thumbnail: Thumbnail?
    /// Variance of the Laplacian over the grey image; lower is blurrier.
    public var blurScore: Double?
    /// Mean luminance, 0...255.
    public var exposure: Double?

    public init(
        mediaType: MediaType, size: Int64, pixelWidth: Int? = nil, pixelHeight: Int? = nil,
        captureTime: Date? = nil, thumbnail: Thumbnail? = nil, blurScore: Double? = nil, exposure: Double? = nil
    ) {
        self.mediaType = mediaType
        self.size = size
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.captureTime = captureTime
        self.thumbnail = thumbnail
        self.blurScore = blurScore
        self.exposure = exposure
    }

    /// Below this Laplacian variance a photo is called "maybe blurred".
    public static let blurThreshold = 60.0

    public var sharpnessVerdict: String? {
        blurScore.map { $0 < PhotoFacts.blurThreshold ? "maybe blurred" : "sharp" }
    }

    public var exposureVerdict: String? {
        exposure.map { $0 < 60 ? "dark" : ($0 > 200 ? "bright" : "ok") }
    }
}
