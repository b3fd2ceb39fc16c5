import Foundation
import Testing

@testable import InspektSimulator

@Suite("Multipart stream parser")
struct MultipartStreamParserTests {
    static func parse(_ body: [UInt8], boundary: String, chunkSize: Int) throws -> UploadForm {
        var parser = MultipartStreamParser(boundary: boundary)
        var form = UploadForm()
        var index = 0
        while index < body.count {
            let end = min(body.count, index + chunkSize)
            try parser.feed(body[index..<end]) { form.handle($0) }
            index = end
        }
        try parser.finish()
        return form
    }

    @Test("fields and files come out the same whatever the chunk size")
    func chunkSizes() throws {
        // File bytes that contain CRLFs, dashes and a near-miss of the boundary.
        var content = TestImages.jpeg(width: 400, height: 300, seed: 9, padding: 3000)
        content.insert(contentsOf: Array("\r\n--boundar\r\n--\r\n".utf8), at: 200)
        var form = MultipartForm()
        form.field("type", "file")
        form.field("session", "in1234")
        form.field("case_id", "CASE-1")
        form.file("front_a.jpg", content)
        form.file("rear_b.jpg", Array(content.reversed()))
        let finished = form.finished()
        let expectedHashes = [sha256Hex(content), sha256Hex(Array(content.reversed()))]
        for chunkSize in [1, 2, 3, 7, 64, 1000, 1 << 20] {
            let parsed = try Self.parse(finished.bytes, boundary: finished.boundary, chunkSize: chunkSize)
            #expect(parsed.field("type") == "file", "chunk \(chunkSize)")
            #expect(parsed.field("session") == "in1234")
            #expect(parsed.field("case_id") == "CASE-1")
            #expect(parsed.files.map(\.name) == ["front_a.jpg", "rear_b.jpg"])
            #expect(parsed.files.map(\.size) == [Int64(content.count), Int64(content.count)])
            #expect(parsed.files.map(\.sha256) == expectedHashes, "chunk \(chunkSize)")
            #expect(parsed.files.first?.dimensions == ImageDimensions(width: 400, height: 300))
        }
    }

    @Test("a preamble, quoted boundary and quoted file names with escapes are handled")
    func preambleAndQuoting() throws {
        let body = Array(
            ("This is a preamble.\r\n--b1\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a \\\"q\\\";x.jpg\"\r\n\r\n"
                + "DATA\r\n--b1--\r\nepilogue").utf8)
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data; boundary=\"b1\"") == "b1")
        #expect(MultipartStreamParser.boundary(fromContentType: "application/json") == nil)
        let parsed = try Self.parse(body, boundary: "b1", chunkSize: 5)
        #expect(parsed.files.map(\.name) == ["a \"q\";x.jpg"])
        #expect(parsed.files.first?.size == 4)
    }

    @Test("a body without its closing boundary is malformed")
    func truncated() {
        let body = Array("--b1\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nfile\r\n--b1\r\n".utf8)
        #expect(throws: MultipartStreamParser.ParseError.self) {
            _ = try Self.parse(body, boundary: "b1", chunkSize: 4)
        }
    }

    @Test("JPEG and PNG dimensions are read from the first bytes")
    func dimensions() {
        #expect(
            ImageDimensions.read(from: TestImages.jpeg(width: 4032, height: 3024)) == .init(width: 4032, height: 3024))
        #expect(ImageDimensions.read(from: TestImages.png(width: 320, height: 240)) == .init(width: 320, height: 240))
        #expect(ImageDimensions.read(from: Array("text".utf8)) == nil)
    }
}
