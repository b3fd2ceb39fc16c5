import Foundation

/// One file of an accepted upload, as the simulator received it.
public struct LedgerFile: Codable, Sendable, Hashable {
    /// The multipart file name, e.g. `front-left_IMG_0042.jpg`.
    public var name: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes received.
    public var sha256: String
    /// Pixel size read from the image's header, when it showed one (a comparison's result reports it again).
    public var width: Int?
    public var height: Int?

    public init(name: String, size: Int64, sha256: String, width: Int? = nil, height: Int? = nil) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.width = width
        self.height = height
    }
}

/// One accepted inspection, as `GET /__simulator/ledger` lists it.
public struct LedgerEntry: Codable, Sendable, Hashable {
    /// An upload (`inspection`) or an incremental-damage request (`comparison`).
    public enum Kind: String, Codable, Sendable, Hashable {
        case inspection
        case comparison
    }

    public var caseID: String
    public var session: String
    public var files: [LedgerFile]
    public var acceptedAt: Date
    public var callbackURL: String?
    public var kind: Kind
    /// For a comparison: the earlier and the later inspection compared.
    public var inspectionID1: String?
    public var inspectionID2: String?

    public init(
        caseID: String, session: String, files: [LedgerFile], acceptedAt: Date, callbackURL: String?,
        kind: Kind = .inspection, inspectionID1: String? = nil, inspectionID2: String? = nil
    ) {
        self.caseID = caseID
        self.session = session
        self.files = files
        self.acceptedAt = acceptedAt
        self.callbackURL = callbackURL
        self.kind = kind
        self.inspectionID1 = inspectionID1
        self.inspectionID2 = inspectionID2
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case session
        case files
        case acceptedAt = "accepted_at"
        case callbackURL = "callback_url"
        case kind
        case inspectionID1 = "inspection_id_1"
        case inspectionID2 = "inspection_id_2"
    }

    /// Reads entries written before comparisons existed as inspections.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caseID = try container.decode(String.self, forKey: .caseID)
        session = try container.decode(String.self, forKey: .session)
        files = try container.decode([LedgerFile].self, forKey: .files)
        acceptedAt = try container.decode(Date.self, forKey: .acceptedAt)
        callbackURL = try container.decodeIfPresent(String.self, forKey: .callbackURL)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .inspection
        inspectionID1 = try container.decodeIfPresent(String.self, forKey: .inspectionID1)
        inspectionID2 = try container.decodeIfPresent(String.self, forKey: .inspectionID2)
    }

    /// Writes absent values as null, so every entry has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(session, forKey: .session)
        try container.encode(files, forKey: .files)
        try container.encode(acceptedAt, forKey: .acceptedAt)
        try container.encode(callbackURL, forKey: .callbackURL)
        try container.encode(kind, forKey: .kind)
        try container.encode(inspectionID1, forKey: .inspectionID1)
        try container.encode(inspectionID2, forKey: .inspectionID2)
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
