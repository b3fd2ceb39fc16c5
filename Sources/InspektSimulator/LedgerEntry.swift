import Foundation

/// One file of an accepted upload, as the simulator received it.
public struct LedgerFile: Codable, Sendable, Hashable {
    /// The multipart file name, e.g. `front-left_IMG_0042.jpg`.
    public var name: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes received.
    public var sha256: String

    public init(name: String, size: Int64, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }
}

/// One accepted inspection, as `GET /__simulator/ledger` lists it.
public struct LedgerEntry: Codable, Sendable, Hashable {
    public var caseID: String
    public var session: String
    public var files: [LedgerFile]
    public var acceptedAt: Date
    public var callbackURL: String?

    public init(caseID: String, session: String, files: [LedgerFile], acceptedAt: Date, callbackURL: String?) {
        self.caseID = caseID
        self.session = session
        self.files = files
        self.acceptedAt = acceptedAt
        self.callbackURL = callbackURL
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case session
        case files
        case acceptedAt = "accepted_at"
        case callbackURL = "callback_url"
    }

    /// Writes `callback_url` as null when absent, so every entry has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(session, forKey: .session)
        try container.encode(files, forKey: .files)
        try container.encode(acceptedAt, forKey: .acceptedAt)
        try container.encode(callbackURL, forKey: .callbackURL)
    }
}

/// The body of `GET /__simulator/ledger`.
public struct Ledger: Codable, Sendable {
    public var inspections: [LedgerEntry]

    public init(inspections: [LedgerEntry]) { self.inspections = inspections }

    /// The encoder the ledger endpoint uses (ISO 8601 dates with milliseconds); decode with `Ledger.decoder`.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatter().string(from: date))
        }
        return encoder
    }

    /// Decodes what `encoder` writes.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = formatter().date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        return decoder
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
