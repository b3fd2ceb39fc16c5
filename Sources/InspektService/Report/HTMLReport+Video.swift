import Foundation
import InspektCore

/// A video walk-around's page: the video described (file, size, duration, SHA-256), never embedded, and the damage
/// Inspektlabs found on the frames it took from it (API.md §7), each with the frame's `originalImageId`.
extension HTMLReport {
    static func videoPage(_ page: ReportContent.Page) -> String {
        let video = page.photo.photo
        var html = "<section class=\"photo\">\n<h2>Video walk-around: \(HTML.text(video.fileName))</h2>\n"
        html += "<table class=\"facts\">\n"
        html += HTML.row("File", HTML.text(video.fileName))
        html += HTML.row("Size", "\(video.size)&nbsp;B")
        html += HTML.row("Duration", HTML.text(video.duration.map(VideoContainer.clock) ?? "not recorded"))
        html += HTML.row("SHA-256", "<span class=\"hash\">\(HTML.text(video.sha256 ?? "not hashed"))</span>")
        html += "</table>\n<div class=\"damage\">\n"
        if page.photo.damage.isEmpty {
            html += "<p class=\"none\">No damage found on the video's frames.</p>\n"
        } else {
            html += "<ol start=\"\(page.firstNumber)\">\n"
            html += page.photo.damage.map {
                "<li>\(HTML.entities($0.sentence)) — \(HTML.text(frameWords($0, video: video)))</li>\n"
            }.joined()
            html += "</ol>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    /// "walk.mp4, 3000000 B, 1:42": the first page's line for the video.
    static func videoFacts(_ video: PhotoSelection) -> String {
        let duration = video.duration.map(VideoContainer.clock) ?? "duration not recorded"
        return "\(video.fileName), \(video.size) B, \(duration)"
    }

    /// Where on the video a damage was seen: the frame Inspektlabs names (`originalImageId`), when it names one.
    static func frameWords(_ part: DamagedPart, video: PhotoSelection) -> String {
        guard let frame = part.photo, !frame.isEmpty else {
            return "Found on the video walk-around (\(video.fileName))"
        }
        return "Found on the video walk-around (\(video.fileName)), frame \(frame)"
    }
}
