import Foundation
import InspektCore
import InspektTestSupport
import PhotoKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §5: pipes, sockets, devices and links in the inbox, and a 100 GB sparse file named .jpg.
/// A read that blocked (a FIFO opened without O_NONBLOCK) would hang here: the time limit ends it as a failure.
@Suite(.timeLimit(.minutes(2))) struct HostileFileTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    /// A listening Unix socket at `path`; the descriptor stays open for the test.
    private func makeSocket(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind: \(errno)")
        listen(fd, 1)
        return fd
    }

    @Test func aPipeASocketAndADeviceAreListedAsNotAPhotoWithoutBlocking() throws {
        #expect(mkfifo(folder + "/pipe.jpg", 0o600) == 0)
        let socketFD = try makeSocket(folder + "/sock.jpg")
        defer { close(socketFD) }
        // A character device that never ends (/dev/zero) and one that blocks (/dev/tty-like FIFOs are covered above).
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.jpg", withDestinationPath: "/dev/zero")
        try PhotoFixtures.writeJPEG(to: folder + "/real.jpg", width: 64, height: 48)

        // Both passes of the photo screen's listing: names first, then each header.
        let entries = try InboxScanner.scan(directory: folder, readHeaders: true)
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        for name in ["pipe.jpg", "sock.jpg", "zero.jpg"] {
            let entry = try #require(byName[name])
            #expect(entry.check == .failure(.notAFile(name: name)), "\(name)")
            #expect(!entry.isSendable)
            // Every other way in refuses it too, and none waits for a writer or reads forever.
            #expect(PhotoInspector.check(path: entry.path) == .failure(.notAFile(name: name)), "\(name)")
            #expect(throws: FileProblem.notAFile(name: name)) { try PhotoInspector.facts(path: entry.path) }
            #expect(throws: FileProblem.notAFile(name: name)) { try PhotoInspector.headerFacts(path: entry.path) }
            #expect(throws: FileProblem.notAFile(name: name)) { try PhotoInspector.sha256(path: entry.path) }
        }
        #expect(byName["pipe.jpg"]?.check?.failureReason?.shortReason == "not a photo")
        #expect(byName["real.jpg"]?.isSendable == true)
    }

    @Test func aLinkToAPhotoIsFollowedAndMeasuredAsThePhoto() throws {
        let target = folder + "/IMG_0001.jpg"
        try PhotoFixtures.writeJPEG(to: target, width: 64, height: 48)
        let link = folder + "/link.jpg"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(PhotoInspector.check(path: link) == .success(.jpeg))
        let size = try #require(PhotoInspector.regularFileSize(path: target))
        #expect(PhotoInspector.regularFileSize(path: link) == size)
        #expect(try PhotoInspector.sha256(path: link) == PhotoInspector.sha256(path: target))
    }

    /// A real JPEG's first bytes, then a hole to 100 GB: header reads find its size, and nothing reads it whole.
    @Test func aHundredGigabyteSparseJPEGIsListedWithoutBeingRead() throws {
        let path = folder + "/huge.jpg"
        try PhotoFixtures.writeJPEG(to: path, width: 640, height: 480)
        #expect(truncate(path, 100 * 1024 * 1024 * 1024) == 0)
        let zeros = folder + "/zeros.jpg"
        #expect(FileManager.default.createFile(atPath: zeros, contents: nil))
        #expect(truncate(zeros, 100 * 1024 * 1024 * 1024) == 0)

        let entries = try InboxScanner.scan(directory: folder, readHeaders: true)
        let huge = try #require(entries.first { $0.name == "huge.jpg" })
        #expect(huge.size == 100 * 1024 * 1024 * 1024)
        #expect(huge.check == .success(.jpeg))
        #expect(entries.first { $0.name == "zeros.jpg" }?.isSendable == false)
        let header = try PhotoInspector.headerFacts(path: path)
        #expect(header.pixelWidth == 640)
        // What the photo screen asks for when the cursor rests on it: header facts, no thumbnail, no whole read.
        let facts = try PhotoInspector.facts(path: path)
        #expect(facts.pixelWidth == 640)
        #expect(facts.thumbnail == nil)
        // Peak memory is measured on the real board (HostileInboxBoardTests): this process runs every suite at once.
    }
}

extension Result {
    fileprivate var failureReason: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
