import Foundation
import InspektCore

/// A photo page: the photo with its damage boxes drawn over it, the numbered damage beside it; for a
/// comparison the pickup photo of the same slot on the left.
extension HTMLReport {
    static func photoPage(
        _ entry: PhotoDamage, index: Int, firstNumber: Int, content: ReportContent, image: (PhotoSelection) -> ReportImage?
    ) -> String {
        var html = "<section class=\"photo\">\n<h2>\(index). \(HTML.text(photoTitle(entry.photo)))</h2>\n"
        html += "<div class=\"page\">\n"
        if let comparison = content.comparison {
            html += "<div class=\"pair\">\n"
            if let pickup = comparison.pickupPhoto(for: entry.photo.slot) {
                html += figure(pickup, caption: "Pickup: \(pickup.fileName)", boxes: [], firstNumber: firstNumber, image: image)
            } else {
                html += "<figure class=\"missing\"><div class=\"none\">No pickup photo of this slot</div></figure>\n"
            }
            html += figure(entry.photo, caption: "Return: \(entry.photo.fileName)", boxes: entry.damage, firstNumber: firstNumber,
                           image: image)
            html += "</div>\n"
        } else {
            html += figure(entry.photo, caption: entry.photo.uploadName, boxes: entry.damage, firstNumber: firstNumber, image: image)
        }
        html += damageList(entry, firstNumber: firstNumber, comparison: content.comparison != nil)
        html += "</div>\n</section>\n"
        return html
    }

    /// The numbered damage of one photo, numbers continuing from the photos before it.
    static func damageList(_ entry: PhotoDamage, firstNumber: Int, comparison: Bool) -> String {
        var html = "<div class=\"damage\">\n"
        if entry.damage.isEmpty {
            html += "<p class=\"none\">\(comparison ? "No new damage" : "No damage found") on this photo.</p>\n"
        } else {
            html += "<ol start=\"\(firstNumber)\">\n"
            html += entry.damage.map { "<li>\(HTML.entities($0.sentence))</li>\n" }.joined()
            html += "</ol>\n"
        }
        if !entry.poorScores.isEmpty {
            html += "<p class=\"warn\">Photo \(HTML.text(entry.poorScores.joined(separator: ", ")))</p>\n"
        }
        html += "</div>\n"
        return html
    }

    /// The photo, and over it one SVG rectangle per damage with its number.
    static func figure(
        _ photo: PhotoSelection, caption: String, boxes: [DamagedPart], firstNumber: Int, image: (PhotoSelection) -> ReportImage?
    ) -> String {
        guard let embedded = image(photo) else {
            return "<figure class=\"missing\"><div class=\"none\">\(HTML.text(photo.fileName)) is no longer on this kiosk</div>"
                + "<figcaption>\(HTML.text(caption))</figcaption></figure>\n"
        }
        var html = "<figure>\n<div class=\"frame\">\n"
        html += "<img src=\"\(embedded.dataURI)\" alt=\"\(HTML.text(photo.uploadName))\">\n"
        var rects = "", tags = ""
        for (offset, part) in boxes.enumerated() {
            guard let box = part.box?.fractions(pixelWidth: embedded.pixelWidth, pixelHeight: embedded.pixelHeight) else { continue }
            // The SVG spans the photo (viewBox 0..1 both ways); the stroke keeps its width however the photo is scaled.
            rects += "<rect x=\"\(HTML.number(box.x))\" y=\"\(HTML.number(box.y))\" width=\"\(HTML.number(box.width))\" "
                + "height=\"\(HTML.number(box.height))\"/>\n"
            tags += "<span class=\"tag\" style=\"left:\(HTML.number(box.x * 100))%;top:\(HTML.number(box.y * 100))%\">"
                + "\(firstNumber + offset)</span>\n"
        }
        if !rects.isEmpty {
            html += "<svg viewBox=\"0 0 1 1\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\n\(rects)</svg>\n\(tags)"
        }
        html += "</div>\n<figcaption>\(HTML.text(caption))</figcaption>\n</figure>\n"
        return html
    }

    /// The page's look: A4 with a page per photo when printed; a fixed photo width on screen.
    static let style = """
        @page { size: A4; margin: 14mm; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px; font: 14px/1.4 sans-serif; color: #111; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 12px; }
        h2 { font-size: 17px; margin: 18px 0 8px; }
        table.facts th { text-align: left; padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; }
        table.files { border-collapse: collapse; font-size: 11px; }
        table.files th, table.files td { border: 1px solid #999; padding: 2px 6px; text-align: left; }
        td.hash { font-family: monospace; word-break: break-all; }
        .verdict { font-size: 18px; font-weight: bold; padding: 8px 12px; border-left: 8px solid; }
        .verdict.ok { color: #0a5d1e; border-color: #0a8a2a; background: #e6f6ea; }
        .verdict.warn { color: #7a4b00; border-color: #d98a00; background: #fff3dc; }
        .verdict.bad { color: #8a0f0f; border-color: #c01818; background: #fde8e8; }
        .verdict.pending { color: #444; border-color: #999; }
        .warn { color: #7a4b00; font-weight: bold; }
        section.photo { break-before: page; page-break-before: always; }
        section.receipt { margin-top: 24px; }
        .page { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        figure { margin: 0; width: 440px; }
        .pair { display: flex; gap: 12px; }
        .pair figure { width: 320px; }
        .frame { position: relative; line-height: 0; }
        .frame img { width: 100%; height: auto; display: block; }
        .frame svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }
        .frame rect { fill: none; stroke: \(boxColour); stroke-width: 3px; vector-effect: non-scaling-stroke; }
        .tag { position: absolute; margin: 3px; padding: 0 5px; font: bold 12px/16px sans-serif; color: #fff;
               background: \(boxColour); border-radius: 3px; }
        figcaption { font-size: 12px; color: #444; margin-top: 4px; line-height: 1.3; word-break: break-all; }
        .missing .none { padding: 40px 12px; border: 1px dashed #999; color: #444; }
        .damage { flex: 1 1 200px; }
        .damage ol { margin: 0; padding-left: 24px; }
        p.none { color: #444; }
        @media print { body { padding: 0; } }

        """
}
