import Crypto
import Foundation

/// HS256 JSON Web Tokens as the simulator issues them: which session, which role, when they expire.
struct JSONWebToken: Sendable {
    /// The two tokens `/api/authenticate` returns; only `refresh` opens `/api/upload`.
    enum Role: String, Codable, Sendable {
        case access
        case refresh
    }

    struct Claims: Codable, Sendable, Equatable {
        var sub: String
        var session: String
        var role: Role
        var iat: Int
        var exp: Int
        var jti: String
    }

    /// Raw key bytes: `SymmetricKey` itself is not Sendable.
    private let keyBytes: [UInt8]

    init(keyBytes: [UInt8]) {
        self.keyBytes = keyBytes
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    func sign(_ claims: Claims) -> String {
        let header = Self.base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = Self.base64URL((try? encoder.encode(claims)) ?? Data())
        let signingInput = header + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Self.base64URL(Data(mac))
    }

    /// The claims of a token signed with this key that has not expired at `now`; nil otherwise.
    func verify(_ token: String, now: Date) -> Claims? {
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3, let signature = Self.decodeBase64URL(pieces[2]),
            let headerData = Self.decodeBase64URL(pieces[0]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            header["alg"] as? String == "HS256"
        else { return nil }
        let signingInput = Data("\(pieces[0]).\(pieces[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key),
            let payload = Self.decodeBase64URL(pieces[1]),
            let claims = try? JSONDecoder().decode(Claims.self, from: payload),
            Double(claims.exp) > now.timeIntervalSince1970
        else { return nil }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
