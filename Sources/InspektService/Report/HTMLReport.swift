import Foundation
import InspektCore

/// One self-contained HTML file a rental desk can hand over: photos embedded as `data:` URIs, damage boxes
/// drawn in inline SVG, no script, no network reference. Printed, the first A4 page says what a customer
/// signs — the car, the dates, the damage in words with a picture of each, the verdict — every photo starts a
/// page of its own, and the receipt (ids, sessions, hashes) comes last.
public enum HTMLReport {
    /// The boxes' two strokes: a dark one inside a light one, so that a box shows on any paint, in colour and
    /// on a greyscale laser print (a dark car keeps the light stroke, a white car the dark one).
    public static let boxDark = "#80001a"
    public static let boxLight = "#ffe14d"

    /// The whole document. `image` reads a photo (embedded only when its bytes are those sent).
    public static func document(_ content: ReportContent, image: @escaping (PhotoSelection) -> ReportPhoto) -> String {
        let photo = PhotoCache(image).photo
        let inspection = content.inspection
        let subject = inspection.facts.vehicle.isEmpty ? inspection.facts.caseID : inspection.facts.vehicle
        let title = (content.comparison == nil ? "Damage report — " : "New damage since pickup — ") + subject
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(HTML.text(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        let pages = content.pages
        html += summary(content, title: title, pages: pages, photo: photo)
        for (index, page) in pages.enumerated() {
            html +=
                page.photo.photo.slot == .video
                ? videoPage(page) : photoPage(page, index: index + 1, content: content, image: photo)
        }
        html += receipt(content, photo: photo)
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: First page

    static func summary(
        _ content: ReportContent, title: String, pages: [ReportContent.Page],
        photo: (PhotoSelection) -> ReportPhoto
    ) -> String {
        let inspection = content.inspection
        let facts = inspection.facts
        var html = "<section class=\"summary\">\n<h1>\(HTML.text(title))</h1>\n"
        html += verdict(content)
        html += "<table class=\"facts\">\n"
        html += HTML.row("Car", car(content))
        if let comparison = content.comparison {
            html += HTML.row("Pickup", side(comparison.before, content))
            html += HTML.row("Return", side(comparison.after, content))
            html += HTML.row("Compared", HTML.text(date(inspection.createdAt, content)))
        } else {
            html += HTML.row("Case", HTML.text(facts.caseID))
            html += HTML.row("Inspected", HTML.text(date(inspection.createdAt, content)))
            let agent = [facts.agentID, facts.agentName].filter { !$0.isEmpty }.joined(separator: " — ")
            html += HTML.row("Agent", HTML.text(agent.isEmpty ? "not entered" : agent))
            html += HTML.row("Kiosk", HTML.text(content.kiosk(of: inspection)))
            if let video = content.video { html += HTML.row("Video walk-around", HTML.text(videoFacts(video))) }
        }
        if !facts.notes.isEmpty { html += HTML.row("Notes", HTML.text(facts.notes)) }
        html += "</table>\n"
        html += damageList(content, pages: pages, photo: photo)
        html += "</section>\n"
        return html
    }

    /// "2 new damages found", "No damage found", with its meaning as a colour and a glyph; then the recommendation.
    static func verdict(_ content: ReportContent) -> String {
        guard let result = content.inspection.result else {
            return "<p class=\"verdict pending\">No result yet: \(HTML.text(content.inspection.state.title))</p>\n"
        }
        guard result.verdict == .available else {
            return "<p class=\"verdict bad\">Rejected: \(HTML.text(result.message ?? "no reason given"))</p>\n"
        }
        let words = content.comparison == nil ? damageFoundWords(result) : NewDamagePhotos.verdictWords(result)
        var html =
            "<p class=\"verdict \(result.isClean ? "ok" : "warn")\">\(result.isClean ? "✓" : "!") \(HTML.text(words))</p>\n"
        if let recommendation = result.recommendation, !recommendation.isEmpty {
            html += "<p class=\"message\">Inspektlabs recommends: \(HTML.text(recommendation))"
            if let message = result.message, !message.isEmpty { html += " — \(HTML.text(message))" }
            html += "</p>\n"
        } else if let message = result.message, !message.isEmpty {
            html += "<p class=\"message\">\(HTML.text(message))</p>\n"
        }
        return html
    }

    /// "No damage found", "1 damage found", "3 damages found".
    static func damageFoundWords(_ result: ResultSummary) -> String {
        switch result.totalDamageEntries {
        case 0: "No damage found"
        case 1: "1 damage found"
        case let count: "\(count) damages found"
        }
    }

    /// The car: plate or VIN as entered, its type, and what Inspektlabs read off it (make, model, colour, odometer).
    static func car(_ content: ReportContent) -> String {
        let inspection = content.inspection
        var html = HTML.text(inspection.facts.vehicle.isEmpty ? "not entered" : inspection.facts.vehicle)
        if let type = inspection.facts.vehicleType { html += " (\(HTML.text(type.title)))" }
        let result = inspection.result ?? content.comparison?.after?.result
        if let readings = result?.vehicleReadings, !readings.isEmpty {
            html +=
                "<br><span class=\"readings\">"
                + readings.map { "\(HTML.text($0.title)): \(HTML.text($0.value))" }.joined(separator: " · ") + "</span>"
        }
        if let result, let seen = result.differingVehicleType(entered: inspection.facts.vehicleType) {
            let entered = inspection.facts.vehicleType?.title ?? ""
            html += "<br><span class=\"warn\">Vehicle type \(HTML.text(seen)) (entered: \(HTML.text(entered)))</span>"
        }
        return html
    }

    /// One side of a comparison: when, its case, its agent and the kiosk that captured it.
    static func side(_ inspection: Inspection?, _ content: ReportContent) -> String {
        guard let inspection else { return "not on this kiosk (see the receipt)" }
        var parts = [date(inspection.createdAt, content), "case \(inspection.facts.caseID)"]
        let agent = [inspection.facts.agentID, inspection.facts.agentName].filter { !$0.isEmpty }.joined(
            separator: " — ")
        parts.append("agent " + (agent.isEmpty ? "not entered" : agent))
        parts.append("kiosk " + content.kiosk(of: inspection))
        return HTML.text(parts.joined(separator: ", "))
    }

    // MARK: Receipt

    static func receipt(_ content: ReportContent, photo: (PhotoSelection) -> ReportPhoto) -> String {
        let comparison = content.comparison
        var html = "<section class=\"receipt\">\n<h2>Receipt</h2>\n<table class=\"facts\">\n"
        html += HTML.row("Case", HTML.text(content.inspection.facts.caseID))
        html += HTML.row(
            comparison == nil ? "Inspection id" : "Comparison id",
            HTML.text(content.inspection.session ?? "not yet accepted"))
        if let comparison {
            html += HTML.row("Pickup inspection id", HTML.text(comparison.pair.before))
            html += HTML.row("Return inspection id", HTML.text(comparison.pair.after))
        }
        html += HTML.row(
            comparison == nil ? "Uploaded" : "Requested",
            HTML.text(content.acceptedAt.map { date($0, content) } ?? "not recorded"))
        html += HTML.row("Result received", HTML.text(content.resultAt.map { date($0, content) } ?? "not yet"))
        html += HTML.row("Report written", HTML.text(date(content.generatedAt, content)))
        html += HTML.row("Report written on", HTML.text(content.kiosk))
        if let result = content.inspection.result {
            html += result.vehicleReadings.map { HTML.row("Read: " + $0.title, HTML.text($0.value)) }.joined()
        }
        html += "</table>\n<table class=\"files\">\n<tr>\(comparison != nil ? "<th>Side</th>" : "")<th>File sent</th>"
        html +=
            "<th>Size</th><th>SHA-256</th>\(comparison != nil ? "<th>Inspection id</th><th>Kiosk</th>" : "")<th>This report</th></tr>\n"
        for entry in content.receiptPhotos {
            html += "<tr>" + (comparison != nil ? "<td>\(HTML.text(entry.label))</td>" : "")
            html += "<td>\(HTML.text(entry.photo.uploadName))</td><td>\(entry.photo.size)&nbsp;B</td>"
            html += "<td class=\"hash\">\(HTML.text(entry.photo.sha256 ?? "not hashed"))</td>"
            if comparison != nil {
                html += "<td>\(HTML.text(entry.session ?? ""))</td><td>\(HTML.text(entry.kiosk ?? content.kiosk))</td>"
            }
            html += "<td>\(HTML.text(photo(entry.photo).receiptWord))</td></tr>\n"
        }
        html +=
            "</table>\n<p class=\"note\">A photo is shown only when its bytes on this kiosk have the SHA-256 above, the one "
            + "recorded when it was sent.</p>\n</section>\n"
        return html
    }

    /// Each photo read, hashed and decoded once however many times the report shows it.
    final class PhotoCache {
        private var read: [String: ReportPhoto] = [:]
        private let load: (PhotoSelection) -> ReportPhoto

        init(_ load: @escaping (PhotoSelection) -> ReportPhoto) { self.load = load }

        func photo(_ selection: PhotoSelection) -> ReportPhoto {
            if let known = read[selection.path] { return known }
            let loaded = load(selection)
            read[selection.path] = loaded
            return loaded
        }
    }

    // MARK: Words

    /// "Front — IMG_0042.jpg".
    static func photoTitle(_ photo: PhotoSelection) -> String { "\(photo.slot.title) — \(photo.fileName)" }

    static func date(_ date: Date, _ content: ReportContent) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = content.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        return formatter.string(from: date)
    }
}
