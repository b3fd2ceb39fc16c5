import Foundation
import InspektCore
import InspektTestSupport
import PhotoKit
import Testing

@Suite struct InboxScannerTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func touch(_ name: String, secondsAgo: Double) throws {
        let date = Date(timeIntervalSinceNow: -secondsAgo)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder + "/" + name)
    }

    @Test func foldersFirstThenNewestFirstHiddenSkipped() throws {
        try PhotoFixtures.writeJPEG(to: folder + "/old.jpg", width: 32, height: 24, seed: 1)
        try PhotoFixtures.writeJPEG(to: folder + "/new.jpg", width: 32, height: 24, seed: 2)
        try Data("text".utf8).write(to: URL(fileURLWithPath: folder + "/fake.jpg"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/readme.txt"))
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.jpeg"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/.hidden.jpg"))
        try FileManager.default.createDirectory(atPath: folder + "/card", withIntermediateDirectories: false)
        try touch("old.jpg", secondsAgo: 500)
        try touch("fake.jpg", secondsAgo: 400)
        try touch("readme.txt", secondsAgo: 300)
        try touch("empty.jpeg", secondsAgo: 200)
        try touch("new.jpg", secondsAgo: 100)

        let entries = try InboxScanner.scan(directory: folder)
        #expect(entries.map(\.name) == ["card", "new.jpg", "empty.jpeg", "readme.txt", "fake.jpg", "old.jpg"])
        #expect(entries[0].isDirectory && entries[0].check == nil)
        #expect(entries[1].check == .success(.jpeg) && entries[1].isSendable)
        #expect(entries[1].size > 0)
        #expect(entries[1].path == folder + "/new.jpg")
        #expect(entries[2].check == .failure(.empty(name: "empty.jpeg")))
        #expect(entries[3].check == .failure(.unsupportedExtension(name: "readme.txt")))
        #expect(entries[4].check == .failure(.contentMismatch(name: "fake.jpg", claimed: .jpeg, actual: nil)))
    }

    @Test func headersCanBeReadLater() throws {
        try PhotoFixtures.writeJPEG(to: folder + "/a.jpg", width: 32, height: 24)
        try Data("text".utf8).write(to: URL(fileURLWithPath: folder + "/b.txt"))
        let entries = try InboxScanner.scan(directory: folder, readHeaders: false)
        let photo = try #require(entries.first { $0.name == "a.jpg" })
        #expect(photo.check == nil)
        #expect(InboxScanner.checked(photo).check == .success(.jpeg))
        // What the name alone refuses is known at once.
        #expect(entries.first { $0.name == "b.txt" }?.check == .failure(.unsupportedExtension(name: "b.txt")))
    }

    @Test func danglingLinkIsListedAndMarked() throws {
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/lost.jpg", withDestinationPath: folder + "/nowhere.jpg")
        let entries = try InboxScanner.scan(directory: folder)
        #expect(entries.map(\.name) == ["lost.jpg"])
        #expect(entries[0].check == .failure(.missing(name: "lost.jpg")))
    }

    @Test func missingFolderThrows() {
        #expect(throws: FileProblem.missing(name: "absent")) { try InboxScanner.scan(directory: folder + "/absent") }
    }

    @Test func namesWithEscapeSequencesAreKeptAsBytesAndEscapedInMessages() throws {
        let name = "IMG\u{1B}[31m.jpg"
        try Data("text".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        let entries = try InboxScanner.scan(directory: folder)
        #expect(entries.map(\.name) == [name])
        guard case .failure(let problem) = entries[0].check else {
            Issue.record("expected a problem")
            return
        }
        #expect(!problem.description.contains("\u{1B}"))
    }
}
