import Foundation
import InspektCore
import InspektLanguage
import InspektWords

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
        let words = content.words
        let title =
            content.comparison == nil
            ? words("report.title", ["subject": subject]) : words("report.title.comparison", ["subject": subject])
        var html = "<!DOCTYPE html>\n<html lang=\"\(HTML.text(words.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(HTML.text(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        let pages = content.pages
        html += summary(content, title: title, pages: pages, photo: photo)
        for (index, page) in pages.enumerated() {
            html +=
                page.photo.photo.slot == .video
                ? videoPage(page, words) : photoPage(page, index: index + 1, content: content, image: photo)
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
        let words = content.words
        var html = "<section class=\"summary\">\n<h1>\(HTML.text(title))</h1>\n"
        html += verdict(content)
        html += "<table class=\"facts\">\n"
        html += HTML.row(words("report.car"), car(content))
        if let comparison = content.comparison {
            html += HTML.row(words("report.pickup"), side(comparison.before, content))
            html += HTML.row(words("report.return"), side(comparison.after, content))
            html += HTML.row(words("report.compared"), HTML.text(date(inspection.createdAt, content)))
        } else {
            html += HTML.row(words("report.case"), HTML.text(facts.caseID))
            html += HTML.row(words("report.inspected"), HTML.text(date(inspection.createdAt, content)))
            let agent = [facts.agentID, facts.agentName].filter { !$0.isEmpty }.joined(separator: " — ")
            html += HTML.row(words("report.agent"), HTML.text(agent.isEmpty ? words("report.not-entered") : agent))
            html += HTML.row(words("report.kiosk"), HTML.text(content.kiosk(of: inspection)))
            if let video = content.video {
                html += HTML.row(words("report.video"), HTML.text(videoFacts(video, words)))
            }
        }
        if !facts.notes.isEmpty { html += HTML.row(words("report.notes"), HTML.text(facts.notes)) }
        html += "</table>\n"
        html += damageList(content, pages: pages, photo: photo)
        html += "</section>\n"
        return html
    }

    /// "2 new damages found", "No damage found", with its meaning as a colour and a glyph; then the recommendation.
    static func verdict(_ content: ReportContent) -> String {
        let words = content.words
        guard let result = content.inspection.result else {
            let state = words.state(content.inspection.state)
            return "<p class=\"verdict pending\">\(HTML.text(words("report.no-result", ["state": state])))</p>\n"
        }
        guard result.verdict == .available else {
            let reason = result.message ?? words("report.no-reason")
            return "<p class=\"verdict bad\">\(HTML.text(words("report.rejected", ["reason": reason])))</p>\n"
        }
        let found = damageFoundWords(result, comparison: content.comparison != nil, words: words)
        var html =
            "<p class=\"verdict \(result.isClean ? "ok" : "warn")\">\(result.isClean ? "✓" : "!") \(HTML.text(found))</p>\n"
        if let recommendation = result.recommendation, !recommendation.isEmpty {
            html += "<p class=\"message\">\(HTML.text(words("report.recommends", ["text": recommendation])))"
            if let message = result.message, !message.isEmpty { html += " — \(HTML.text(message))" }
            html += "</p>\n"
        } else if let message = result.message, !message.isEmpty {
            html += "<p class=\"message\">\(HTML.text(message))</p>\n"
        }
        return html
    }

    /// "No damage found", "1 damage found", "3 damages found"; for a comparison "No new damage found", "1 new damage
    /// found".
    static func damageFoundWords(_ result: ResultSummary, comparison: Bool = false, words: Localizer) -> String {
        let count = result.totalDamageEntries
        if comparison {
            return count == 0 ? words("report.no-new-damage") : words("report.new-damage-found", count: count)
        }
        return count == 0 ? words("report.no-damage") : words("report.damage-found", count: count)
    }

    /// The car: plate or VIN as entered, its type, and what Inspektlabs read off it (make, model, colour, odometer).
    static func car(_ content: ReportContent) -> String {
        let inspection = content.inspection
        let words = content.words
        var html = HTML.text(inspection.facts.vehicle.isEmpty ? words("report.not-entered") : inspection.facts.vehicle)
        if let type = inspection.facts.vehicleType { html += " (\(HTML.text(type.title)))" }
        let result = inspection.result ?? content.comparison?.after?.result
        if let readings = result?.vehicleReadings, !readings.isEmpty {
            html +=
                "<br><span class=\"readings\">"
                + readings.map { "\(HTML.text(content.words.reading($0.title))): \(HTML.text($0.value))" }.joined(
                    separator: " · ") + "</span>"
        }
        if let result, let seen = result.differingVehicleType(entered: inspection.facts.vehicleType) {
            let entered = inspection.facts.vehicleType?.title ?? ""
            let line = words("report.vehicle-type", ["seen": seen, "entered": entered])
            html += "<br><span class=\"warn\">\(HTML.text(line))</span>"
        }
        return html
    }

    /// One side of a comparison: when, its case, its agent and the kiosk that captured it.
    static func side(_ inspection: Inspection?, _ content: ReportContent) -> String {
        let words = content.words
        guard let inspection else { return HTML.text(words("report.side.elsewhere")) }
        let agent = [inspection.facts.agentID, inspection.facts.agentName].filter { !$0.isEmpty }.joined(
            separator: " — ")
        return HTML.text(
            words(
                "report.side",
                [
                    "date": date(inspection.createdAt, content), "case": inspection.facts.caseID,
                    "agent": agent.isEmpty ? words("report.not-entered") : agent,
                    "kiosk": content.kiosk(of: inspection),
                ]))
    }

    // MARK: Receipt

    static func receipt(_ content: ReportContent, photo: (PhotoSelection) -> ReportPhoto) -> String {
        let comparison = content.comparison
        let words = content.words
        func th(_ key: String) -> String { "<th>\(HTML.text(words(key)))</th>" }
        var html =
            "<section class=\"receipt\">\n<h2>\(HTML.text(words("report.receipt")))</h2>\n<table class=\"facts\">\n"
        html += HTML.row(words("report.case"), HTML.text(content.inspection.facts.caseID))
        html += HTML.row(
            comparison == nil ? words("report.inspection-id") : words("report.comparison-id"),
            HTML.text(content.inspection.session ?? words("report.not-accepted")))
        if let comparison {
            html += HTML.row(words("report.pickup-id"), HTML.text(comparison.pair.before))
            html += HTML.row(words("report.return-id"), HTML.text(comparison.pair.after))
        }
        html += HTML.row(
            comparison == nil ? words("report.uploaded") : words("report.requested"),
            HTML.text(content.acceptedAt.map { date($0, content) } ?? words("report.not-recorded")))
        html += HTML.row(
            words("report.result-received"),
            HTML.text(content.resultAt.map { date($0, content) } ?? words("report.not-yet")))
        html += HTML.row(words("report.written"), HTML.text(date(content.generatedAt, content)))
        html += HTML.row(words("report.written-on"), HTML.text(content.kiosk))
        if let result = content.inspection.result {
            html += result.vehicleReadings.map {
                HTML.row(words("report.read", ["what": words.reading($0.title)]), HTML.text($0.value))
            }.joined()
        }
        html += "</table>\n<table class=\"files\">\n<tr>\(comparison != nil ? th("report.column.side") : "")"
        html += th("report.column.file") + th("report.column.size") + "<th>SHA-256</th>"
        html += comparison != nil ? th("report.inspection-id") + th("report.kiosk") : ""
        html += th("report.column.this-report") + "</tr>\n"
        for entry in content.receiptPhotos {
            html += "<tr>" + (comparison != nil ? "<td>\(HTML.text(entry.label))</td>" : "")
            html += "<td>\(HTML.text(entry.photo.uploadName))</td><td>\(entry.photo.size)&nbsp;B</td>"
            html += "<td class=\"hash\">\(HTML.text(entry.photo.sha256 ?? words("report.not-hashed")))</td>"
            if comparison != nil {
                html += "<td>\(HTML.text(entry.session ?? ""))</td><td>\(HTML.text(entry.kiosk ?? content.kiosk))</td>"
            }
            html += "<td>\(HTML.text(words.receiptWord(photo(entry.photo))))</td></tr>\n"
        }
        html += "</table>\n<p class=\"note\">\(HTML.text(words("report.receipt.note")))</p>\n</section>\n"
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
    static func photoTitle(_ photo: PhotoSelection, _ words: Localizer) -> String {
        "\(words.slot(photo.slot)) — \(photo.fileName)"
    }

    static func date(_ date: Date, _ content: ReportContent) -> String {
        content.words.reportDate(date, timeZone: content.timeZone)
    }
}
