import Foundation
import InspektCore
import InspektService
import InspektStorage
import InspektStore
import InspektTestSupport
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §5: the data folder is private, its files are 0600 and never opened through a link, and
/// the log rotates at a size.
@Suite struct PrivateDataTests {
    let folder: String

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func aNewDataFolderIsPrivateAndAnOpenOneIsTightened() throws {
        let fresh = folder + "/fresh/data"
        _ = try InspektStore(directory: fresh)
        #expect(mode(fresh) == 0o700)
        #expect(mode(fresh + "/inspekt.sqlite") == 0o600)

        let loose = folder + "/loose"
        try FileManager.default.createDirectory(atPath: loose, withIntermediateDirectories: true)
        #expect(chmod(loose, 0o755) == 0)
        #expect(FileManager.default.createFile(atPath: loose + "/inspekt.sqlite", contents: nil))
        #expect(chmod(loose + "/inspekt.sqlite", 0o644) == 0)
        let store = try InspektStore(directory: loose)
        try store.insert(Inspection(facts: CaseFacts(caseID: "CASE-MODE")))
        #expect(mode(loose) == 0o700)
        for file in ["inspekt.sqlite", "inspekt.sqlite-wal", "inspekt.sqlite-shm"] {
            #expect(mode(loose + "/" + file) == 0o600, "\(file)")
        }
    }

    @Test func theLogAndReceiptsAreWrittenPrivate() throws {
        let data = folder + "/data"
        _ = try InspektStore(directory: data)
        let logger = FileLogHandler.logger(label: "test.private", directory: data)
        logger.info("hello")
        #expect(mode(data + "/inspekt.log") == 0o600)
        let receipt = folder + "/receipt.json"
        try PrivateFile.write(Data("{}".utf8), to: receipt)
        #expect(mode(receipt) == 0o600)
        #expect(try String(contentsOfFile: receipt, encoding: .utf8) == "{}")
    }

    @Test(
        "a link planted as the database, its journal or the log is refused with a message",
        arguments: [
            "inspekt.sqlite", "inspekt.sqlite-wal", "inspekt.log",
        ])
    func linksAreRefused(name: String) throws {
        let data = folder + "/data-\(name)"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let elsewhere = folder + "/someone-elses-\(name)"
        #expect(FileManager.default.createFile(atPath: elsewhere, contents: Data("theirs".utf8)))
        try FileManager.default.createSymbolicLink(atPath: data + "/" + name, withDestinationPath: elsewhere)

        var message = ""
        #expect(throws: StoreError.self) {
            do { _ = try InspektStore(directory: data) } catch {
                message = String(describing: error)
                throw error
            }
        }
        #expect(message.contains("\(name) is a symbolic link"), "\(message)")
        #expect(message.contains("never opens its files through a link"))
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "theirs")
    }

    @Test func theLoggerNeverWritesThroughALink() throws {
        let data = folder + "/data-log"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let elsewhere = folder + "/elsewhere.log"
        #expect(FileManager.default.createFile(atPath: elsewhere, contents: nil))
        try FileManager.default.createSymbolicLink(atPath: data + "/inspekt.log", withDestinationPath: elsewhere)
        FileLogHandler.logger(label: "test.link", directory: data).error("secret detail")
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8).isEmpty)
    }

    @Test func aReceiptIsNotWrittenThroughALink() throws {
        let elsewhere = folder + "/target.json"
        #expect(FileManager.default.createFile(atPath: elsewhere, contents: Data("theirs".utf8)))
        try FileManager.default.createSymbolicLink(atPath: folder + "/receipt.json", withDestinationPath: elsewhere)
        #expect(throws: PrivateFile.Problem.self) {
            try PrivateFile.write(Data("{}".utf8), to: folder + "/receipt.json")
        }
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "theirs")
    }

    /// A file name or a server reply in a log line can neither start a second line nor carry an escape sequence.
    @Test func logLinesEscapeWhatCameFromFilesAndTheNetwork() throws {
        let data = folder + "/data-escape"
        _ = try InspektStore(directory: data)
        let logger = FileLogHandler.logger(label: "test.escape", directory: data)
        let hostile = "IMG\u{1B}[2J\nFAKE 2026-01-01 error forged\u{7}.jpg"
        logger.warning("photo \(hostile) unreadable", metadata: ["reply": "\(hostile)\r\u{9B}31m"])
        let text = try String(contentsOfFile: data + "/inspekt.log", encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("IMG\\e[2J\\nFAKE"))
    }

    @Test func theLogRotatesAtItsSizeAndKeepsTwoOldFiles() throws {
        let data = folder + "/data-rotate"
        _ = try InspektStore(directory: data)
        let limit = 64 * 1024
        let logger = FileLogHandler.logger(label: "test.rotate", directory: data, maxBytes: limit)
        let line = String(repeating: "x", count: 200)
        for index in 0..<3000 { logger.info("line \(index) \(line)") }  // about 700 KB in all
        let log = data + "/inspekt.log"
        for file in [log, log + ".1", log + ".2"] {
            let size = try #require(FileSize.of(file), "\(file) missing")
            // A file is rotated at the first size check past the limit (checks every limit/4 bytes).
            #expect(size <= limit + limit / 4 + 512, "\(file): \(size) bytes")
            #expect(mode(file) == 0o600)
        }
        #expect(!FileManager.default.fileExists(atPath: log + ".3"))
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("line 2999"))
    }
}

enum FileSize {
    static func of(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
