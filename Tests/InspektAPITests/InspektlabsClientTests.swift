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

/// Log lines captured in memory (message and metadata), to show what reaches a log file.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger() -> Logger {
        var logger = Logger(label: "inspekt.api.test") { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        log.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}

/// A simulator, a client for it, and a folder of photos, for one test.
struct Fixture {
    let harness: SimulatorHarness
    let client: InspektlabsClient
    let directory: String
    let log: CapturedLog

    static let apiKey = "sk_test_7f3a9c2e51d04b8e"

    static func start(_ configuration: SimulatorConfiguration = .init(processingDelay: 0.2), stallTimeout: Double = 10) async throws -> Fixture {
        var configuration = configuration
        configuration.apiKeys = [apiKey]
        let harness = try await SimulatorHarness.start(configuration)
        let log = CapturedLog()
        let client = InspektlabsClient(baseURL: harness.baseURL, stallTimeout: stallTimeout, logger: log.logger())
        return Fixture(harness: harness, client: client, directory: try PhotoFixtures.temporaryDirectory(), log: log)
    }

    /// A real JPEG on disk, ready to send for `slot`.
    func photo(_ slot: CoverageSlot, name: String, seed: Int = 0, width: Int = 64, height: Int = 48) throws -> UploadFile {
        let path = directory + "/" + name
        try PhotoFixtures.writeJPEG(to: path, width: width, height: height, seed: seed)
        return try file(at: path, slot: slot)
    }

    func file(at path: String, slot: CoverageSlot, mediaType: MediaType = .jpeg) throws -> UploadFile {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
        return UploadFile(
            path: path, uploadName: PhotoSelection(slot: slot, path: path).uploadName, size: size, mediaType: mediaType)
    }

    func authenticate() async throws -> AuthSession {
        try await client.authenticate(apiKey: Fixture.apiKey, clientID: nil)
    }

    func stop() async {
        await harness.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

func sha256Hex(of path: String) throws -> String {
    SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
}

/// Runs `body` and returns the APIError it threw, or nil.
func apiError(_ body: () async throws -> Void) async -> APIError? {
    do {
        try await body()
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(error)")
        return nil
    }
}

@Suite("InspektlabsClient against the simulator")
struct InspektlabsClientTests {
    @Test("authenticate gives a session and tokens whose exp sets the expiry")
    func authenticateSucceeds() async throws {
        let fixture = try await Fixture.start(.init(tokenTTL: 120, processingDelay: 0.2))
        defer { Task { await fixture.stop() } }
        let before = Date()
        let auth = try await fixture.client.authenticate(apiKey: Fixture.apiKey, clientID: "kiosk-1")
        #expect(auth.session.hasPrefix("in"))
        #expect(auth.accessToken != auth.refreshToken)
        #expect(auth.expiresAt > before.addingTimeInterval(110))
        #expect(auth.expiresAt < before.addingTimeInterval(125))
        let second = try await fixture.authenticate()
        #expect(second.session != auth.session, "every call gives a new session")
    }

    @Test("authenticate: each documented refusal maps to its error")
    func authenticateErrors() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        #expect(await apiError { _ = try await fixture.client.authenticate(apiKey: "", clientID: nil) } == .invalidAPIKey)
        #expect(
            await apiError { _ = try await fixture.client.authenticate(apiKey: "sk_wrong", clientID: nil) } == .apiKeyNotValid)

        // Only POST is allowed; the client never sends anything else, so ask with GET directly.
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: fixture.harness.baseURL + "/api/authenticate"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        let reply = InspektlabsClient.Reply(status: Int(response.status.code), body: body)
        #expect(reply.status == 405)
        #expect(InspektlabsClient.error(from: reply) == .methodNotAllowed)
    }

    @Test("upload receipt: each file's SHA-256 from the bytes sent equals what the server received, with body size and time")
    func uploadReceiptCarriesTheDigestsOfTheBytesSent() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let files = [
            try fixture.photo(.front, name: "IMG_0001.jpg", seed: 11, width: 400, height: 300),
            try fixture.photo(.damage, name: "IMG_0002.jpg", seed: 12, width: 320, height: 240),
        ]
        let auth = try await fixture.authenticate()
        let announced = Mutex<[Int: String]>([:])
        let receipt = try await fixture.client.uploadWithReceipt(
            UploadRequest(session: auth.session, caseID: "CASE-RECEIPT", files: files), auth: auth,
            progress: { _ in }, fileSent: { index, digest in announced.withLock { $0[index] = digest } })

        let entry = try #require(await fixture.harness.ledger().first)
        #expect(receipt.session == auth.session)
        #expect(receipt.sha256 == entry.files.map(\.sha256))
        #expect(receipt.sha256 == (try files.map { try sha256Hex(of: $0.path) }))
        #expect(announced.withLock { $0 } == [0: receipt.sha256[0], 1: receipt.sha256[1]])
        #expect(receipt.bodyBytes > files.reduce(0) { $0 + $1.size })
        #expect(receipt.uploadSeconds > 0)
    }

    @Test("upload with digests from the selection: the bytes sent are hashed again; a file whose bytes differ is refused before the body ends")
    func uploadWithDigestsGivenChecksTheBytesSent() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        var files = [
            try fixture.photo(.front, name: "IMG_0001.jpg", seed: 21, width: 400, height: 300),
            try fixture.photo(.rear, name: "IMG_0002.jpg", seed: 22),
        ]
        files[0].sha256 = try sha256Hex(of: files[0].path)
        files[1].sha256 = try sha256Hex(of: files[1].path)
        let auth = try await fixture.authenticate()
        let receipt = try await fixture.client.uploadWithReceipt(
            UploadRequest(session: auth.session, caseID: "CASE-GIVEN", files: files), auth: auth, progress: { _ in })
        let entry = try #require(await fixture.harness.ledger().first)
        #expect(receipt.sha256 == files.map { $0.sha256 ?? "" })
        #expect(entry.files.map(\.sha256) == receipt.sha256)

        // Same size, other bytes than when it was chosen: the closing boundary never leaves, nothing is accepted.
        files[1].sha256 = String(repeating: "0", count: 64)
        let second = try await fixture.authenticate()
        await #expect(throws: (any Error).self) {
            _ = try await fixture.client.uploadWithReceipt(
                UploadRequest(session: second.session, caseID: "CASE-CHANGED", files: files), auth: second, progress: { _ in })
        }
        #expect(await fixture.harness.ledger().count == 1)
    }

    @Test("upload: one request, the server receives every byte under the slot-prefixed names; progress reaches the total")
    func uploadSucceeds() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let files = [
            try fixture.photo(.front, name: "IMG_0001.jpg", seed: 1, width: 400, height: 300),
            try fixture.photo(.frontLeft, name: "IMG_0042.jpg", seed: 2, width: 640, height: 480),
            try fixture.photo(.damage, name: "close up.jpeg", seed: 3),
        ]
        let auth = try await fixture.authenticate()
        let reports = Mutex<[UploadProgress]>([])
        let accepted = try await fixture.client.upload(
            UploadRequest(
                session: auth.session, caseID: "CASE-12345", files: files, emailID: "desk@example.com",
                callbackURL: nil, agentID: "A7", agentName: "Ana"),
            auth: auth
        ) { progress in reports.withLock { $0.append(progress) } }
        #expect(accepted == auth.session)

        let ledger = await fixture.harness.ledger()
        #expect(ledger.count == 1)
        let entry = try #require(ledger.first)
        #expect(entry.caseID == "CASE-12345")
        #expect(entry.session == auth.session)
        #expect(entry.files.map(\.name) == ["front_IMG_0001.jpg", "front-left_IMG_0042.jpg", "damage_close up.jpeg"])
        #expect(entry.files.map(\.size) == files.map(\.size))
        #expect(entry.files.map(\.sha256) == (try files.map { try sha256Hex(of: $0.path) }))

        let all = reports.withLock { $0 }
        let last = try #require(all.last)
        #expect(last.sent == last.total)
        #expect(last.total == files.reduce(0) { $0 + $1.size })
        #expect(last.current == nil)
        #expect(last.files.map(\.name) == files.map(\.uploadName))
        // Bytes only ever go forward.
        for (earlier, later) in zip(all, all.dropFirst()) { #expect(earlier.sent <= later.sent) }

        // Tokens and the key never reach the log.
        let logText = fixture.log.text
        #expect(logText.contains("upload accepted"))
        #expect(!logText.contains(auth.accessToken))
        #expect(!logText.contains(auth.refreshToken))
        #expect(!logText.contains(Fixture.apiKey))
    }

    @Test("the upload Bearer is the refresh token: the access token in its place gets 401 token invalid")
    func bearerIsRefreshToken() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let files = [try fixture.photo(.front, name: "IMG_1.jpg")]
        let auth = try await fixture.authenticate()
        #expect(auth.uploadBearer == auth.refreshToken)
        // The "natural" mistake: the access token as Bearer.
        let swapped = AuthSession(
            session: auth.session, accessToken: auth.accessToken, refreshToken: auth.accessToken, issuedAt: auth.issuedAt,
            expiresAt: auth.expiresAt)
        let request = UploadRequest(session: auth.session, caseID: "CASE-1", files: files)
        #expect(await apiError { _ = try await fixture.client.upload(request, auth: swapped) { _ in } } == .tokenInvalid)
        #expect(await fixture.harness.ledger().isEmpty)
        // The same request with the right Bearer is accepted: the session was not spent by the refusal.
        #expect(try await fixture.client.upload(request, auth: auth) { _ in } == auth.session)
    }

    @Test("upload: each documented refusal maps to its error")
    func uploadErrors() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let photo = try fixture.photo(.front, name: "IMG_1.jpg")

        // Missing a required field: no photos at all.
        var auth = try await fixture.authenticate()
        #expect(
            await apiError {
                _ = try await fixture.client.upload(.init(session: auth.session, caseID: "CASE-1", files: []), auth: auth) { _ in }
            } == .missingRequiredField)

        // Unsupported file type: a .jpg that is really text.
        let fakePath = fixture.directory + "/notes.jpg"
        try Data("this is not a photo, just some text".utf8).write(to: URL(fileURLWithPath: fakePath))
        let fake = try fixture.file(at: fakePath, slot: .rear)
        #expect(
            await apiError {
                _ = try await fixture.client.upload(
                    .init(session: auth.session, caseID: "CASE-1", files: [photo, fake]), auth: auth) { _ in }
            } == .unsupportedFileType("rear_notes.jpg"))

        // Too many files: 100 tiny photos.
        let hundred = (0..<100).map { index in
            UploadFile(path: photo.path, uploadName: "damage_\(index).jpg", size: photo.size, mediaType: .jpeg)
        }
        #expect(
            await apiError {
                _ = try await fixture.client.upload(.init(session: auth.session, caseID: "CASE-1", files: hundred), auth: auth) { _ in }
            } == .tooManyFiles)

        // Images and videos mixed: a photo and a (minimal but plausible) MP4 over 1 MB.
        let videoPath = fixture.directory + "/walk.mp4"
        var video = Data([0, 0, 0, 0x18] + Array("ftypisom".utf8))
        video.append(Data(count: 1_200_000))
        try video.write(to: URL(fileURLWithPath: videoPath))
        let clip = try fixture.file(at: videoPath, slot: .damage, mediaType: .mp4)
        #expect(
            await apiError {
                _ = try await fixture.client.upload(.init(session: auth.session, caseID: "CASE-1", files: [photo, clip]), auth: auth) { _ in }
            } == .mixedMedia)

        // A session the server never issued.
        #expect(
            await apiError {
                _ = try await fixture.client.upload(
                    .init(session: "in999920250101000000", caseID: "CASE-1", files: [photo]), auth: auth) { _ in }
            } == .sessionNotIssued)

        // A spent session: accepted once, then "already exists".
        auth = try await fixture.authenticate()
        let request = UploadRequest(session: auth.session, caseID: "CASE-2", files: [photo])
        #expect(try await fixture.client.upload(request, auth: auth) { _ in } == auth.session)
        #expect(await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } } == .inspectionAlreadyExists)
        #expect(await fixture.harness.ledger().map(\.caseID) == ["CASE-2"])
    }

    @Test("500 Server Side Issue maps to a retryable error")
    func serverSideIssue() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, failRate: 1))
        defer { Task { await fixture.stop() } }
        let error = await apiError { _ = try await fixture.authenticate() }
        #expect(error == .serverSideIssue)
        #expect(error?.isRetryable == true)
    }

    @Test("a reply lost after acceptance is connectionLost; the retry meets already-exists")
    func lostReply() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, dropRate: 1, maxDrops: 1))
        defer { Task { await fixture.stop() } }
        let auth = try await fixture.authenticate()
        let request = UploadRequest(session: auth.session, caseID: "CASE-3", files: [try fixture.photo(.front, name: "a.jpg")])
        let first = await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
        guard case .connectionLost = first else {
            Issue.record("expected connectionLost, got \(String(describing: first))")
            return
        }
        #expect(first?.isRetryable == true)
        #expect(await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } } == .inspectionAlreadyExists)
        #expect(await fixture.harness.ledger().count == 1)
    }

    @Test("no bytes moving for the stall timeout: stalled, well before any total timeout")
    func stall() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, bandwidth: 1), stallTimeout: 3)
        defer { Task { await fixture.stop() } }
        let auth = try await fixture.authenticate()
        let request = UploadRequest(session: auth.session, caseID: "CASE-4", files: [try fixture.photo(.front, name: "a.jpg")])
        let started = ContinuousClock.now
        #expect(await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } } == .stalled(seconds: 3))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("a slow reply (latency) longer than the stall timeout on authenticate is stalled too")
    func slowReply() async throws {
        let fixture = try await Fixture.start(.init(processingDelay: 0.2, latency: 3), stallTimeout: 0.5)
        defer { Task { await fixture.stop() } }
        #expect(await apiError { _ = try await fixture.authenticate() } == .stalled(seconds: 0.5))
    }

    @Test("a photo gone before sending stops the upload with a file problem, nothing accepted")
    func vanishedFile() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let auth = try await fixture.authenticate()
        let kept = try fixture.photo(.front, name: "a.jpg")
        let gone = try fixture.photo(.rear, name: "b.jpg")
        try FileManager.default.removeItem(atPath: gone.path)
        let error = await apiError {
            _ = try await fixture.client.upload(.init(session: auth.session, caseID: "C-5", files: [kept, gone]), auth: auth) { _ in }
        }
        #expect(error == APIError.fileProblem(.missing(name: "rear_b.jpg")))
        #expect(await fixture.harness.ledger().isEmpty)
    }

    @Test("nothing listening: unreachable (connection refused) within the connect timeout, not a stall")
    func nothingListening() async throws {
        // A port held bound but never listening: connecting is refused, and no other test's server
        // can take the port meanwhile (a stopped server's port could be handed to one).
        let closed = try ClosedPort()
        defer { closed.release() }
        let base = "http://127.0.0.1:\(closed.port)"
        // A long stall timeout: only the connect timeout may end this.
        let client = InspektlabsClient(baseURL: base, stallTimeout: 30, logger: { var l = Logger(label: "test"); l.logLevel = .trace; return l }(), connectTimeout: 2)
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

/// A loopback TCP port bound without listening, so that every connection to it is refused.
struct ClosedPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func release() { close(descriptor) }
}
