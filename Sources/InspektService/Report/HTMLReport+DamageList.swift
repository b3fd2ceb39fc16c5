import Foundation
import InspektCore

/// The first page's list: every damage in words — part, kind, severity as a word, the photo it was found on —
/// beside a small picture of it with its numbered box, the numbers those of the boxes on the photo pages.
extension HTMLReport {
    static func damageList(
        _ content: ReportContent, pages: [ReportContent.Page], photo: (PhotoSelection) -> ReportPhoto
    ) -> String {
        guard let result = content.inspection.result, result.verdict == .available, result.totalDamageEntries > 0 else {
            if content.comparison != nil, content.inspection.result?.verdict == .available {
                return "<p>No damage is new since pickup: no photo pages follow.</p>\n"
            }
            return ""
        }
        let comparison = content.comparison != nil
        var html = "<h2>\(comparison ? "New damage" : "Damage found")</h2>\n<ol class=\"found\">\n"
        for page in pages {
            for (offset, part) in page.photo.damage.enumerated() {
                let number = page.firstNumber + offset
                let video = page.photo.photo.slot == .video
                html +=
                    "<li>"
                    + (video
                        ? "<div class=\"thumb\"><div class=\"none\">A frame of the video</div></div>"
                        : closeUp(page.photo.photo, part: part, number: number, photo: photo))
                html += "<div class=\"words\"><div class=\"part\">\(number). \(HTML.text(capitalised(part.part)))</div>"
                html += "<div>\(HTML.text(description(part)))</div>"
                let side = comparison ? "the return's " : "the "
                html +=
                    video
                    ? "<div class=\"where\">\(HTML.text(frameWords(part, video: page.photo.photo)))</div></div></li>\n"
                    : "<div class=\"where\">Found on \(side)\(HTML.text(page.photo.photo.slot.title)) photo "
                        + "(\(HTML.text(page.photo.photo.fileName)))</div></div></li>\n"
            }
        }
        html += "</ol>\n"
        if !content.photos.unplaced.isEmpty {
            html += "<h2>Damage not placed on a photo</h2>\n<ul>\n"
            html += content.photos.unplaced.map {
                "<li>\(HTML.text(capitalised($0.part))): \(HTML.text(description($0)))</li>\n"
            }.joined()
            html += "</ul>\n"
        }
        let listed = content.photos.placed.count + content.photos.unplaced.count
        if result.totalDamageEntries > listed {
            html +=
                "<p class=\"note\">And \(result.totalDamageEntries - listed) more damage entries: the receipt's result holds them all.</p>\n"
        }
        let poor = content.photos.photos.filter { !$0.poorScores.isEmpty }
        if !poor.isEmpty {
            html += "<h2>Photos of poor quality</h2>\n<ul>\n"
            html += poor.map {
                "<li>\(HTML.text(photoTitle($0.photo))): \(HTML.text($0.poorScores.joined(separator: ", ")))</li>\n"
            }
            .joined()
            html += "</ul>\n"
        }
        return html
    }

    /// "dent, moderate severity"; "scratch" when the result gives no severity.
    static func description(_ part: DamagedPart) -> String {
        var text = part.damageType.isEmpty ? "damage" : part.damageType
        if part.severity != nil {
            let word = part.shownSeverity.map { $0 < 0.34 ? "minor" : ($0 < 0.67 ? "moderate" : "severe") } ?? "unknown"
            text += ", \(word) severity"
        }
        return text
    }

    /// "Front bumper" for "front bumper".
    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// A small picture of the damage: the photo around its box, the box and its number drawn on it.
    static func closeUp(
        _ selection: PhotoSelection, part: DamagedPart, number: Int, photo: (PhotoSelection) -> ReportPhoto
    ) -> String {
        let loaded = photo(selection)
        guard let embedded = loaded.image else {
            return "<div class=\"thumb\"><div class=\"none\">\(HTML.text(selection.fileName)) "
                + "\(HTML.text(loaded.reason ?? "cannot be shown"))</div></div>"
        }
        guard let box = part.box?.fractions(pixelWidth: embedded.pixelWidth, pixelHeight: embedded.pixelHeight),
            let close = embedded.closeUp(around: box)
        else {
            return "<div class=\"thumb\"><div class=\"none\">The result gives no position for this damage.</div></div>"
        }
        return "<div class=\"thumb\">" + framed(close.image, alt: "damage \(number)", boxes: [(close.box, number)])
            + "</div>"
    }
}
