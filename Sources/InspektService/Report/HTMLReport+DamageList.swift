import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// The first page's list: every damage in words — part, kind, severity as a word, the photo it was found on —
/// beside a small picture of it with its numbered box, the numbers those of the boxes on the photo pages.
extension HTMLReport {
    static func damageList(
        _ content: ReportContent, pages: [ReportContent.Page], photo: (PhotoSelection) -> ReportPhoto
    ) -> String {
        let words = content.words
        guard let result = content.inspection.result, result.verdict == .available, result.totalDamageEntries > 0 else {
            if content.comparison != nil, content.inspection.result?.verdict == .available {
                return "<p>\(HTML.text(words("report.nothing-new")))</p>\n"
            }
            return ""
        }
        let comparison = content.comparison != nil
        let heading = comparison ? words("report.heading.new-damage") : words("report.heading.damage")
        var html = "<h2>\(HTML.text(heading))</h2>\n<ol class=\"found\">\n"
        for page in pages {
            for (offset, part) in page.photo.damage.enumerated() {
                let number = page.firstNumber + offset
                let video = page.photo.photo.slot == .video
                html +=
                    "<li>"
                    + (video
                        ? "<div class=\"thumb\"><div class=\"none\">\(HTML.text(words("report.video.frame")))</div></div>"
                        : closeUp(page.photo.photo, part: part, number: number, words: words, photo: photo))
                html += "<div class=\"words\"><div class=\"part\">\(number). \(HTML.text(capitalised(part.part)))</div>"
                html += "<div>\(HTML.text(description(part, words)))</div>"
                if video {
                    let seenOn = frameWords(part, video: page.photo.photo, words)
                    html += "<div class=\"where\">\(HTML.text(seenOn))</div></div></li>\n"
                    continue
                }
                // The catalog's words are markup as written ("the return's"); only the values are escaped.
                let place: KeyValuePairs<String, String> = [
                    "slot": HTML.text(words.slot(page.photo.photo.slot)),
                    "file": HTML.text(page.photo.photo.fileName),
                ]
                let found = comparison ? words("report.found-on-return", place) : words("report.found-on", place)
                html += "<div class=\"where\">\(found)</div></div></li>\n"
            }
        }
        html += "</ol>\n"
        if !content.photos.unplaced.isEmpty {
            html += "<h2>\(HTML.text(words("report.heading.unplaced")))</h2>\n<ul>\n"
            html += content.photos.unplaced.map {
                "<li>\(HTML.text(capitalised($0.part))): \(HTML.text(description($0, words)))</li>\n"
            }.joined()
            html += "</ul>\n"
        }
        let listed = content.photos.placed.count + content.photos.unplaced.count
        if result.totalDamageEntries > listed {
            let more = words("report.more-damage", count: result.totalDamageEntries - listed)
            html += "<p class=\"note\">\(more)</p>\n"
        }
        let poor = content.photos.photos.filter { !$0.poorScores.isEmpty }
        if !poor.isEmpty {
            html += "<h2>\(HTML.text(words("report.heading.poor")))</h2>\n<ul>\n"
            html += poor.map {
                "<li>\(HTML.text(photoTitle($0.photo, words))): \(HTML.text($0.poorScores.joined(separator: ", ")))</li>\n"
            }
            .joined()
            html += "</ul>\n"
        }
        return html
    }

    /// "dent, moderate severity"; "scratch" when the result gives no severity.
    static func description(_ part: DamagedPart, _ words: Localizer) -> String {
        let kind = part.damageType.isEmpty ? words("report.damage") : part.damageType
        guard part.severity != nil else { return kind }
        let severity = part.shownSeverity.map(words.severityWord) ?? words("damage.unknown")
        return words("report.severity", ["damage": kind, "severity": severity])
    }

    /// "Front bumper" for "front bumper".
    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// A small picture of the damage: the photo around its box, the box and its number drawn on it.
    static func closeUp(
        _ selection: PhotoSelection, part: DamagedPart, number: Int, words: Localizer,
        photo: (PhotoSelection) -> ReportPhoto
    ) -> String {
        let loaded = photo(selection)
        guard let embedded = loaded.image else {
            return "<div class=\"thumb\"><div class=\"none\">\(HTML.text(selection.fileName)) "
                + "\(HTML.text(words.reason(loaded) ?? words("report.photo.not-shown")))</div></div>"
        }
        guard let box = part.box?.fractions(pixelWidth: embedded.pixelWidth, pixelHeight: embedded.pixelHeight),
            let close = embedded.closeUp(around: box)
        else {
            return "<div class=\"thumb\"><div class=\"none\">\(HTML.text(words("report.no-position")))</div></div>"
        }
        return "<div class=\"thumb\">" + framed(close.image, alt: "damage \(number)", boxes: [(close.box, number)])
            + "</div>"
    }
}
