import Foundation
import InspektCore
import InspektService
import InspektSimulator
import InspektTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 7 §2: results always reach the store. Hostile documents are stored whole with a 2xx; an unknown
/// callback token is refused before its body is read.
@Suite struct HostileResultTests {
    private func startWithReceiver() async throws -> (ServiceFixture, CallbackReceiver, Int) {
        let fixture = try await ServiceFixture.start(SimulatorConfiguration(processingDelay: 3600))
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger)
        let port = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0))
        fixture.service.useCallbackBase("http://127.0.0.1:\(port)")
        return (fixture, receiver, port)
    }

    @Test("each hostile result is read without a crash, and its summary stores as JSON", arguments: 0..<6)
    func summaryOfHostileResult(index: Int) throws {
        let (name, document) = HostileResults.all(session: "in120020250101000000", caseID: "CASE-H")[index]
        let summary = try ResultDocument.summary(from: document)
        #expect(summary.inspectionID == "in120020250101000000", "\(name)")
        #expect(summary.verdict == .available, "\(name)")
        // The summary is stored as JSON, which has no NaN or infinity: every number left in it is finite.
        for part in summary.damagedParts {
            #expect(part.severity.map(\.isFinite) ?? true, "\(name)")
            #expect(part.confidence.map(\.isFinite) ?? true, "\(name)")
            #expect(part.shownSeverity.map { (0...1).contains($0) } ?? true, "\(name)")
        }
        let encoded = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(ResultSummary.self, from: encoded) == summary, "\(name)")
    }

    @Test func hostileNumbersReadAsUnknownNotAsFigures() throws {
        let huge = try ResultDocument.summary(from: HostileResults.hugeNumbers(session: "s1", caseID: "C"))
        #expect(huge.damagedParts.map(\.shownSeverity) == [nil, nil])
        #expect(huge.damagedParts.map(\.shownConfidence) == [nil, nil])
        #expect(huge.readings["odometerReading"] == "1e+300")
        let nan = try ResultDocument.summary(from: HostileResults.notANumber(session: "s1", caseID: "C"))
        #expect(nan.damagedParts.map(\.severity) == [nil, nil])
        #expect(nan.damagedParts.map(\.confidence) == [nil, nil])
        #expect(nan.readings["odometerReading"] == "NaN")  // text stays text
        let negative = try ResultDocument.summary(from: HostileResults.negative(session: "s1", caseID: "C"))
        #expect(negative.damagedParts.first?.severity == -0.5)
        #expect(negative.damagedParts.first?.shownSeverity == nil)
        let many = try ResultDocument.summary(from: HostileResults.manyBoxes(session: "s1", caseID: "C"))
        #expect(many.totalDamageEntries == HostileResults.boxCount)
        #expect(many.damagedParts.count == ResultDocument.maxKeptParts)  // the summary read with the board stays small
        #expect(many.damagedPartCount == 40)
        let deep = try ResultDocument.summary(from: HostileResults.deeplyNested(session: "s1", caseID: "C"))
        #expect(deep.damagedParts.map(\.part) == ["door"])
    }

    @Test("the receiver stores each hostile result whole and answers 2xx", arguments: 0..<6)
    func receiverStoresHostileResult(index: Int) async throws {
        let (fixture, receiver, _) = try await startWithReceiver()
        try await stopAfter(receiver, fixture) {
            let inspection = try fixture.draft("CASE-HOSTILE-\(index)", photos: fixture.photos(1, prefix: "H\(index)"))
            let session = try await fixture.service.submit(id: inspection.id)
            let url = try #require(try fixture.service.callbackURL(id: inspection.id))
            let (name, document) = HostileResults.all(session: session, caseID: "CASE-HOSTILE-\(index)")[index]

            let (status, body) = try await HTTP.post(url, body: document)
            #expect((200..<300).contains(status), "\(name): \(status) \(body)")
            #expect(try fixture.store.resultDocument(inspectionID: inspection.id) == document, "\(name)")
            let stored = try #require(try fixture.store.inspection(id: inspection.id))
            #expect(stored.state == .available, "\(name)")
            #expect(stored.result?.inspectionID == session, "\(name)")
            // The receipt (which copies the result) is written too.
            let receipt = fixture.directory + "/receipt-\(index).json"
            try fixture.service.exportReceipt(id: inspection.id, to: receipt)
            #expect(FileManager.default.fileExists(atPath: receipt), "\(name)")
        }
    }

    /// Sends only the headers of a 9 MB POST, then nothing: a receiver that read the body first would
    /// never answer. The 404 comes while the body was never sent.
    @Test func unknownTokenIsRefusedBeforeTheBodyIsRead() async throws {
        let (fixture, receiver, port) = try await startWithReceiver()
        try await stopAfter(receiver, fixture) {
            let headers =
                "POST /callbacks/00000000000000000000000000000000 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(9 * 1024 * 1024)\r\n\r\n"
            let reply = try await HeadersOnlyRequest.send(port: port, headers: headers, waitSeconds: 60)
            #expect(reply.hasPrefix("HTTP/1.1 404"), "\(reply)")
            #expect(reply.contains("No inspection on this kiosk has this callback address"))
            // The receiver still serves: a known token with a good result is stored.
            let inspection = try fixture.draft("CASE-AFTER", photos: fixture.photos(1, prefix: "AFTER"))
            let session = try await fixture.service.submit(id: inspection.id)
            let url = try #require(try fixture.service.callbackURL(id: inspection.id))
            #expect(
                try await HTTP.post(url, body: ResultJSON.available(caseID: "CASE-AFTER", session: session)).0 == 200)
        }
    }
}

/// A loopback connection that sends request headers and no body, then reads until the first reply is
/// complete (its headers and `Content-Length` bytes) or the wait ends.
enum HeadersOnlyRequest {
    static func send(port: Int, headers: String, waitSeconds: Int) async throws -> String {
        let reply = try await RawSocket.exchange(
            port: port, request: Array(headers.utf8), timeoutSeconds: waitSeconds, until: complete)
        return String(decoding: reply, as: UTF8.self)
    }

    @Sendable private static func complete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return true }
        return text[end.upperBound...].utf8.count >= length
    }
}
