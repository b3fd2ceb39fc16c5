import Crypto
import Foundation
import InspektCore
import PhotoKit

/// A photo as the report embeds it: a `data:` URI (the report must open offline) and its pixel size.
public struct ReportImage: Sendable, Hashable {
    public var dataURI: String
    public var pixelWidth: Int?
    public var pixelHeight: Int?
    /// The embedded JPEG's bytes, for the close-ups on the first page; nil for other types.
    var jpeg: [UInt8]?

    public init(dataURI: String, pixelWidth: Int?, pixelHeight: Int?) {
        self.dataURI = dataURI
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }

    /// A JPEG wider or taller than this is scaled down (by libjpeg, 1/2, 1/4 or 1/8) before it is embedded,
    /// so that a report of a dozen 20-megapixel photos stays a file one can e-mail.
    static let largestSide = 2000

    /// Reads the photo file on this kiosk and embeds it only when its bytes are those sent: their SHA-256 is
    /// the one recorded at upload (and printed on the receipt). The bytes checked are the bytes embedded —
    /// the file is read once — so a file replaced meanwhile can never slip in under the original's boxes.
    public static func load(_ photo: PhotoSelection) -> ReportPhoto {
        if photo.slot == .video { return video(photo) }
        guard let size = PhotoInspector.regularFileSize(path: photo.path) else { return .missing }
        guard let expected = photo.sha256?.lowercased() else { return .unverified }
        guard size <= PhotoInspector.maxDecodedFileBytes, let data = FileManager.default.contents(atPath: photo.path)
        else {
            return size > PhotoInspector.maxDecodedFileBytes ? .tooLarge : .missing
        }
        guard sha256(data) == expected else { return .changed }
        guard let header = PhotoInspector.imageHeader(of: [UInt8](data)) else { return .notAnImage }
        var bytes = [UInt8](data)
        var width = header.width, height = header.height
        if header.mediaType == .jpeg, let w = width, let h = height, max(w, h) > largestSide {
            var scale = 1
            while scale < 8, max(w, h) / scale > largestSide { scale *= 2 }
            if let decoded = try? JPEGCodec.decode(bytes, scaleDenominator: scale),
                let smaller = try? JPEGCodec.encode(
                    rgb: decoded.rgb, width: decoded.width, height: decoded.height, quality: 85)
            {
                bytes = smaller
                // Boxes in pixels refer to the photo as sent: keep its declared size for them.
                width = decoded.imageWidth
                height = decoded.imageHeight
            }
        }
        var image = ReportImage(
            dataURI: "data:\(header.mediaType.mimeType);base64,\(Data(bytes).base64EncodedString())", pixelWidth: width,
            pixelHeight: height)
        if header.mediaType == .jpeg { image.jpeg = bytes }
        return .verified(image)
    }

    /// A video walk-around is never embedded (no decoder, and a browser may not play it): its bytes on this kiosk
    /// are only checked against the SHA-256 recorded when it was sent, for the receipt.
    static func video(_ video: PhotoSelection) -> ReportPhoto {
        guard PhotoInspector.regularFileSize(path: video.path) != nil else { return .missing }
        guard let expected = video.sha256?.lowercased() else { return .unverified }
        guard let actual = try? PhotoInspector.sha256(path: video.path) else { return .missing }
        return actual == expected ? .video : .changed
    }

    /// Lower-case hex SHA-256 of `data`.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A small picture of the photo around `box` (fractions of the photo), with where the box falls in it; nil
    /// when the photo is no JPEG or cannot be decoded.
    func closeUp(around box: DamageBox, width outWidth: Int = 240) -> (image: ReportImage, box: DamageBox)? {
        guard let jpeg, let decoded = try? JPEGCodec.decode(jpeg), decoded.width > 0, decoded.height > 0 else {
            return nil
        }
        // The box with as much again around it, at least a fifth of the photo each way, in a 4:3 frame.
        let frame = Self.frame(around: box, aspect: 4.0 / 3.0 * Double(decoded.height) / Double(decoded.width))
        let left = Int(frame.x * Double(decoded.width)), top = Int(frame.y * Double(decoded.height))
        let cropWidth = max(1, min(decoded.width - left, Int((frame.width * Double(decoded.width)).rounded())))
        let cropHeight = max(1, min(decoded.height - top, Int((frame.height * Double(decoded.height)).rounded())))
        let width = min(outWidth, cropWidth), height = max(1, cropHeight * width / cropWidth)
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let sourceY = top + y * cropHeight / height
            for x in 0..<width {
                let source = (sourceY * decoded.width + left + x * cropWidth / width) * 3
                let target = (y * width + x) * 3
                rgb[target] = decoded.rgb[source]
                rgb[target + 1] = decoded.rgb[source + 1]
                rgb[target + 2] = decoded.rgb[source + 2]
            }
        }
        guard let encoded = try? JPEGCodec.encode(rgb: rgb, width: width, height: height, quality: 85) else {
            return nil
        }
        let inFrame = DamageBox(
            x: (box.x - frame.x) / frame.width, y: (box.y - frame.y) / frame.height, width: box.width / frame.width,
            height: box.height / frame.height)
        let image = ReportImage(
            dataURI: "data:image/jpeg;base64,\(Data(encoded).base64EncodedString())", pixelWidth: width,
            pixelHeight: height)
        return (image, inFrame)
    }

    /// The part of a photo (fractions) a close-up of `box` shows: the box centred with room around it, `aspect`
    /// (height over width, in fractions) kept, within the photo.
    static func frame(around box: DamageBox, aspect: Double) -> DamageBox {
        var width = min(1, max(0.2, box.width * 2)), height = min(1, max(0.2, box.height * 2))
        if height < width * aspect { height = min(1, width * aspect) } else { width = min(1, height / aspect) }
        let x = min(max(0, box.x + box.width / 2 - width / 2), 1 - width)
        let y = min(max(0, box.y + box.height / 2 - height / 2), 1 - height)
        return DamageBox(x: x, y: y, width: width, height: height)
    }
}

/// What the report can show of a photo: the verified picture, or why it shows none.
public enum ReportPhoto: Sendable, Hashable {
    /// Its bytes are those sent (same SHA-256): shown.
    case verified(ReportImage)
    /// The file is no longer on this kiosk (moved, deleted, or captured on another kiosk).
    case missing
    /// The file's bytes changed since the upload: another picture under the same name.
    case changed
    /// No SHA-256 was recorded for it, so nothing can prove the file is the one sent.
    case unverified
    /// Larger than the report embeds.
    case tooLarge
    /// Its bytes are no picture a browser shows.
    case notAnImage
    /// A video walk-around whose bytes are those sent: it is described, never embedded.
    case video

    /// The picture, when it may be shown.
    public var image: ReportImage? {
        if case .verified(let image) = self { return image }
        return nil
    }

    /// Why the photo is not shown, in words, after its file name ("… has changed since it was sent").
    public var reason: String? {
        switch self {
        case .verified: nil
        case .missing: "is no longer on this kiosk"
        case .changed:
            "has changed on this kiosk since it was sent (its SHA-256 no longer matches the receipt): not shown"
        case .unverified: "cannot be verified (no SHA-256 was recorded when it was sent): not shown"
        case .tooLarge: "is too large to embed"
        case .notAnImage: "is not a picture a browser shows"
        case .video: "is a video walk-around: not embedded"
        }
    }

    /// The receipt's word for it.
    public var receiptWord: String {
        switch self {
        case .verified: "verified"
        case .missing: "not on this kiosk"
        case .changed: "changed since upload"
        case .unverified: "not verifiable"
        case .tooLarge: "too large to embed"
        case .notAnImage: "not a picture"
        case .video: "verified (video, not embedded)"
        }
    }
}
