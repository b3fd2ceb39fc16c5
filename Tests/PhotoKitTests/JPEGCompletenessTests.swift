import Foundation
import InspektCore
import InspektTestSupport
@testable import PhotoKit
import Testing

/// A JPEG that ends before its image does (a copy interrupted, a card pulled out) is "incomplete": libjpeg
/// would decode it with the missing part grey and every other check would pass it.
@Suite struct JPEGCompletenessTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    /// A 640×480 photo, and the same bytes cut to a third of their length.
    func wholeAndThird() throws -> (whole: String, third: String) {
        let whole = folder + "/whole.jpg"
        try PhotoFixtures.writeJPEG(to: whole, width: 640, height: 480, seed: 11)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let third = folder + "/third.jpg"
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: third))
        return (whole, third)
    }

    @Test func aJPEGCutToAThirdIsIncompleteToEveryCheck() throws {
        let (whole, third) = try wholeAndThird()
        // The header alone still looks like a photo: that is why it passed before.
        #expect(PhotoInspector.check(path: third) == .success(.jpeg))
        #expect(PhotoInspector.endsBeforeImage(path: third))
        #expect(PhotoInspector.checkWhole(path: third) == .failure(.incomplete(name: "third.jpg")))
        #expect(throws: FileProblem.incomplete(name: "third.jpg")) { try PhotoInspector.facts(path: third) }
        #expect(FileProblem.incomplete(name: "third.jpg").shortReason == "incomplete")

        #expect(!PhotoInspector.endsBeforeImage(path: whole))
        #expect(PhotoInspector.checkWhole(path: whole) == .success(.jpeg))
        #expect(try PhotoInspector.facts(path: whole).pixelWidth == 640)
    }

    @Test func libjpegSaysTheDataEndedEarlyInsteadOfOnlyFillingGrey() throws {
        let (whole, third) = try wholeAndThird()
        let cut = try [UInt8](Data(contentsOf: URL(fileURLWithPath: third)))
        // libjpeg decodes it without an error: only its warning tells.
        let decoded = try JPEGCodec.decode(cut)
        #expect(decoded.width == 640 && decoded.height == 480)
        #expect(decoded.incomplete)
        #expect(!(try JPEGCodec.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: whole))))).incomplete)
    }

    @Test func bytesAfterTheEndOfThePictureDoNotMakeItIncomplete() throws {
        // A picture followed by 400 KB of other data (as a phone's trailer), past the first look's 256 KiB.
        let trailer = folder + "/trailer.jpg"
        try PhotoFixtures.writeJPEG(to: trailer, approximateBytes: 400_000, seed: 3, width: 320, height: 240)
        #expect(!PhotoInspector.endsBeforeImage(path: trailer))
        #expect(PhotoInspector.checkWhole(path: trailer) == .success(.jpeg))

        let (whole, _) = try wholeAndThird()
        var padded = try Data(contentsOf: URL(fileURLWithPath: whole))
        padded.append(Data(repeating: 0, count: 5000))
        let zeros = folder + "/zeros.jpg"
        try padded.write(to: URL(fileURLWithPath: zeros))
        #expect(!PhotoInspector.endsBeforeImage(path: zeros))
    }

    @Test func theEndMarkerOfAnExifThumbnailIsNotTheEndOfThePicture() throws {
        let thumbnail = folder + "/thumb.jpg"
        try PhotoFixtures.writeJPEG(to: thumbnail, width: 64, height: 48, seed: 5)
        let (whole, _) = try wholeAndThird()
        let picture = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        // An APP1 segment right after the start marker holding a whole JPEG, end marker included.
        let embedded = Array("Exif".utf8) + [0, 0] + (try [UInt8](Data(contentsOf: URL(fileURLWithPath: thumbnail))))
        let length = embedded.count + 2
        let withThumbnail =
            [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + embedded + picture.dropFirst(2)
        #expect(JPEGStructure.endsBeforeImage(withThumbnail) == false)
        // Cut at two thirds: the thumbnail's end marker is still in the file, the picture's is not.
        let cut = Array(withThumbnail.prefix(withThumbnail.count * 2 / 3))
        #expect(cut.count > embedded.count + 6)
        #expect(JPEGStructure.endsBeforeImage(cut))
        let path = folder + "/thumbnail-cut.jpg"
        try Data(cut).write(to: URL(fileURLWithPath: path))
        #expect(PhotoInspector.checkWhole(path: path) == .failure(.incomplete(name: "thumbnail-cut.jpg")))
    }
}
