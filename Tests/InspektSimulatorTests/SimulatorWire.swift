import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Raw HTTP against the simulator, as any client would speak it (never through InspektAPI).
struct SimulatorWire {
    let baseURL: String
    var client: HTTPClient = .shared

    struct Reply {
        var status: Int
        var body: [String: Any]
        var text: String

        var message: String? { body["message"] as? String }
    }

    struct Grant {
        var session: String
        var accessToken: String
        var refreshToken: String
    }

    func send(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let data = try await response.body.collect(upTo: 10 << 20)
        let bytes = Data(buffer: data)
        let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] ?? [:]
        return Reply(status: Int(response.status.code), body: object, text: String(decoding: bytes, as: UTF8.self))
    }

    func authenticateRaw(_ json: String, method: HTTPMethod = .POST) async throws -> Reply {
        try await send(
            method, "/api/authenticate", headers: [("Content-Type", "application/json")], body: Array(json.utf8))
    }

    func authenticate(key: String = "demo-key") async throws -> Grant {
        let reply = try await authenticateRaw(#"{"key":"\#(key)"}"#)
        guard reply.status == 200, let session = reply.body["session"] as? String,
            let access = reply.body["access_token"] as? String, let refresh = reply.body["refresh_token"] as? String
        else { throw WireError.unexpected(reply.status, reply.text) }
        return Grant(session: session, accessToken: access, refreshToken: refresh)
    }

    func upload(bearer: String?, form: MultipartForm, timeout: TimeAmount = .seconds(60)) async throws -> Reply {
        var headers = [("Content-Type", form.contentType)]
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        return try await send(.POST, "/api/upload", headers: headers, body: form.bytes, timeout: timeout)
    }

    enum WireError: Error {
        case unexpected(Int, String)
    }
}

/// A multipart/form-data body built in memory (the test files are small).
struct MultipartForm {
    let boundary = "----inspekt-test-\(UUID().uuidString)"
    private(set) var bytes: [UInt8] = []
    private var closed = false

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(
        _ name: String, _ content: [UInt8], field: String = "files", type: String = "application/octet-stream"
    ) {
        bytes += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n"
                .utf8)
        bytes += content
        bytes += Array("\r\n".utf8)
    }

    /// Adds the closing delimiter and returns the finished form.
    func finished() -> MultipartForm {
        var copy = self
        if !copy.closed {
            copy.bytes += Array("--\(boundary)--\r\n".utf8)
            copy.closed = true
        }
        return copy
    }

    /// The standard form of an upload: type, session, case_id, then the files.
    static func upload(
        session: String, caseID: String = "CASE-1", files: [(String, [UInt8])], callbackURL: String? = nil,
        extra: [(String, String)] = []
    ) -> MultipartForm {
        var form = MultipartForm()
        form.field("type", "file")
        form.field("session", session)
        form.field("case_id", caseID)
        if let callbackURL { form.field("callback_url", callbackURL) }
        for (name, value) in extra { form.field(name, value) }
        for (name, content) in files { form.file(name, content) }
        return form.finished()
    }
}

/// Minimal but well-formed image bytes: enough for type sniffing and dimension reading.
enum TestImages {
    /// SOI, APP0 (JFIF), SOF0 with the given size, filler scan data, EOI; `seed` varies the bytes (and so the hash).
    static func jpeg(width: Int, height: Int, seed: Int = 0, padding: Int = 256) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes +=
            [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [
                0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            ]
        bytes += [
            0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8),
            UInt8(width & 0xFF), 0x03,
        ]
        bytes += [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        bytes += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]
        var state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15
        for _ in 0..<padding {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let byte = UInt8(truncatingIfNeeded: state >> 33)
            bytes.append(byte == 0xFF ? 0xFE : byte)
        }
        bytes += [0xFF, 0xD9]
        return bytes
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        bytes += Array("IHDR".utf8)
        for value in [width, height] {
            bytes += [
                UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF),
            ]
        }
        bytes += [0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        return bytes
    }

    /// An MP4 header (ftyp isom) followed by filler up to `size` bytes.
    static func mp4(size: Int) -> [UInt8] {
        var bytes: [UInt8] =
            [0x00, 0x00, 0x00, 0x18] + Array("ftypisom".utf8) + [0x00, 0x00, 0x02, 0x00] + Array("isomiso2".utf8)
        bytes += [UInt8](repeating: 0x00, count: max(0, size - bytes.count))
        return bytes
    }
}
