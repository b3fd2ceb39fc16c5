import Foundation
import InspektCore
import InspektTestSupport
@testable import PhotoKit
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checks' bounded read (`PhotoInspector.judged`): the verdicts a whole decode gives, from the top of the
/// picture only.
@Suite struct JudgedPhotoTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func fixture(
        _ name: String, width: Int = 640, height: Int = 480, pattern: PhotoFixtures.Pattern = .detailed,
        quality: Int = 85
    ) throws -> String {
        let path = folder + "/" + name
        try PhotoFixtures.writeJPEG(
            to: path, width: width, height: height, seed: 7, quality: quality, pattern: pattern)
        return path
    }

    @Test func smallPhotosAreJudgedAsTheWholeDecodeJudgesThem() throws {
        for pattern in [PhotoFixtures.Pattern.detailed, .smooth, .dark, .bright] {
            let path = try fixture("\(pattern).jpg", pattern: pattern)
            let whole = try PhotoInspector.facts(path: path)
            let judged = try PhotoInspector.judged(path: path)
            #expect(judged.pixelWidth == 640 && judged.pixelHeight == 480)
            #expect(judged.sharpnessVerdict == whole.sharpnessVerdict, "\(pattern)")
            #expect(judged.exposureVerdict == whole.exposureVerdict, "\(pattern)")
            #expect(judged.thumbnail == nil)
        }
    }

    /// A photo larger than the budget: only its top is read, and its verdicts are still those of the whole.
    @Test func aLargePhotoIsReadOnlyAtItsTop() throws {
        for pattern in [PhotoFixtures.Pattern.detailed, .smooth, .dark] {
            let path = try fixture("large-\(pattern).jpg", width: 2400, height: 1800, pattern: pattern, quality: 100)
            let size = try #require(PhotoInspector.regularFileSize(path: path))
            let judged = try PhotoInspector.judged(path: path)
            let whole = try PhotoInspector.facts(path: path)
            #expect(judged.pixelWidth == 2400 && judged.pixelHeight == 1800)
            #expect(judged.sharpnessVerdict == whole.sharpnessVerdict, "\(pattern)")
            #expect(judged.exposureVerdict == whole.exposureVerdict, "\(pattern)")

            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            let band = try JPEGCodec.sampleGrey(
                fd: fd, sampleWidth: PhotoInspector.blurSampleWidth, minSampleRows: PhotoInspector.judgedMinimumRows,
                maxBytes: PhotoInspector.judgedBytes, maxPixels: PhotoInspector.maxDecodedPixels)
            // At 1/8: 300 wide. The smooth and dark pictures take less than the budget: read whole.
            #expect(band.width == 300)
            if pattern == .detailed {
                try #require(size > Int64(2 * PhotoInspector.judgedBytes))
                // The rows stop once the budget is read, well before the picture's 225; libjpeg reads 4 KiB at a
                // time and finishes the row it is in.
                #expect(band.height >= 10 && band.height < 225, "\(band.height) rows")
                #expect(band.bytesRead < PhotoInspector.judgedBytes + 64 * 1024, "\(band.bytesRead) of \(size)")
            } else {
                #expect(band.height == 225)
            }
        }
    }

    /// Whatever lies below the sampled band is not decoded: junk there (the end marker kept) is not read.
    @Test func bytesBelowTheBandAreNotDecoded() throws {
        let path = try fixture("junk-below.jpg", width: 2400, height: 1800, quality: 100)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 3 * PhotoInspector.judgedBytes)
        // 0xFF bytes followed by a non-zero, non-restart byte are markers libjpeg would stop at and warn about.
        for i in stride(from: 2 * PhotoInspector.judgedBytes, to: bytes.count - 3, by: 2) {
            (bytes[i], bytes[i + 1]) = (0xFF, 0xC4)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // Read whole, the junk is found.
        #expect(throws: (any Error).self) { try PhotoInspector.facts(path: path) }
        let judged = try PhotoInspector.judged(path: path)
        #expect(judged.sharpnessVerdict == "sharp")
        #expect(judged.exposureVerdict == "ok")
    }

    @Test func aPhotoCutShortIsIncomplete() throws {
        let path = try fixture("cut.jpg", width: 1200, height: 900)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        #expect(throws: FileProblem.incomplete(name: "cut.jpg")) { try PhotoInspector.judged(path: path) }
    }

    @Test func damagedHeadersAreDamageNotACrash() throws {
        let path = folder + "/damaged.jpg"
        // A JPEG's start, then a frame header that declares no components, then the end.
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x08, 0x08, 0x00, 0x10, 0x00, 0x10, 0x00, 0xFF, 0xD9]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: DamagedPhoto.self) { try PhotoInspector.judged(path: path) }
    }

    /// The band alone would call this photo blurred (noise that averages out at 1/8, on top); its lower half has
    /// hard edges, and the whole picture is sharp: the band's doubt is confirmed on the whole, and it clears.
    @Test func aDoubtfulBandIsDecidedByTheWholePicture() throws {
        let (width, height) = (2400, 1800)
        var random = SystemRandomNumberGenerator()
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let value: Int
                if y < height / 2 {
                    value = 128 + Int.random(in: -24...24, using: &random)
                } else {
                    value = (x / 40 + y / 40) % 2 == 0 ? 40 : 210
                }
                for c in 0..<3 { rgb[(y * width + x) * 3 + c] = UInt8(value) }
            }
        }
        let path = folder + "/noisy-top.jpg"
        try Data(JPEGCodec.encode(rgb: rgb, width: width, height: height, quality: 100))
            .write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let band = try JPEGCodec.sampleGrey(
            fd: fd, sampleWidth: PhotoInspector.blurSampleWidth, minSampleRows: PhotoInspector.judgedMinimumRows,
            maxBytes: PhotoInspector.judgedBytes, maxPixels: PhotoInspector.maxDecodedPixels)
        // The band is the noise alone, and by itself it scores as blurred.
        try #require(!band.whole && band.height < 225 / 2)
        let rows = band.height * PhotoInspector.blurSampleWidth / band.width
        let sample = ImageMetrics.downscale(
            band.grey, width: band.width, height: band.height, channels: 1, outWidth: PhotoInspector.blurSampleWidth,
            outHeight: rows)
        let bandScore = ImageMetrics.laplacianVariance(sample, width: PhotoInspector.blurSampleWidth, height: rows)
        #expect(bandScore < PhotoFacts.blurThreshold)
        #expect(try PhotoInspector.facts(path: path).sharpnessVerdict == "sharp")
        #expect(try PhotoInspector.judged(path: path).sharpnessVerdict == "sharp")
    }

    /// Noise all over (no edge survives at 1/8): the band's doubt is confirmed on the whole picture.
    @Test func aDoubtConfirmedOnTheWholePictureIsAFinding() throws {
        let (width, height) = (2400, 1800)
        var random = SystemRandomNumberGenerator()
        let rgb = (0..<(width * height)).flatMap { _ -> [UInt8] in
            let value = UInt8(128 + Int.random(in: -24...24, using: &random))
            return [value, value, value]
        }
        let path = folder + "/noise.jpg"
        try Data(JPEGCodec.encode(rgb: rgb, width: width, height: height, quality: 100))
            .write(to: URL(fileURLWithPath: path))
        let judged = try PhotoInspector.judged(path: path)
        #expect(judged.sharpnessVerdict == "maybe blurred")
        #expect(judged.sharpnessVerdict == (try PhotoInspector.facts(path: path)).sharpnessVerdict)
        #expect(judged.exposureVerdict == "ok")
    }
}
