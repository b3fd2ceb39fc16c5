import Foundation

/// One damaged part from a result's bounding boxes.
public struct DamagedPart: Sendable, Codable, Hashable {
    public var part: String
    public var damageType: String
    public var severity: Double?
    public var confidence: Double?
    /// The photo it was seen on: the image's `originalImageId` (the part name the upload sent).
    public var photo: String?
    /// Where on that photo, when the result says.
    public var box: DamageBox?

    public init(
        part: String, damageType: String, severity: Double? = nil, confidence: Double? = nil, photo: String? = nil,
        box: DamageBox? = nil
    ) {
        self.part = part
        self.damageType = damageType
        self.severity = severity
        self.confidence = confidence
        self.photo = photo
        self.box = box
    }

    /// The severity when it is a score from 0 to 1; nil (shown as "unknown") for anything else.
    public var shownSeverity: Double? { Self.score(severity) }

    /// The confidence when it is a score from 0 to 1; nil (shown as "unknown") for anything else.
    public var shownConfidence: Double? { Self.score(confidence) }

    /// A result's number as a 0...1 score, or nil: a result may carry 1e300, -1, or NaN sent as text.
    public static func score(_ value: Double?) -> Double? {
        guard let value, value.isFinite, (0...1).contains(value) else { return nil }
        return value
    }
}

/// What the board and the detail screen need from a result JSON; the whole document is kept by the store.
public struct ResultSummary: Sendable, Codable, Hashable {
    public enum Verdict: String, Sendable, Codable, Hashable {
        case available = "Available"
        case rejected = "Rejected"
    }

    public var verdict: Verdict
    public var caseID: String?
    public var inspectionID: String
    /// The rejection reason, or the pre-inspection message.
    public var message: String?
    public var uploadStatus: String?
    public var vehicleType: String?
    public var damagedParts: [DamagedPart]
    public var readings: [String: String]
    public var reportURL: String?
    /// Every bounding box of the document, when `damagedParts` keeps only the first `ResultDocument.maxKeptParts`.
    public var damageEntryCount: Int?
    /// Distinct parts over every box, when `damagedParts` was cut short.
    public var distinctPartCount: Int?
    /// `preInspection.recommendationStatus`, e.g. `Review` or `Approved`.
    public var recommendation: String?
    /// Each relevant image's scores, by `originalImageId`; nil in summaries stored before they were kept.
    public var images: [ImageScores]?

    public init(
        verdict: Verdict, caseID: String?, inspectionID: String, message: String? = nil,
        uploadStatus: String? = nil, vehicleType: String? = nil, damagedParts: [DamagedPart] = [],
        readings: [String: String] = [:], reportURL: String? = nil, damageEntryCount: Int? = nil,
        distinctPartCount: Int? = nil, recommendation: String? = nil, images: [ImageScores]? = nil
    ) {
        self.images = images
        self.damageEntryCount = damageEntryCount
        self.distinctPartCount = distinctPartCount
        self.verdict = verdict
        self.caseID = caseID
        self.inspectionID = inspectionID
        self.message = message
        self.uploadStatus = uploadStatus
        self.vehicleType = vehicleType
        self.damagedParts = damagedParts
        self.readings = readings
        self.reportURL = reportURL
        self.recommendation = recommendation
    }

    /// Distinct damaged parts (by part name).
    public var damagedPartCount: Int { distinctPartCount ?? Set(damagedParts.map(\.part)).count }

    /// Bounding boxes in the result, including any the summary does not keep.
    public var totalDamageEntries: Int { damageEntryCount ?? damagedParts.count }
}

/// Why a result document was refused.
public enum ResultDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformedJSON
    case missingField(String)
    case unknownStatus(String)

    public var description: String {
        switch self {
        case .malformedJSON: "The result is not valid JSON."
        case .missingField(let name): "The result has no \"\(name)\" field."
        case .unknownStatus(let status):
            "The result status \"\(SafeText.escape(status))\" is neither Available nor Rejected."
        }
    }
}

/// Reads the fields this project uses from an Inspektlabs result JSON; unknown fields are ignored, never refused.
public enum ResultDocument {
    /// Nesting read in full; deeper values are read as null (the stored document keeps them).
    public static let maxDepth = 32

    /// Damage entries the summary keeps (it is stored per inspection and read with the board); counts cover all.
    public static let maxKeptParts = 1000

    public static func summary(from data: Data) throws(ResultDocumentError) -> ResultSummary {
        let object: Any
        // Fields this project reads sit a few levels deep; anything nested past 32 levels (a hostile or
        // broken document can nest thousands) is read as null here, while the store keeps the document whole.
        do { object = try JSONSerialization.jsonObject(with: JSONDepthLimit.flattened(data, maxDepth: maxDepth)) } catch
        {
            throw .malformedJSON
        }
        guard let root = object as? [String: Any] else { throw .malformedJSON }
        guard let status = root["status"] as? String else { throw .missingField("status") }
        guard let verdict = ResultSummary.Verdict(rawValue: status) else { throw .unknownStatus(status) }
        guard let inspectionID = root["inspectionId"] as? String, !inspectionID.isEmpty else {
            throw .missingField("inspectionId")
        }
        var parts: [DamagedPart] = []
        for image in root["relevantImages"] as? [[String: Any]] ?? [] {
            for box in image["boundingBoxInformation"] as? [[String: Any]] ?? [] {
                guard let part = box["partComponent"] as? String else { continue }
                parts.append(
                    DamagedPart(
                        part: part, damageType: box["damageType"] as? String ?? "damage",
                        severity: number(box["damageSeverityScore"]), confidence: number(box["confidenceScore"]),
                        photo: image["originalImageId"] as? String,
                        box: DamageBox.read(
                            box["coordinates"], imageWidth: image["imageWidth"], imageHeight: image["imageHeight"])))
            }
        }
        var readings: [String: String] = [:]
        for (key, value) in root["vehicleReadings"] as? [String: Any] ?? [:] {
            if let text = value as? String, !text.isEmpty {
                readings[key] = text
            } else if let n = number(value) {
                readings[key] = String(describing: n)
            }
        }
        let preInspection = root["preInspection"] as? [String: Any]
        let message = root["message"] as? String ?? preInspection?["message"] as? String
        let cut = parts.count > maxKeptParts
        return ResultSummary(
            verdict: verdict, caseID: root["caseId"] as? String, inspectionID: inspectionID,
            message: message, uploadStatus: root["uploadStatus"] as? String,
            vehicleType: root["vehicleType"] as? String, damagedParts: cut ? Array(parts.prefix(maxKeptParts)) : parts,
            readings: readings, reportURL: root["reportURL"] as? String,
            damageEntryCount: cut ? parts.count : nil, distinctPartCount: cut ? Set(parts.map(\.part)).count : nil,
            recommendation: preInspection?["recommendationStatus"] as? String,
            images: ImageScores.read(root["relevantImages"]))
    }

    /// A finite number, from a JSON number or text; nil for anything else. "NaN", "Infinity" and
    /// numbers beyond Double's range are dropped here: the summary is stored as JSON, which has no
    /// spelling for them (the whole document keeps them as they came).
    static func number(_ value: Any?) -> Double? {
        let number: Double?
        switch value {
        case let d as Double: number = d
        case let i as Int: number = Double(i)
        case let s as String: number = Double(s.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number, number.isFinite else { return nil }
        return number
    }
}
