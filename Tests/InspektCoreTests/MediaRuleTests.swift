import InspektCore
import Testing

@Suite struct MediaRuleTests {
    let jpegHeader: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)
    let pngHeader: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test func jpegNamedJpgPasses() {
        #expect(MediaRule.check(fileName: "IMG_1.JPG", size: 100, header: jpegHeader) == .success(.jpeg))
        #expect(MediaRule.check(fileName: "a.jfif", size: 100, header: jpegHeader) == .success(.jpeg))
    }

    @Test func textNamedJpgIsRefusedAsMismatch() {
        let result = MediaRule.check(fileName: "note.jpg", size: 12, header: Array("hello world\n".utf8))
        #expect(result == .failure(.contentMismatch(name: "note.jpg", claimed: .jpeg, actual: nil)))
        if case .failure(let problem) = result {
            #expect(problem.description.contains("not an image or video"))
        }
    }

    @Test func pngNamedJpgIsRefusedNamingBoth() {
        let result = MediaRule.check(fileName: "a.jpg", size: 100, header: pngHeader)
        guard case .failure(let problem) = result else {
            Issue.record("expected a refusal")
            return
        }
        #expect(problem.description.contains("jpeg"))
        #expect(problem.description.contains("png"))
    }

    @Test func emptyAndUnsupportedExtensions() {
        #expect(MediaRule.check(fileName: "a.jpg", size: 0, header: []) == .failure(.empty(name: "a.jpg")))
        #expect(
            MediaRule.check(fileName: "a.gif", size: 10, header: jpegHeader)
                == .failure(.unsupportedExtension(name: "a.gif")))
        #expect(
            MediaRule.check(fileName: "jpg", size: 10, header: jpegHeader)
                == .failure(.unsupportedExtension(name: "jpg")))
    }

    @Test func videosMustBeBetweenOneAndHundredMegabytes() {
        let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypisom".utf8)
        #expect(MediaRule.check(fileName: "v.mp4", size: 2_000_000, header: mp4) == .success(.mp4))
        #expect(
            MediaRule.check(fileName: "v.mp4", size: 500_000, header: mp4)
                == .failure(.videoSize(name: "v.mp4", bytes: 500_000)))
    }

    @Test func problemTextEscapesFileNames() {
        let problem = FileProblem.empty(name: "\u{1B}]0;title\u{07}.jpg")
        #expect(!problem.description.contains("\u{1B}"))
        #expect(problem.description.contains("\\e]0;title\\x07.jpg"))
    }
}
