import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// A video walk-around's page: the video described (file, size, duration, SHA-256), never embedded, and the damage
/// Inspektlabs found on the frames it took from it (API.md §7), each with the frame's `originalImageId`.
extension HTMLReport {
    static func videoPage(_ page: ReportContent.Page, _ words: Localizer) -> String {
        let video = page.photo.photo
        let title = words("report.video.title", ["file": video.fileName])
        var html = "<section class=\"photo\">\n<h2>\(HTML.text(title))</h2>\n"
        html += "<table class=\"facts\">\n"
        html += HTML.row(words("report.video.file"), HTML.text(video.fileName))
        html += HTML.row(words("report.video.size"), "\(video.size)&nbsp;B")
        let duration = video.duration.map(VideoContainer.clock) ?? words("report.video.not-recorded")
        html += HTML.row(words("report.video.duration"), HTML.text(duration))
        let hash = video.sha256 ?? words("report.video.not-hashed")
        html += HTML.row("SHA-256", "<span class=\"hash\">\(HTML.text(hash))</span>")
        html += "</table>\n<div class=\"damage\">\n"
        if page.photo.damage.isEmpty {
            html += "<p class=\"none\">\(HTML.text(words("report.video.no-damage")))</p>\n"
        } else {
            html += "<ol start=\"\(page.firstNumber)\">\n"
            html += page.photo.damage.map {
                "<li>\(HTML.entities(words.damage($0))) — \(HTML.text(frameWords($0, video: video, words)))</li>\n"
            }.joined()
            html += "</ol>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    /// "walk.mp4, 3000000 B, 1:42": the first page's line for the video.
    static func videoFacts(_ video: PhotoSelection, _ words: Localizer) -> String {
        let duration = video.duration.map(VideoContainer.clock) ?? words("report.video.duration-not-recorded")
        return words("report.video.facts", ["file": video.fileName, "size": "\(video.size)", "duration": duration])
    }

    /// Where on the video a damage was seen: the frame Inspektlabs names (`originalImageId`), when it names one.
    static func frameWords(_ part: DamagedPart, video: PhotoSelection, _ words: Localizer) -> String {
        guard let frame = part.photo, !frame.isEmpty else {
            return words("report.video.found", ["file": video.fileName])
        }
        return words("report.video.found-frame", ["file": video.fileName, "frame": frame])
    }
}
