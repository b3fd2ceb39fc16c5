import Foundation
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §2 and §5 on the real board in a real terminal: the callback warning, and an inbox holding a
/// 100 GB sparse .jpg and a FIFO, with the process's peak memory read from /proc.
@Suite("hostile inbox on the board", .timeLimit(.minutes(3)))
struct HostileInboxBoardTests {
    @Test func aHundredGigabyteSparsePhotoKeepsTheBoardResponsiveAndUnder100MB() throws {
        let folder = try E2EEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        #expect(mkfifo(inbox + "/pipe.jpg", 0o600) == 0)
        let zeros = inbox + "/zeros.jpg"
        #expect(FileManager.default.createFile(atPath: zeros, contents: nil))
        #expect(truncate(zeros, 100 * 1024 * 1024 * 1024) == 0)
        // The newest file, so the list highlights it first: a real JPEG head, then a hole to 100 GB.
        let huge = inbox + "/huge.jpg"
        try PhotoFixtures.writeJPEG(to: huge, width: 640, height: 480)
        #expect(truncate(huge, 100 * 1024 * 1024 * 1024) == 0)
        let later = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: huge)

        var environment = E2EEnvironment.variables(directory: folder)
        environment["HOME"] = folder
        environment["INSPEKT_API_KEY"] = "demo-key"
        // Not a loopback name, so results could never come back here; nothing is uploaded in this test.
        environment["INSPEKT_BASE_URL"] = "http://0.0.0.0:9"
        environment["INSPEKT_DATA_DIR"] = folder + "/data"
        environment["INSPEKT_INBOX"] = inbox
        environment["INSPEKT_RECEIVER_LISTEN"] = "127.0.0.1:0"
        let tmux = try TmuxSession(command: TmuxSession.quote(try InspektBinary.path()), environment: environment)
        defer { tmux.kill() }

        let board = try tmux.waitFor(text: "Results cannot reach this kiosk: set INSPEKT_CALLBACK_BASE")
        #expect(board.components(separatedBy: "INSPEKT_CALLBACK_BASE").count == 2, "said once:\n\(board)")
        try tmux.send("n")
        try tmux.waitFor(text: "Case id")
        try tmux.type("E2E-SPARSE")
        try tmux.send("F2")
        // The highlighted 100 GB file's header facts: its pixel size and its size, never its thumbnail.
        try tmux.waitFor("the sparse file's facts") {
            $0.contains("huge.jpg") && $0.contains("640") && $0.contains("px, 107.4 GB")
        }
        // Still answering keys: the next entries are listed as what they are.
        try tmux.send("j")
        try tmux.waitFor(text: "Cannot be sent")
        try tmux.send("j")
        try tmux.waitFor("the pipe listed as not a photo") { $0.contains("pipe.jpg") && $0.contains("not a photo") }

        let shell = try tmux.display("#{pane_pid}")
        let program = try #require(
            ProcessTree.children(of: shell).first, "inspekt is not running under the pane's shell")
        let status = try String(contentsOfFile: "/proc/\(program)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let peakKilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        #expect(peakKilobytes < 100 * 1024, "peak resident memory of the board: \(peakKilobytes) kB")
        print("RESULT board_peak_rss_kb=\(peakKilobytes)")
    }
}
