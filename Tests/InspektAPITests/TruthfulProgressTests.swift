import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Synchronization
import Testing

@testable import InspektAPI

/// Progress counts the bytes the server has taken, never those only handed to the kernel.
@Suite struct TruthfulProgressTests {
    @Test func bodyOffsetsBecomePerFileProgress() {
        // Two files of 100 and 50 bytes behind 10 bytes of head, 5 between, 7 after.
        let ranges = BodyFileRanges(names: ["a.jpg", "b.jpg"], ranges: [10..<110, 115..<165], bodyLength: 172)
        #expect(ranges.progress(bodyBytes: 0).sent == 0)
        #expect(ranges.progress(bodyBytes: 0).current == nil)
        #expect(ranges.progress(bodyBytes: 5).sent == 0)
        #expect(ranges.progress(bodyBytes: 5).current == 0)
        let middle = ranges.progress(bodyBytes: 60)
        #expect(middle.files.map(\.sent) == [50, 0])
        #expect(middle.current == 0)
        let between = ranges.progress(bodyBytes: 112)
        #expect(between.files.map(\.sent) == [100, 0])
        #expect(between.current == 1)
        let done = ranges.progress(bodyBytes: 500)
        #expect(done.files.map(\.sent) == [100, 50])
        #expect(done.sent == done.total)
        #expect(done.current == nil)
    }

    @Test func theLayoutPlacesEachFileAfterItsPartHeader() throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try (0..<2).map { index -> UploadFile in
            let path = directory + "/IMG_\(index).jpg"
            try PhotoFixtures.writeJPEG(to: path, approximateBytes: 5_000 * (index + 1), seed: index)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)
                .int64Value
            return UploadFile(path: path, uploadName: "front_IMG_\(index).jpg", size: size, mediaType: .jpeg)
        }
        let layout = MultipartLayout(request: UploadRequest(session: "s", caseID: "CASE-1", files: files))
        let ranges = BodyFileRanges(layout: layout, files: files)
        #expect(ranges.ranges.map { Int64($0.count) } == files.map(\.size))
        #expect(ranges.ranges[0].lowerBound > 0)
        #expect(ranges.ranges[1].lowerBound > ranges.ranges[0].upperBound)
        #expect(ranges.ranges[1].upperBound < layout.contentLength)
    }

    /// A 300 KB photo to a simulator that reads 15 KB/s: a second in, under half is reported, while the
    /// client has written far more to its socket; the reported rate is the link's.
    @Test(.timeLimit(.minutes(1))) func onASlowLinkProgressFollowsTheServerNotTheSocket() async throws {
        let fixture = try await Fixture.start(SimulatorConfiguration(processingDelay: 3600, bandwidth: 15_000))
        let reports = Reports()
        let figures: (atOne: Int64, atThree: Int64)?
        do {
            figures = try await Self.readSlowUpload(fixture, reports: reports)
            await fixture.stop()
        } catch {
            await fixture.stop()
            throw error
        }
        let (atOne, atThree) = try #require(figures, "no progress was reported")
        let size = reports.total.withLock { $0 }
        #expect(size > 290_000)
        #expect(Double(atOne) < Double(size) * 0.5, "\(atOne) of \(size) reported after 1 s")
        // Two seconds at 15 KB/s: about 30 KB, never the socket's hundreds.
        #expect(atThree > atOne)
        #expect(atThree - atOne < 80_000, "\(atThree - atOne) bytes in 2 s")
        // The client wrote more to its socket than it reported as taken.
        let traces = fixture.log.lines.withLock { $0 }.filter { $0.contains("upload progress") }
        let lags = traces.compactMap { line -> Int64? in
            guard let written = Self.number("written", in: line), let taken = Self.number("taken", in: line) else {
                return nil
            }
            return written - taken
        }
        #expect(lags.contains { $0 > 30_000 }, "\(traces)")
    }

    /// Two uploads at once to the same server: each follows its own connection, so both tell the truth.
    @Test(.timeLimit(.minutes(1))) func twoUploadsAtOnceEachFollowTheirOwnConnection() async throws {
        let fixture = try await Fixture.start(SimulatorConfiguration(processingDelay: 3600, bandwidth: 15_000))
        let reports = (Reports(), Reports())
        var figures: [(atOne: Int64, atThree: Int64)?] = []
        do {
            async let first = Self.readSlowUpload(fixture, reports: reports.0, name: "IMG_A.jpg")
            async let second = Self.readSlowUpload(fixture, reports: reports.1, name: "IMG_B.jpg")
            figures = [try await first, try await second]
            await fixture.stop()
        } catch {
            await fixture.stop()
            throw error
        }
        #expect(figures.count == 2)
        for (index, figure) in figures.enumerated() {
            let (atOne, atThree) = try #require(figure, "no progress was reported")
            let size = (index == 0 ? reports.0 : reports.1).total.withLock { $0 }
            // As for one upload alone: each follows the connection its request went out on (it told its local
            // port), never the other's, whose queue would stall it or show it ahead of the server.
            #expect(Double(atOne) < Double(size) * 0.5, "\(atOne) of \(size) reported after 1 s")
            #expect(atThree > atOne, "no progress between 1 s and 3 s (\(atOne) of \(size))")
            #expect(atThree - atOne < 80_000, "\(atThree - atOne) bytes in 2 s")
        }
    }

    /// Starts the upload, waits for its first report, then reads what was reported 1 s and 3 s later.
    static func readSlowUpload(
        _ fixture: Fixture, reports: Reports, name: String = "IMG_SLOW.jpg"
    ) async throws -> (atOne: Int64, atThree: Int64)? {
        let path = fixture.directory + "/" + name
        try PhotoFixtures.writeJPEG(to: path, approximateBytes: 300_000, seed: 7)
        let file = try fixture.file(at: path, slot: .front)
        let auth = try await fixture.authenticate()
        let upload = Task {
            try await fixture.client.upload(
                UploadRequest(session: auth.session, caseID: "CASE-SLOW", files: [file]), auth: auth
            ) { progress in
                reports.total.withLock { $0 = progress.total }
                reports.list.withLock { $0.append((.now, progress.sent)) }
            }
        }
        defer { upload.cancel() }
        await eventually { !reports.list.withLock { $0.isEmpty } }
        guard let first = reports.list.withLock({ $0.first }) else { return nil }
        func lastBefore(_ offset: Duration) -> Int64 {
            reports.list.withLock { $0.last { $0.0 <= first.0 + offset }?.1 ?? 0 }
        }
        // Reading "at 1 s" and "at 3 s" needs those moments to come.
        try await Task.sleep(until: first.0 + .seconds(3.2))
        let figures = (lastBefore(.seconds(1)), lastBefore(.seconds(3)))
        upload.cancel()
        _ = await upload.result
        return figures
    }

    final class Reports: Sendable {
        let list = Mutex<[(ContinuousClock.Instant, Int64)]>([])
        let total = Mutex<Int64>(0)
    }

    static func number(_ key: String, in line: String) -> Int64? {
        guard let range = line.range(of: "\"\(key)\": ") else { return nil }
        return Int64(line[range.upperBound...].prefix { $0.isNumber })
    }
}
