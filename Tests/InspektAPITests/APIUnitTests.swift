import Foundation
import InspektCore
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import InspektAPI

/// base64url without padding, as JWTs carry it.
func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

func jwt(payload: String) -> String {
    base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + base64URL(Data(payload.utf8)) + ".c2ln"
}

@Suite("AuthSession")
struct AuthSessionTests {
    @Test("exp claim gives the expiry")
    func expClaim() {
        let issued = Date(timeIntervalSince1970: 1_757_000_000)
        let token = jwt(payload: #"{"sub":"in1","exp":1757000120,"iat":1757000000}"#)
        #expect(AuthSession.expiry(ofJWT: token, issuedAt: issued) == Date(timeIntervalSince1970: 1_757_000_120))
    }

    @Test("base64url payloads with - and _ and no padding decode")
    func base64URLPayload() {
        // A payload whose base64 has '+' and '/' (so base64url has '-' and '_') and needs padding.
        let payload = #"{"exp":1757000999,"n":"ÿ?>~"}"#
        let encoded = base64URL(Data(payload.utf8))
        #expect(encoded.contains("-") || encoded.contains("_"))
        let token = "aGVhZGVy." + encoded + ".sig"
        #expect(AuthSession.expiry(ofJWT: token, issuedAt: Date()) == Date(timeIntervalSince1970: 1_757_000_999))
    }

    @Test(
        "no exp, a malformed token, or an opaque token: issue time + 15 minutes",
        arguments: [
            jwt(payload: #"{"sub":"in1"}"#), "not-a-jwt", "a.!!!.b", jwt(payload: "[1,2]"),
            jwt(payload: #"{"exp":"soon"}"#), "",
            jwt(payload: #"{"exp":1e19}"#), jwt(payload: #"{"exp":-1757000000}"#), jwt(payload: #"{"exp":"1e300"}"#),
        ])
    func fallback(token: String) {
        let issued = Date(timeIntervalSince1970: 1_757_000_000)
        #expect(AuthSession.expiry(ofJWT: token, issuedAt: issued) == issued.addingTimeInterval(900))
    }

    @Test("the session expires with the earlier token; the upload Bearer is the refresh token")
    func sessionExpiry() {
        let issued = Date(timeIntervalSince1970: 1_757_000_000)
        let access = jwt(payload: #"{"exp":1757000300}"#)
        let refresh = jwt(payload: #"{"exp":1757000200}"#)
        let auth = AuthSession(session: "in1", accessToken: access, refreshToken: refresh, issuedAt: issued)
        #expect(auth.expiresAt == Date(timeIntervalSince1970: 1_757_000_200))
        #expect(auth.uploadBearer == refresh)
        #expect(auth.uploadBearer != auth.accessToken)
        #expect(auth.expires(within: 60, at: issued.addingTimeInterval(150)))
        #expect(!auth.expires(within: 60, at: issued.addingTimeInterval(100)))
    }
}

@Suite("APIError")
struct APIErrorTests {
    @Test("every documented reply text maps to its error")
    func documentedTexts() {
        let table: [(Int, String, APIError)] = [
            (400, "Invalid API key", .invalidAPIKey),
            (401, "API Key not valid", .apiKeyNotValid),
            (405, "method not allowed", .methodNotAllowed),
            (401, "token invalid", .tokenInvalid),
            (400, "Please hit authenticate endpoint first and use session from there", .sessionNotIssued),
            (400, "Inspection Id already exists, please generate a new one", .inspectionAlreadyExists),
            (400, "Missing a required field", .missingRequiredField),
            (400, "Unsupported file type: front_IMG 1.jpg", .unsupportedFileType("front_IMG 1.jpg")),
            (400, "Too many files: at most 99 per request", .tooManyFiles),
            (400, "Images and videos cannot be mixed", .mixedMedia),
            (500, "Server Side Issue", .serverSideIssue),
            (418, "I'm a teapot", .unexpected(status: 418, message: "I'm a teapot")),
        ]
        for (status, text, expected) in table {
            #expect(APIError.from(status: status, message: text) == expected, "\(status) \(text)")
        }
    }

    @Test("operator messages say what to do, and never carry raw control characters")
    func operatorMessages() {
        let errors: [APIError] = [
            .invalidAPIKey, .apiKeyNotValid, .methodNotAllowed, .tokenInvalid, .sessionNotIssued,
            .inspectionAlreadyExists, .missingRequiredField, .unsupportedFileType("x\u{1B}[2Jy.jpg"), .tooManyFiles,
            .mixedMedia, .serverSideIssue, .unexpected(status: 502, message: "bad\u{07}gateway"),
            .connectionLost("reset"), .stalled(seconds: 30), .fileProblem(.missing(name: "a.jpg")),
        ]
        for error in errors {
            #expect(!error.operatorMessage.isEmpty)
            #expect(!SafeText.needsEscaping(error.operatorMessage), "\(error.operatorMessage)")
            #expect(!SafeText.needsEscaping(error.description))
        }
        #expect(APIError.apiKeyNotValid.operatorMessage.contains("INSPEKT_API_KEY"))
        #expect(APIError.tooManyFiles.operatorMessage.contains("99"))
    }

    @Test("retryable: network, stall, 5xx and token trouble; not: key, content, already accepted")
    func retryable() {
        for error: APIError in [
            .connectionLost("x"), .stalled(seconds: 1), .serverSideIssue, .tokenInvalid,
            .sessionNotIssued, .unexpected(status: 503, message: ""),
        ] {
            #expect(error.isRetryable, "\(error)")
        }
        for error: APIError in [
            .invalidAPIKey, .apiKeyNotValid, .inspectionAlreadyExists, .missingRequiredField,
            .unsupportedFileType("a"), .tooManyFiles, .mixedMedia, .fileProblem(.missing(name: "a")),
            .unexpected(status: 404, message: ""),
        ] {
            #expect(!error.isRetryable, "\(error)")
        }
    }
}

@Suite("Multipart body")
struct MultipartBodyTests {
    func writeFile(_ directory: String, _ name: String, bytes: Int, seed: UInt8) throws -> String {
        let path = directory + "/" + name
        try Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }).write(
            to: URL(fileURLWithPath: path))
        return path
    }

    /// The body as `send` hands it over, closing boundary included, as the upload writes it.
    func collect(_ layout: MultipartLayout, files: [UploadFile], chunkSize: Int = 64 * 1024) async throws -> [UInt8] {
        let stream = MultipartBodyStream(
            layout: layout, files: files, monitor: TransferMonitor(files: files), chunkSize: chunkSize)
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let body = Mutex<[UInt8]>([])
        try await OwnThread.run(name: "test-body") {
            try stream.send(depth: 1, cancelled: { false }, beforeClosing: {}) { chunk in
                #expect(chunk.readableBytes <= chunkSize, "memory stays at one chunk")
                body.withLock { $0.append(contentsOf: chunk.readableBytesView) }
                return loop.makeSucceededVoidFuture()
            }
        }
        return body.withLock { $0 }
    }

    @Test("the computed length equals the bytes streamed, and the parts are in place")
    func lengthMatches() async throws {
        let directory = NSTemporaryDirectory() + "inspekt-mp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let a = try writeFile(directory, "IMG_1.jpg", bytes: 200_000, seed: 1)
        let b = try writeFile(directory, "IMG_2.jpg", bytes: 10, seed: 2)
        let files = [
            UploadFile(path: a, uploadName: "front-left_IMG_1.jpg", size: 200_000, mediaType: .jpeg),
            UploadFile(path: b, uploadName: "rear_we\"ird\r\n.jpg", size: 10, mediaType: .png),
        ]
        let request = UploadRequest(
            session: "in1", caseID: "CASE-1", files: files, emailID: "a@b.co", callbackURL: nil, agentID: "",
            agentName: "Zoë")
        let layout = MultipartLayout(request: request, boundary: "BOUNDARY")
        let bytes = try await collect(layout, files: files, chunkSize: 4096)
        #expect(Int64(bytes.count) == layout.contentLength)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("--BOUNDARY\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nfile\r\n"))
        #expect(text.contains("name=\"session\"\r\n\r\nin1\r\n"))
        #expect(text.contains("name=\"case_id\"\r\n\r\nCASE-1\r\n"))
        #expect(text.contains("name=\"email_id\"\r\n\r\na@b.co\r\n"))
        #expect(text.contains("name=\"agent_name\"\r\n\r\nZoë\r\n"))
        #expect(!text.contains("agent_id"), "empty optional fields are left out")
        #expect(!text.contains("callback_url"))
        #expect(text.contains("name=\"files\"; filename=\"front-left_IMG_1.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"))
        #expect(text.contains("filename=\"rear_we%22ird%0D%0A.jpg\"\r\nContent-Type: image/png\r\n\r\n"))
        #expect(text.hasSuffix("\r\n--BOUNDARY--\r\n"))
        // The first file's bytes arrive intact.
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: a)))
        let header = Array("filename=\"front-left_IMG_1.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        let start = try #require(bytes.firstRange(of: header)).upperBound
        #expect(Array(bytes[start..<start + original.count]) == original)
    }

    @Test("a file whose size changed, or that is gone, stops the stream with a file problem")
    func changedFile() async throws {
        let directory = NSTemporaryDirectory() + "inspekt-mp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let a = try writeFile(directory, "IMG_1.jpg", bytes: 1000, seed: 1)
        let wrongSize = [UploadFile(path: a, uploadName: "front_IMG_1.jpg", size: 999, mediaType: .jpeg)]
        let layout = MultipartLayout(request: UploadRequest(session: "s", caseID: "C", files: wrongSize))
        await #expect(throws: FileProblem.self) { _ = try await collect(layout, files: wrongSize) }

        let gone = [UploadFile(path: directory + "/nope.jpg", uploadName: "front_nope.jpg", size: 5, mediaType: .jpeg)]
        let goneLayout = MultipartLayout(request: UploadRequest(session: "s", caseID: "C", files: gone))
        await #expect(throws: FileProblem.missing(name: "front_nope.jpg")) {
            _ = try await collect(goneLayout, files: gone)
        }
    }
}

@Suite("Multipart boundary")
struct MultipartBoundaryTests {
    @Test("boundaries are random and within RFC 2046's 70 characters")
    func boundaryLength() {
        let a = MultipartLayout.makeBoundary()
        let b = MultipartLayout.makeBoundary()
        #expect(a != b)
        #expect(a.count == 40)
        #expect(a.count <= 70)
        let request = UploadRequest(session: "s", caseID: "C", files: [])
        #expect(MultipartLayout(request: request, boundary: a).contentType == "multipart/form-data; boundary=\(a)")
    }
}
