import Foundation
import InspektCore
import InspektTestSupport
import PhotoKit
import Testing

@Suite struct PhotoCheckTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aRealJPEGPasses() throws {
        let path = folder + "/IMG_0001.jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 64, height: 48)
        #expect(PhotoInspector.check(path: path) == .success(.jpeg))
    }

    @Test func textNamedJPGIsRefusedWithAMessage() throws {
        let path = try write("notes.jpg", Array("hello, this is not a photo\n".utf8))
        let result = PhotoInspector.check(path: path)
        #expect(result == .failure(.contentMismatch(name: "notes.jpg", claimed: .jpeg, actual: nil)))
        guard case .failure(let problem) = result else { return }
        #expect(problem.description == "notes.jpg is named as jpeg but is not an image or video: pick another file.")
        #expect(problem.shortReason == "not an image")
    }

    @Test func pngNamedJPGIsRefused() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 40)
        let path = try write("photo.jpg", png)
        #expect(
            PhotoInspector.check(path: path)
                == .failure(.contentMismatch(name: "photo.jpg", claimed: .jpeg, actual: .png)))
    }

    @Test func emptyFileIsRefused() throws {
        let path = try write("empty.jpg", [])
        #expect(PhotoInspector.check(path: path) == .failure(.empty(name: "empty.jpg")))
    }

    @Test func missingFileIsRefused() {
        #expect(PhotoInspector.check(path: folder + "/gone.jpg") == .failure(.missing(name: "gone.jpg")))
    }

    @Test func directoryIsRefused() throws {
        try FileManager.default.createDirectory(atPath: folder + "/album.jpg", withIntermediateDirectories: false)
        #expect(PhotoInspector.check(path: folder + "/album.jpg") == .failure(.notAFile(name: "album.jpg")))
    }

    @Test func danglingSymlinkIsRefused() throws {
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/link.jpg", withDestinationPath: folder + "/nowhere.jpg")
        #expect(PhotoInspector.check(path: folder + "/link.jpg") == .failure(.missing(name: "link.jpg")))
    }

    @Test func fifoIsRefusedWithoutWaitingForAWriter() throws {
        let path = folder + "/pipe.jpg"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(PhotoInspector.check(path: path) == .failure(.notAFile(name: "pipe.jpg")))
        #expect(throws: FileProblem.notAFile(name: "pipe.jpg")) { try PhotoInspector.facts(path: path) }
    }

    @Test func unsupportedExtensionIsRefusedBeforeReading() throws {
        let path = try write("scan.gif", Array("GIF89a".utf8))
        #expect(PhotoInspector.check(path: path) == .failure(.unsupportedExtension(name: "scan.gif")))
    }

    /// root reads anything: as root, scripts/test runs this one as an unprivileged user, and a run that skips it fails.
    @Test(.enabled(if: geteuid() != 0, "root reads anything: scripts/test runs this as an unprivileged user"))
    func unreadableFileSaysWhy() throws {
        let path = folder + "/locked.jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 16, height: 16)
        #expect(chmod(path, 0) == 0)
        #expect(
            PhotoInspector.check(path: path) == .failure(.unreadable(name: "locked.jpg", reason: "Permission denied")))
    }

    @Test func sha256OfAKnownFile() throws {
        let path = try write("abc.jpg", Array("abc".utf8))
        #expect(
            try PhotoInspector.sha256(path: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func sha256AcrossSeveralChunks() throws {
        // 3,000,000 bytes: spans three 1 MiB reads; the expected value comes from Python's hashlib.
        let bytes = (0..<3_000_000).map { UInt8(($0 * 31 + 7) % 251) }
        let path = try write("big.bin", bytes)
        #expect(
            try PhotoInspector.sha256(path: path) == "07df1203cb40935e896dfe90feec56b49591a6ba7f70b20537165122234bc9c0")
    }

    @Test func sha256OfAMissingFileThrowsAProblem() {
        #expect(throws: FileProblem.missing(name: "none.jpg")) { try PhotoInspector.sha256(path: folder + "/none.jpg") }
    }

    @Test func bigFixtureIsAValidJPEGOfAboutTheRequestedSize() throws {
        let path = folder + "/big.jpg"
        try PhotoFixtures.writeJPEG(to: path, approximateBytes: 3_000_000, seed: 4)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(abs(size - 3_000_000) < 4096)
        #expect(PhotoInspector.check(path: path) == .success(.jpeg))
        let facts = try PhotoInspector.facts(path: path)
        #expect(facts.pixelWidth == 64 && facts.pixelHeight == 48)
        let other = folder + "/big2.jpg"
        try PhotoFixtures.writeJPEG(to: other, approximateBytes: 3_000_000, seed: 5)
        #expect(try PhotoInspector.sha256(path: path) != PhotoInspector.sha256(path: other))
    }
}
