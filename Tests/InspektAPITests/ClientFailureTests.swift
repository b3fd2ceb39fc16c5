import AsyncHTTPClient
import Crypto
import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Logging
import NIOCore
import Synchronization
import Testing

@testable import InspektAPI

@Suite("InspektlabsClient when the server or the files fail")
struct ClientFailureTests {
    @Test("500 Server Side Issue maps to a retryable error")
    func serverSideIssue() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, failRate: 1))
        try await stopAfter(fixture) {
            let error = await apiError { _ = try await fixture.authenticate() }
            #expect(error == .serverSideIssue)
            #expect(error?.isRetryable == true)
        }
    }

    @Test("a reply lost after acceptance is connectionLost; the retry meets already-exists")
    func lostReply() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, dropRate: 1, maxDrops: 1))
        try await stopAfter(fixture) {
            let auth = try await fixture.authenticate()
            let request = UploadRequest(
                session: auth.session, caseID: "CASE-3", files: [try fixture.photo(.front, name: "a.jpg")])
            let first = await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
            guard case .connectionLost = first else {
                Issue.record("expected connectionLost, got \(String(describing: first))")
                return
            }
            #expect(first?.isRetryable == true)
            #expect(
                await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
                    == .inspectionAlreadyExists)
            #expect(await fixture.harness.ledger().count == 1)
        }
    }

    @Test("no bytes moving for the stall timeout: stalled, well before any total timeout")
    func stall() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, bandwidth: 1), stallTimeout: 3)
        try await stopAfter(fixture) {
            let auth = try await fixture.authenticate()
            let request = UploadRequest(
                session: auth.session, caseID: "CASE-4", files: [try fixture.photo(.front, name: "a.jpg")])
            let started = ContinuousClock.now
            #expect(
                await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
                    == .stalled(seconds: 3))
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("a stall with the socket full: the upload's own thread, waiting on a write, ends with the request")
    func stalledThreadEnds() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, bandwidth: 1), stallTimeout: 2)
        try await stopAfter(fixture) {
            // More than the kernel's and the server's buffers hold: the thread is left waiting on a write.
            let path = fixture.directory + "/large.jpg"
            try Data(count: 48 << 20).write(to: URL(fileURLWithPath: path))
            let auth = try await fixture.authenticate()
            let request = UploadRequest(
                session: auth.session, caseID: "CASE-4B", files: [try fixture.file(at: path, slot: .front)])
            #expect(
                await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
                    == .stalled(seconds: 2))
            #expect(await Self.noUploadThread(within: .seconds(10)), "an upload thread outlived its request")
        }
    }

    /// True once this process runs no thread named as an upload's (other tests' uploads end within seconds).
    static func noUploadThread(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        repeat {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            let uploading = tasks.contains {
                let name = try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8)
                return name?.hasPrefix("inspekt-upload") == true
            }
            if !uploading { return true }
            try? await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return false
    }

    @Test("a photo gone before sending stops the upload with a file problem, nothing accepted")
    func vanishedFile() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let auth = try await fixture.authenticate()
            let kept = try fixture.photo(.front, name: "a.jpg")
            let gone = try fixture.photo(.rear, name: "b.jpg")
            try FileManager.default.removeItem(atPath: gone.path)
            let error = await apiError {
                _ = try await fixture.client.upload(
                    .init(session: auth.session, caseID: "C-5", files: [kept, gone]), auth: auth
                ) { _ in }
            }
            #expect(error == APIError.fileProblem(.missing(name: "rear_b.jpg")))
            #expect(await fixture.harness.ledger().isEmpty)
        }
    }

    @Test("nothing listening: unreachable (connection refused) within the connect timeout, not a stall")
    func nothingListening() async throws {
        // A port held bound but never listening: connecting is refused, and no other test's server
        // can take the port meanwhile (a stopped server's port could be handed to one).
        let closed = try ClosedPort()
        defer { closed.release() }
        let base = "http://127.0.0.1:\(closed.port)"
        // A long stall timeout: only the connect timeout may end this.
        let client = InspektlabsClient(
            baseURL: base, stallTimeout: 30,
            logger: {
                var l = Logger(label: "test"); l.logLevel = .trace; return l
            }(), connectTimeout: 2)
        let started = ContinuousClock.now
        let error = await apiError { _ = try await client.authenticate(apiKey: Fixture.apiKey, clientID: nil) }
        let port = try #require(URLComponents(string: base)?.port)
        // The HTTP client retries a refused connect until the deadline; on a busy machine the deadline
        // may end it first, and the reason then reads "timed out". Either way: unreachable, not a stall.
        guard case .unreachable(let host, let reason) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1:\(port)")
        #expect(["connection refused", "connection timed out"].contains(reason), "\(reason)")
        #expect(error?.isRetryable == true)
        let message = error?.operatorMessage ?? ""
        #expect(message.contains("Inspektlabs at 127.0.0.1:\(port) cannot be reached (\(reason))"), "\(message)")
        #expect(message.contains("INSPEKT_BASE_URL") && !message.contains("stopped moving"), "\(message)")
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
