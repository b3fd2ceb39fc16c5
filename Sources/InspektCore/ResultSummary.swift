import Foundation

/// One damaged part from a result's bounding boxes.
public struct DamagedPart: Sendable, Codable, Hashable {
    public var part: String
    public var damageType: String
    public var severity: Double?
    public var confidence: Double?
    /// The photo it was seen on: the image's `originalImageId` (the part name the upload sent).
    public var photo: String?

    public init(part: String, damageType: String, severity: Double? = nil, confidence: Double? = nil, photo: String? = nil) {
        self.part = part
        self.damageType = damageType
        self.severity = severity
        self.confidence = confidence
        self.photo = photo
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
    /// `preInspection.recommendationStatus`, e.g. `Review` or `Approved`.
    public var recommendation: String?

    public init(
        verdict: Verdict, caseID: String?, inspectionID: String, message: String? = nil,
        uploadStatus: String? = nil, vehicleType: String? = nil, damagedParts: [DamagedPart] = [],
        readings: [String: String] = [:], reportURL: String? = nil, recommendation: String? = nil
    ) {
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
    public var damagedPartCount: Int { Set(damagedParts.map(\.part)).count }
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
        case .unknownStatus(let status): "The result status \"\(SafeText.escape(status))\" is neither Available nor Rejected."
        }
    }
}

/// Reads the fields this project uses from an Inspektlabs result JSON; unknown fields are ignored, never refused.
public enum ResultDocument {
    public static func summary(from data: Data) throws(ResultDocumentError) -> ResultSummary {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch { throw .malformedJSON }
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
                        photo: image["originalImageId"] as? String))
            }
        }
        var readings: [String: String] = [:]
        for (key, value) in root["vehicleReadings"] as? [String: Any] ?? [:] {
            if let text = value as? String, !text.isEmpty { readings[key] = text }
            else if let n = number(value) { readings[key] = String(describing: n) }
        }
        let preInspection = root["preInspection"] as? [String: Any]
        let message = root["message"] as? String ?? preInspection?["message"] as? String
        return ResultSummary(
            verdict: verdict, caseID: root["caseId"] as? String, inspectionID: inspectionID,
            message: message, uploadStatus: root["uploadStatus"] as? String,
            vehicleType: root["vehicleType"] as? String, damagedParts: parts, readings: readings,
            reportURL: root["reportURL"] as? String,
            recommendation: preInspection?["recommendationStatus"] as? String)
    }

    private static func number(_ value: Any?) -> Double? {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        if let s = value as? String { return Double(s) }
        return nil
    }
}
