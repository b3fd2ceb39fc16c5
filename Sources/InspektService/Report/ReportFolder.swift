import Foundation
import InspektCore

/// Where reports and receipts are written: `INSPEKT_REPORT_DIR`, else `~/inspekt-reports`; never the
/// folder the program happened to be started from.
public enum ReportFolder {
    /// The folder for this environment (not made yet).
    public static func path(environment: [String: String]) -> String {
        if let folder = environment["INSPEKT_REPORT_DIR"], !folder.isEmpty { return folder }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent("inspekt-reports")
    }

    /// The folder, made (mode 0700: reports hold customers' photos) when missing; an existing one is used as it is.
    @discardableResult
    public static func prepare(_ folder: String) throws -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ServiceError.invalid(["\(SafeText.escape(folder)) is a file, not a folder."])
            }
            return folder
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServiceError.invalid([
                "The report folder \(SafeText.escape(folder)) cannot be made: \(error.localizedDescription)"
            ])
        }
        return folder
    }

    /// `report-CASE-1-in1234….html`: the case and the inspection id, so that two inspections of a case never collide.
    public static func reportFileName(for inspection: Inspection) -> String {
        "report-\(fileSafe(inspection.facts.caseID))-\(fileSafe(inspection.session ?? inspection.id)).html"
    }

    /// `receipt-CASE-1-in1234….json`.
    public static func receiptFileName(for inspection: Inspection) -> String {
        "receipt-\(fileSafe(inspection.facts.caseID))-\(fileSafe(inspection.session ?? inspection.id)).json"
    }

    /// Text made safe for a file name (case ids are letters, digits and hyphens already).
    public static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" }.prefix(64))
    }
}
