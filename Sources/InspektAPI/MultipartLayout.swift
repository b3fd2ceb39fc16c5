import Foundation
import NIOCore

/// The shape of one multipart/form-data upload body: small fixed byte runs between whole files.
///
/// Knowing every run and file size up front gives the exact Content-Length, so the body goes out
/// with a length (never chunked) while the files themselves are read from disk as it is sent.
struct MultipartLayout: Sendable {
    enum Segment: Sendable {
        case bytes(ByteBuffer)
        /// The contents of `files[index]`.
        case file(Int)
    }

    let boundary: String
    let segments: [Segment]
    let contentLength: Int64

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    init(request: UploadRequest, boundary: String = MultipartLayout.makeBoundary()) {
        self.boundary = boundary
        var fields: [(String, String)] = [("type", "file"), ("session", request.session), ("case_id", request.caseID)]
        let optional: [(String, String?)] = [
            ("email_id", request.emailID), ("callback_url", request.callbackURL), ("agent_id", request.agentID),
            ("agent_name", request.agentName),
        ]
        for (name, value) in optional {
            if let value, !value.isEmpty { fields.append((name, value)) }
        }

        var segments: [Segment] = []
        var pending = ""
        for (name, value) in fields {
            pending += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        var length: Int64 = 0
        func flush() {
            guard !pending.isEmpty else { return }
            let buffer = ByteBuffer(string: pending)
            length += Int64(buffer.readableBytes)
            segments.append(.bytes(buffer))
            pending = ""
        }
        for (index, file) in request.files.enumerated() {
            pending += "--\(boundary)\r\n"
            pending +=
                "Content-Disposition: form-data; name=\"files\"; filename=\"\(Self.quoted(file.uploadName))\"\r\n"
            pending += "Content-Type: \(file.mediaType.mimeType)\r\n\r\n"
            flush()
            segments.append(.file(index))
            length += file.size
            pending = "\r\n"
        }
        pending += "--\(boundary)--\r\n"
        flush()
        self.segments = segments
        self.contentLength = length
    }

    /// A boundary that cannot occur by chance in a photo: 128 random bits, 40 characters (RFC 2046 allows 70).
    static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return "inspekt-" + hex.joined()
    }

    /// A file name made safe inside a quoted header parameter (as browsers do: quote and line breaks escaped).
    static func quoted(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
