import CJPEGSupport
import Foundation

/// Why libjpeg could not decode or encode an image, in its own words.
public struct JPEGError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// RGB pixels as libjpeg produced them, possibly scaled down while decoding.
public struct DecodedImage: Sendable, Hashable {
    /// Pixel size of the decoded (scaled) image.
    public var width: Int
    public var height: Int
    /// Pixel size the file declares.
    public var imageWidth: Int
    public var imageHeight: Int
    /// `width * height * 3` bytes, RGB, row by row.
    public var rgb: [UInt8]
    /// The data ended before the image did (libjpeg warned of a premature end): the rest is grey.
    public var incomplete = false
}

/// The top rows of a JPEG, grey, as the checks sample them (`JPEGCodec.sampleGrey`).
public struct GreyBand: Sendable, Hashable {
    /// Pixel size of the rows decoded (scaled); `height` is how many rows were read, not the image's.
    public var width: Int
    public var height: Int
    /// Pixel size the file declares.
    public var imageWidth: Int
    public var imageHeight: Int
    /// `width * height` luma bytes, row by row.
    public var grey: [UInt8]
    /// How many bytes of the file libjpeg took in (its headers included).
    public var bytesRead: Int
    /// Every row of the picture was decoded (it took less than the budget).
    public var whole: Bool
    /// The data ended before the image did.
    public var incomplete = false
}

/// The one place PhotoKit talks to libjpeg.
public enum JPEGCodec {
    /// Decodes a JPEG held in memory at 1/`scaleDenominator` (1, 2, 4 or 8) of its size.
    public static func decode(_ data: [UInt8], scaleDenominator: Int = 1) throws(JPEGError) -> DecodedImage {
        try guardedDecode(data, scaleDenominator: scaleDenominator)
    }

    /// The top rows of a JPEG read from `fd`, grey, at the DCT scale that keeps them `sampleWidth` wide: at least
    /// `minSampleRows` at that width, then rows
    /// until `maxBytes` of the file were read (all of them when the image ends first). The rest is not read.
    /// An image of more than `maxPixels` gives its size and no rows.
    public static func sampleGrey(
        fd: Int32, sampleWidth: Int, minSampleRows: Int, maxBytes: Int, maxPixels: Int
    ) throws(JPEGError) -> GreyBand {
        var image = inspekt_jpeg_image()
        let status = inspekt_jpeg_sample_grey(
            fd, Int32(clamping: sampleWidth), Int32(clamping: minSampleRows), UInt(maxBytes), UInt(maxPixels), &image)
        defer { inspekt_jpeg_free(&image) }
        guard status == 0 else { throw JPEGError(messageText(&image.message)) }
        let count = Int(image.width) * Int(image.height)
        return GreyBand(
            width: Int(image.width), height: Int(image.height),
            imageWidth: Int(image.image_width), imageHeight: Int(image.image_height),
            grey: image.rgb.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [],
            bytesRead: Int(image.bytes_read), whole: image.whole != 0, incomplete: image.premature_end != 0)
    }

    /// Encodes `width * height` RGB pixels as a baseline JPEG (for fixtures and sample files).
    public static func encode(rgb: [UInt8], width: Int, height: Int, quality: Int = 85) throws(JPEGError) -> [UInt8] {
        guard width > 0, height > 0, width <= 65_500, height <= 65_500, rgb.count == width * height * 3 else {
            throw JPEGError("cannot encode \(width)×\(height) from \(rgb.count) bytes of RGB")
        }
        let quality = min(max(quality, 1), 100)
        return try guardedEncode(rgb: rgb, width: width, height: height, quality: quality)
    }

    // libjpeg's fatal errors end the process unless caught with setjmp, which only C can do:
    // CJPEGSupport owns that, and keeps libjpeg's warnings off a curses screen's stderr.
    private static func guardedDecode(_ data: [UInt8], scaleDenominator: Int) throws(JPEGError) -> DecodedImage {
        var image = inspekt_jpeg_image()
        let status = data.withUnsafeBufferPointer { buffer in
            inspekt_jpeg_decode(buffer.baseAddress, UInt(buffer.count), Int32(scaleDenominator), &image)
        }
        defer { inspekt_jpeg_free(&image) }
        guard status == 0, let pixels = image.rgb else {
            throw JPEGError(messageText(&image.message))
        }
        let count = Int(image.width) * Int(image.height) * 3
        return DecodedImage(
            width: Int(image.width), height: Int(image.height),
            imageWidth: Int(image.image_width), imageHeight: Int(image.image_height),
            rgb: Array(UnsafeBufferPointer(start: pixels, count: count)),
            incomplete: image.premature_end != 0
        )
    }

    private static func guardedEncode(rgb: [UInt8], width: Int, height: Int, quality: Int) throws(JPEGError) -> [UInt8]
    {
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize: UInt = 0
        var message = [CChar](repeating: 0, count: Int(INSPEKT_JPEG_MESSAGE_LENGTH))
        let status = rgb.withUnsafeBufferPointer { buffer in
            inspekt_jpeg_encode(
                buffer.baseAddress, Int32(width), Int32(height), Int32(quality), &output, &outputSize, &message)
        }
        defer { free(output) }
        guard status == 0, let output else {
            throw JPEGError(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(outputSize)))
    }

    private static func messageText<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
