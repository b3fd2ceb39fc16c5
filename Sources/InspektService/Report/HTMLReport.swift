import Foundation
import InspektCore

/// One self-contained HTML file a rental desk can hand over: photos embedded as `data:` URIs, damage boxes
/// drawn in inline SVG, no script, no network reference; printed, the summary is the first A4 page and
/// every photo starts a page of its own.
public enum HTMLReport {
    /// The colour of damage boxes and their numbers (a magenta no car photo is made of, so a box shows on any paint).
    public static let boxColour = "#ff00ff"

    /// The whole document. `image` embeds a photo (nil when the file is no longer on this kiosk).
    public static func document(_ content: ReportContent, image: (PhotoSelection) -> ReportImage?) -> String {
        let inspection = content.inspection
        let title = (content.comparison == nil ? "Damage report " : "New damage report ") + inspection.facts.caseID
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(HTML.text(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        html += summary(content, title: title)
        var number = 0
        for (index, entry) in content.pagedPhotos.enumerated() {
            html += photoPage(entry, index: index + 1, firstNumber: number + 1, content: content, image: image)
            number += entry.damage.count
        }
        html += receipt(content)
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Summary

    static func summary(_ content: ReportContent, title: String) -> String {
        let inspection = content.inspection
        let facts = inspection.facts
        var html = "<section class=\"summary\">\n<h1>\(HTML.text(title))</h1>\n<table class=\"facts\">\n"
        html += HTML.row("Case", HTML.text(facts.caseID))
        var vehicle = HTML.text(facts.vehicle.isEmpty ? "not entered" : facts.vehicle)
        if let type = facts.vehicleType { vehicle += " (\(HTML.text(type.title)))" }
        html += HTML.row("Vehicle", vehicle)
        let agent = [facts.agentID, facts.agentName].filter { !$0.isEmpty }.joined(separator: " — ")
        html += HTML.row("Agent", HTML.text(agent.isEmpty ? "not entered" : agent))
        html += HTML.row(content.comparison == nil ? "Inspected" : "Compared", HTML.text(date(inspection.createdAt, content)))
        html += HTML.row("Kiosk", HTML.text(content.kiosk))
        html += HTML.row("Inspection id", HTML.text(inspection.session ?? "not yet accepted"))
        if let comparison = content.comparison {
            html += HTML.row("Pickup", side(comparison.before, session: comparison.pair.before, content))
            html += HTML.row("Return", side(comparison.after, session: comparison.pair.after, content))
        }
        if !facts.notes.isEmpty { html += HTML.row("Notes", HTML.text(facts.notes)) }
        html += "</table>\n"
        html += verdict(content)
        html += "</section>\n"
        return html
    }

    /// "Available — 8 damaged parts — recommendation: Review" with its meaning as a colour and a word.
    static func verdict(_ content: ReportContent) -> String {
        guard let result = content.inspection.result else {
            return "<p class=\"verdict pending\">No result yet: \(HTML.text(content.inspection.state.title))</p>\n"
        }
        guard result.verdict == .available else {
            return "<p class=\"verdict bad\">Rejected: \(HTML.text(result.message ?? "no reason given"))</p>\n"
        }
        let words = result.damageWords(comparison: content.comparison != nil)
        let kind = result.isClean ? "ok" : "warn"
        // `damageWords` made the result's text visible already (`SafeText`); entities come on top.
        var html = "<p class=\"verdict \(kind)\">\(result.isClean ? "✓" : "!") Available — \(HTML.entities(words))</p>\n"
        if let message = result.message, !message.isEmpty { html += "<p class=\"message\">\(HTML.text(message))</p>\n" }
        var rows = result.vehicleReadings.map { HTML.row($0.title, HTML.text($0.value)) }
        if let seen = result.differingVehicleType(entered: content.inspection.facts.vehicleType) {
            let entered = content.inspection.facts.vehicleType?.title ?? ""
            rows.append(HTML.row("Vehicle type", "<span class=\"warn\">\(HTML.text(seen)) (entered: \(HTML.text(entered)))</span>"))
        }
        if !rows.isEmpty { html += "<h2>Vehicle readings</h2>\n<table class=\"facts\">\n" + rows.joined() + "</table>\n" }
        if !content.photos.unplaced.isEmpty {
            html += "<h2>Damage not placed on a photo</h2>\n<ul>\n"
            html += content.photos.unplaced.map { "<li>\(HTML.entities($0.sentence))</li>\n" }.joined()
            html += "</ul>\n"
        }
        let poor = content.photos.photos.filter { !$0.poorScores.isEmpty }
        if !poor.isEmpty {
            html += "<h2>Photos of poor quality</h2>\n<ul>\n"
            html += poor.map { "<li>\(HTML.text(photoTitle($0.photo))): \(HTML.text($0.poorScores.joined(separator: ", ")))</li>\n" }
                .joined()
            html += "</ul>\n"
        }
        if content.comparison != nil, result.totalDamageEntries == 0 {
            html += "<p>No damage is new since pickup: no photo pages follow.</p>\n"
        }
        return html
    }

    /// One side of a comparison: its inspection id, case and time when this kiosk has it.
    static func side(_ inspection: Inspection?, session: String, _ content: ReportContent) -> String {
        guard let inspection else { return HTML.text(session) }
        return HTML.text("\(session) — case \(inspection.facts.caseID), \(date(inspection.createdAt, content))")
    }

    // MARK: Receipt

    static func receipt(_ content: ReportContent) -> String {
        let comparison = content.comparison != nil
        var html = "<section class=\"receipt\">\n<h2>Receipt</h2>\n<table class=\"facts\">\n"
        html += HTML.row("Session", HTML.text(content.inspection.session ?? "none"))
        html += HTML.row(comparison ? "Requested" : "Uploaded", HTML.text(content.acceptedAt.map { date($0, content) } ?? "not recorded"))
        html += HTML.row("Result received", HTML.text(content.resultAt.map { date($0, content) } ?? "not yet"))
        html += HTML.row("Report written", HTML.text(date(content.generatedAt, content)))
        html += "</table>\n<table class=\"files\">\n<tr>\(comparison ? "<th>Side</th>" : "")<th>File sent</th>"
        html += "<th>Size</th><th>SHA-256</th>\(comparison ? "<th>Session</th>" : "")</tr>\n"
        for entry in content.receiptPhotos {
            html += "<tr>" + (comparison ? "<td>\(HTML.text(entry.label))</td>" : "")
            html += "<td>\(HTML.text(entry.photo.uploadName))</td><td>\(entry.photo.size)&nbsp;B</td>"
            html += "<td class=\"hash\">\(HTML.text(entry.photo.sha256 ?? "not hashed"))</td>"
            html += (comparison ? "<td>\(HTML.text(entry.session ?? ""))</td>" : "") + "</tr>\n"
        }
        html += "</table>\n</section>\n"
        return html
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
