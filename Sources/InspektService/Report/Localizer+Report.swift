import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// The words the report and the command line share with the screens, in the operator's language.
extension Localizer {
    /// A time as the report writes it: `2026-12-07 11:23:52 +00:00` in English, the day first where the language
    /// puts it first. Written from its parts, with no locale data to load.
    func reportDate(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy|MM|dd|HH:mm:ss|xxx"
        let parts = formatter.string(from: date).split(separator: "|").map(String.init)
        guard parts.count == 5 else { return formatter.string(from: date) }
        return self(
            "report.date", ["year": parts[0], "month": parts[1], "day": parts[2], "time": parts[3], "zone": parts[4]])
    }

    /// Why a photo is not shown, after its file name.
    func reason(_ photo: ReportPhoto) -> String? {
        switch photo {
        case .verified: nil
        case .missing: self("report.photo.missing")
        case .changed: self("report.photo.changed")
        case .unverified: self("report.photo.unverified")
        case .tooLarge: self("report.photo.too-large")
        case .notAnImage: self("report.photo.not-an-image")
        case .video: self("report.photo.video")
        }
    }

    /// The receipt's word for a photo.
    func receiptWord(_ photo: ReportPhoto) -> String {
        switch photo {
        case .verified: self("report.receipt.verified")
        case .missing: self("report.receipt.missing")
        case .changed: self("report.receipt.changed")
        case .unverified: self("report.receipt.unverified")
        case .tooLarge: self("report.receipt.too-large")
        case .notAnImage: self("report.receipt.not-an-image")
        case .video: self("report.receipt.video")
        }
    }

    /// A reading Inspektlabs made off the car ("Odometer", `ResultSummary.vehicleReadings`), by its title.
    func reading(_ title: String) -> String {
        switch title {
        case "Odometer": self("report.reading.odometer")
        case "VIN": self("report.reading.vin")
        case "Plate": self("report.reading.plate")
        case "Make/model": self("report.reading.make-model")
        case "Colour": self("report.reading.colour")
        default: title
        }
    }
}
