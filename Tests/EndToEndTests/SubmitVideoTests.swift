import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `inspekt submit --video`: a video walk-around goes up alone in one request (API.md §7), with its receipt, and
/// everything the limits refuse is refused in words before any request.
@Suite struct SubmitVideoTests {
    /// SHA-256 of a file with the system tool, independent of the code under test.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test func aThreeMegabyteMP4GoesUpAloneInOneRequestAndStatusShowsItsDuration() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let video = VideoFixtures.mp4(duration: 42, size: 3_000_000, seed: 7)
            let path = cli.directory + "/walk.mp4"
            try VideoFixtures.write(video, to: path)

            let submit = try await cli.run(["submit", "--case", "CASE-VIDEO", "--video", path, "--json"])
            #expect(submit.status == 0, "\(submit.stderr)")
            let entries = await simulator.ledger()
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.caseID == "CASE-VIDEO")
            #expect(entry.files.map(\.name) == ["video_walk.mp4"])
            #expect(entry.files.map(\.size) == [3_000_000])
            #expect(entry.files.map(\.sha256) == [try Self.sha256sum(path)])
            // One request: the video once and a multipart envelope, nothing more.
            let received = simulator.simulator.uploadBytesReceived
            #expect(received > 3_000_000 && received < 3_010_000, "\(received) bytes received")
            #expect(await simulator.simulator.sessionsIssued() == 1)

            // The receipt names the bytes sent by their SHA-256.
            let receipt = try #require(
                try JSONSerialization.jsonObject(with: Data(submit.stdout.utf8)) as? [String: Any])
            #expect(receipt["inspection_id"] as? String == entry.session)
            let files = try #require(receipt["files"] as? [[String: Any]])
            #expect(files.map { $0["slot"] as? String } == ["video"])
            #expect(files.map { $0["sha256"] as? String } == [try Self.sha256sum(path)])

            let row = try #require(try await cli.status().first)
            #expect(row["media"] as? String == "video")
            let described = try #require(row["video"] as? [String: Any])
            #expect(described["file"] as? String == "walk.mp4")
            #expect(described["size"] as? Int == 3_000_000)
            #expect(described["duration_seconds"] as? Double == 42)
            let table = try await cli.run(["status"])
            #expect(table.stdout.contains("video 0:42"), "\(table.stdout)")
        }
    }

    @Test func aVideoWhoseFileIsDeletedAfterItWentStillShowsItsDuration() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let path = cli.directory + "/walk.mp4"
            try VideoFixtures.write(VideoFixtures.mp4(duration: 102, size: 2_500_000, seed: 5), to: path)
            let submit = try await cli.run(["submit", "--case", "CASE-VGONE", "--video", path])
            #expect(submit.status == 0, "\(submit.stderr)")
            try FileManager.default.removeItem(atPath: path)

            let table = try await cli.run(["status"])
            #expect(table.stdout.contains("video 1:42"), "\(table.stdout)")
            let row = try #require(try await cli.status().first)
            #expect(row["media"] as? String == "video")
            let described = try #require(row["video"] as? [String: Any])
            #expect(described["file"] as? String == "walk.mp4")
            #expect(described["size"] as? Int == 2_500_000)
            #expect(described["duration_seconds"] as? Double == 102)
        }
    }

    @Test func whatTheLimitsRefuseIsRefusedInWordsBeforeAnyRequest() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 3600))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let dir = cli.directory
            try VideoFixtures.write(VideoFixtures.mp4(duration: 5, size: 1_000_000), to: dir + "/small.mp4")
            try VideoFixtures.writeSparseMP4(to: dir + "/big.mp4", duration: 600, size: 100_000_000)
            try VideoFixtures.write(VideoFixtures.mp4(duration: 5, size: 2_000_000), to: dir + "/walk.gif")
            try VideoFixtures.write(VideoFixtures.webm(duration: 5, size: 2_000_000), to: dir + "/renamed.mp4")
            try VideoFixtures.write(
                Array(VideoFixtures.mp4(duration: 5, size: 3_000_000).prefix(2_000_000)), to: dir + "/cut.mp4")
            try VideoFixtures.write(VideoFixtures.mp4(duration: 5, size: 2_000_000), to: dir + "/good.mp4")
            try PhotoFixtures.writeJPEG(to: dir + "/front.jpg", width: 640, height: 480)

            let refusals: [([String], String)] = [
                (
                    ["--video", dir + "/small.mp4"],
                    "small.mp4 is 1000000 bytes: videos must be more than 1 MB and less than 100 MB."
                ),
                (
                    ["--video", dir + "/big.mp4"],
                    "big.mp4 is 100000000 bytes: videos must be more than 1 MB and less than 100 MB."
                ),
                (["--video", dir + "/walk.gif"], "walk.gif is not a type the service accepts"),
                (["--video", dir + "/renamed.mp4"], "renamed.mp4 is named as mp4 but holds webm"),
                (
                    ["--video", dir + "/cut.mp4"],
                    "cut.mp4 is not a usable mp4 video: the file ends inside its 'mdat' box"
                ),
                (["--video", dir + "/front.jpg"], "front.jpg is a photo, not a video"),
                (["--video", dir + "/good.mp4", "--photo", "front=\(dir)/front.jpg"], "--video goes alone"),
                (["--photo", "video=\(dir)/good.mp4"], "A video walk-around is given with --video FILE"),
                (
                    ["--photo", "front=\(dir)/good.mp4", "--missing-reason", "x"],
                    "good.mp4 is a video: send it as the video walk-around (--video FILE)"
                ),
            ]
            for (arguments, words) in refusals {
                let refused = try await cli.run(["submit", "--case", "CASE-NO"] + arguments)
                #expect(refused.status == 2, "\(arguments)")
                #expect(refused.stderr.contains(words), "\(refused.stderr)")
            }
            // Nothing reached the simulator: no session asked for, no byte of an upload.
            #expect(await simulator.simulator.sessionsIssued() == 0)
            #expect(simulator.simulator.uploadBytesReceived == 0)
            #expect(await simulator.ledger().isEmpty)
            #expect(try await cli.status().isEmpty)
        }
    }

    @Test func theResultOfAVideoArrivesAsForPhotos() async throws {
        let simulator = try await SimulatorHarness.start(SimulatorConfiguration(processingDelay: 0.3))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            defer { DetachedReceivers.stop(dataDirectory: cli.directory + "/data") }
            let path = cli.directory + "/walk.webm"
            try VideoFixtures.write(VideoFixtures.webm(duration: 75, size: 2_000_000), to: path)
            let submit = try await cli.run(["submit", "--case", "CASE-VRESULT", "--video", path])
            #expect(submit.status == 0, "\(submit.stderr)")
            // The receiver submit started stores the result the simulator posts: frames taken from the video.
            var row: [String: Any] = [:]
            let until = Date().addingTimeInterval(20)
            while Date() < until {
                row = try await cli.status().first ?? [:]
                if row["state"] as? String == "available" { break }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            #expect(row["state"] as? String == "available", "\(row)")
            #expect(row["verdict"] as? String == "Available")
            #expect(row["media"] as? String == "video")
            #expect((row["video"] as? [String: Any])?["duration_seconds"] as? Double == 75)
        }
    }

    @Test func aVideoUploadKilledMidWayIsFinishedByResumeWithTheSameBytes() async throws {
        // 3 MB through a 500 KB/s server: about 6 s on the wire, time enough to kill.
        let simulator = try await SimulatorHarness.start(
            SimulatorConfiguration(processingDelay: 3600, bandwidth: 500_000))
        try await stopAfter(simulator) {
            let cli = try CLI(simulator: simulator)
            let video = VideoFixtures.mp4(duration: 30, size: 3_000_000, seed: 3)
            let path = cli.directory + "/walk.mov"
            try VideoFixtures.write(video, to: path)
            let submit = try cli.spawn(["submit", "--case", "CASE-VKILL", "--video", path])
            #expect(
                await eventually(timeout: 30) { simulator.simulator.uploadBytesReceived >= 500_000 }, "no bytes moved")
            #expect(submit.isRunning, "submit finished before it could be killed")
            kill(submit.processIdentifier, SIGKILL)
            while submit.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(await simulator.ledger().isEmpty)

            let resume = try await cli.run(["resume"], timeout: 90)
            #expect(resume.status == 0, "\(resume.stderr)")
            #expect(resume.stdout.contains("CASE-VKILL: accepted as in"), "\(resume.stdout)")
            let entries = await simulator.ledger()
            #expect(entries.count == 1)
            #expect(entries.first?.files.map(\.name) == ["video_walk.mov"])
            #expect(entries.first?.files.map(\.sha256) == [try Self.sha256sum(path)])
            // The receipt names the very bytes the simulator received, and the stored duration.
            let received = try #require(entries.first?.files.first?.sha256)
            #expect(
                try await SubmitVideoTests.receipt(cli, caseID: "CASE-VKILL").contains(
                    "<td>video_walk.mov</td><td>3000000&nbsp;B</td><td class=\"hash\">\(received)</td>"
                        + "<td>verified (video, not embedded)</td>"))
            let row = try #require(try await cli.status().first)
            #expect((row["video"] as? [String: Any])?["duration_seconds"] as? Double == 30)
        }
    }

    /// The report of `caseID` as `inspekt report` writes it: its receipt lists each file sent with its SHA-256.
    static func receipt(_ cli: CLI, caseID: String) async throws -> String {
        let path = cli.directory + "/report-\(caseID).html"
        let written = try await cli.run(["report", caseID, "-o", path])
        #expect(written.status == 0, "\(written.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
