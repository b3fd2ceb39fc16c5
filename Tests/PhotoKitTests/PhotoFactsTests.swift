import Foundation
import InspektCore
import InspektTestSupport
@testable import PhotoKit
import Testing

@Suite struct PhotoFactsTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func fixture(
        _ name: String, width: Int = 640, height: Int = 480, captureTime: Date? = nil,
        pattern: PhotoFixtures.Pattern = .detailed
    ) throws -> String {
        let path = folder + "/" + name
        try PhotoFixtures.writeJPEG(
            to: path, width: width, height: height, seed: 7, captureTime: captureTime, pattern: pattern)
        return path
    }

    @Test func pixelSizeComesFromTheFile() throws {
        let facts = try PhotoInspector.facts(path: fixture("a.jpg", width: 640, height: 480))
        #expect(facts.mediaType == .jpeg)
        #expect(facts.pixelWidth == 640)
        #expect(facts.pixelHeight == 480)
        #expect(facts.size > 0)
    }

    @Test func captureTimeIsReadBack() throws {
        let time = Date(timeIntervalSince1970: 1_717_243_200)  // 2024-06-01 12:00:00 UTC
        let facts = try PhotoInspector.facts(path: fixture("t.jpg", captureTime: time))
        #expect(facts.captureTime == time)
    }

    @Test func noEXIFMeansNoCaptureTime() throws {
        #expect(try PhotoInspector.facts(path: fixture("n.jpg")).captureTime == nil)
    }

    @Test func thumbnailFitsTheRequestedSizeKeepingShape() throws {
        let wide = try PhotoInspector.facts(path: fixture("w.jpg", width: 640, height: 480))
        #expect(wide.thumbnail?.width == 32 && wide.thumbnail?.height == 24)
        #expect(wide.thumbnail?.rgb.count == 32 * 24 * 3)
        let tall = try PhotoInspector.facts(path: fixture("p.jpg", width: 480, height: 640))
        #expect(tall.thumbnail?.width == 18 && tall.thumbnail?.height == 24)
        let custom = try PhotoInspector.facts(
            path: fixture("c.jpg", width: 2000, height: 1000), thumbnailWidth: 40, thumbnailHeight: 40)
        #expect(custom.thumbnail?.width == 40 && custom.thumbnail?.height == 20)
        #expect(custom.pixelWidth == 2000)
    }

    @Test func thumbnailKeepsTheColours() throws {
        let path = folder + "/red.jpg"
        let red = [UInt8]((0..<(64 * 48)).flatMap { _ in [UInt8(220), 20, 20] })
        try Data(JPEGCodec.encode(rgb: red, width: 64, height: 48, quality: 90)).write(to: URL(fileURLWithPath: path))
        let thumbnail = try #require(try PhotoInspector.facts(path: path).thumbnail)
        let pixel = thumbnail.pixel(x: 10, y: 10)
        #expect(pixel.r > 180 && pixel.g < 60 && pixel.b < 60)
    }

    @Test func blurredPhotoScoresLowerThanSharpOne() throws {
        let sharp = try PhotoInspector.facts(path: fixture("sharp.jpg", pattern: .detailed))
        let soft = try PhotoInspector.facts(path: fixture("soft.jpg", pattern: .smooth))
        let sharpScore = try #require(sharp.blurScore)
        let softScore = try #require(soft.blurScore)
        #expect(softScore < sharpScore)
        #expect(sharp.sharpnessVerdict == "sharp")
        #expect(soft.sharpnessVerdict == "maybe blurred")
    }

    @Test func exposureVerdicts() throws {
        #expect(try PhotoInspector.facts(path: fixture("dark.jpg", pattern: .dark)).exposureVerdict == "dark")
        #expect(try PhotoInspector.facts(path: fixture("bright.jpg", pattern: .bright)).exposureVerdict == "bright")
        #expect(try PhotoInspector.facts(path: fixture("ok.jpg", pattern: .detailed)).exposureVerdict == "ok")
    }

    @Test func pngDimensionsComeFromIHDR() throws {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58, 8, 2, 0, 0, 0, 0, 0, 0, 0]  // 800 × 600
        let path = folder + "/shot.png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        let facts = try PhotoInspector.facts(path: path)
        #expect(facts.mediaType == .png)
        #expect(facts.pixelWidth == 800 && facts.pixelHeight == 600)
    }

    @Test func truncatedJPEGIsAnErrorNotACrash() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture("whole.jpg")))
        let path = folder + "/cut.jpg"
        try whole.prefix(200).write(to: URL(fileURLWithPath: path))
        #expect(PhotoInspector.check(path: path) == .success(.jpeg))
        // Cut inside its headers: incomplete, like a cut inside the image data.
        #expect(throws: FileProblem.incomplete(name: "cut.jpg")) { try PhotoInspector.facts(path: path) }
    }

    @Test func damagedHeadersAreAnErrorNotACrash() throws {
        let cases: [[UInt8]] = [
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00],  // impossible segment length
            [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0, 0],  // image data before any frame
            [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0, 0, 0, 0, 1, 1, 0x11, 0, 0xFF, 0xD9],  // zero pixels
            [0xFF, 0xD8, 0xFF, 0xC3, 0x00, 0x0B, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xFF, 0xD9],  // lossless coding
            [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0x41, count: 100),  // no frame, no image data
        ]
        for (i, bytes) in cases.enumerated() {
            let path = folder + "/bad\(i).jpg"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: DamagedPhoto.self) { try PhotoInspector.facts(path: path) }
        }
    }

    @Test func missingQuantisationTableIsRefused() throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("q.jpg", width: 32, height: 32))))
        // Turn every DQT marker into a COM marker: the frame then names tables nobody defined.
        var bytes = whole
        var i = 2
        while i + 3 < bytes.count, bytes[i] == 0xFF, bytes[i + 1] != 0xDA {
            if bytes[i + 1] == 0xDB { bytes[i + 1] = 0xFE }
            i += 2 + (Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]))
        }
        let path = folder + "/noquant.jpg"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: DamagedPhoto.self) { try PhotoInspector.facts(path: path) }
    }

    @Test func corruptImageDataStillGivesFactsOrAnError() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("noise.jpg"))))
        var state: UInt32 = 12345
        for i in stride(from: bytes.count / 2, to: bytes.count - 2, by: 97) {
            state = state &* 1_103_515_245 &+ 12345
            bytes[i] = UInt8(truncatingIfNeeded: state >> 16)
        }
        let path = folder + "/scrambled.jpg"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            let facts = try PhotoInspector.facts(path: path)
            #expect(facts.pixelWidth == 640)
        } catch {
            #expect(error is DamagedPhoto)
        }
    }

    @Test func damagedPhotoMessageTellsTheOperatorWhatToDo() {
        let problem = DamagedPhoto(name: "IMG\u{1B}[2J.jpg", reason: "cut off inside its headers")
        #expect(
            problem.description
                == "IMG\\e[2J.jpg looks damaged (cut off inside its headers): copy it again from the camera.")
    }
}

@Suite struct HeaderFactsTests {
    @Test func sizeAndTimeWithoutDecoding() throws {
        let folder = try PhotoFixtures.temporaryDirectory()
        let time = Date(timeIntervalSince1970: 1_717_243_200)
        let path = folder + "/h.jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 800, height: 600, seed: 3, captureTime: time)
        let facts = try PhotoInspector.headerFacts(path: path)
        #expect(facts.mediaType == .jpeg)
        #expect(facts.pixelWidth == 800 && facts.pixelHeight == 600)
        #expect(facts.captureTime == time)
        #expect(facts.thumbnail == nil && facts.blurScore == nil)
        #expect(throws: FileProblem.missing(name: "gone.jpg")) {
            try PhotoInspector.headerFacts(path: folder + "/gone.jpg")
        }
    }

    @Test func samplePhotosGiveTheSameTimeBothWays() throws {
        let folder = SamplePhotoTests.folder
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".jpg") {
            let path = folder + "/" + name
            let quick = try PhotoInspector.headerFacts(path: path)
            let full = try PhotoInspector.facts(path: path)
            #expect(quick.captureTime == full.captureTime && quick.captureTime != nil)
            #expect(quick.pixelWidth == full.pixelWidth && quick.pixelHeight == full.pixelHeight)
        }
    }
}
