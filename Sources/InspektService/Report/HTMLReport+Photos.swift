import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// A photo page: the photo with its numbered damage boxes drawn over it, the damage listed beside it; for a
/// comparison the pickup photo that shows the same part on the left.
extension HTMLReport {
    static func photoPage(
        _ page: ReportContent.Page, index: Int, content: ReportContent, image: (PhotoSelection) -> ReportPhoto
    ) -> String {
        let entry = page.photo
        let words = content.words
        let heading = words("report.photo", ["number": words.number(index), "title": photoTitle(entry.photo, words)])
        var html = "<section class=\"photo\">\n<h2>\(HTML.text(heading))</h2>\n"
        html += "<div class=\"page\">\n"
        if content.comparison != nil {
            html += "<div class=\"pair\">\n"
            if let pickup = page.pickup {
                html += figure(
                    pickup.photo,
                    caption: words(
                        "report.caption.pickup",
                        [
                            "file": pickup.photo.fileName, "slot": words.slot(pickup.photo.slot),
                            "why": words.counterpart(pickup),
                        ]),
                    boxes: [], firstNumber: page.firstNumber, words: words, image: image)
            } else {
                html +=
                    "<figure class=\"missing\"><div class=\"none\">\(HTML.text(words("report.no-pickup")))</div></figure>\n"
            }
            html += figure(
                entry.photo,
                caption: words(
                    "report.caption.return", ["file": entry.photo.fileName, "slot": words.slot(entry.photo.slot)]),
                boxes: entry.damage,
                firstNumber: page.firstNumber, words: words, image: image)
            html += "</div>\n"
        } else {
            html += figure(
                entry.photo, caption: entry.photo.uploadName, boxes: entry.damage, firstNumber: page.firstNumber,
                words: words, image: image)
        }
        html += damageList(entry, firstNumber: page.firstNumber, comparison: content.comparison != nil, words: words)
        html += "<p class=\"quality\">\(HTML.text(qualityLine(content.quality(of: entry.photo), words)))</p>\n"
        html += "</div>\n</section>\n"
        return html
    }

    /// What Q Score said of a photo before it was sent, each figure it gave; "not checked" when it said nothing.
    static func qualityLine(_ quality: PhotoQuality?, _ words: Localizer = Languages.english) -> String {
        guard let quality else { return words("report.qscore.not-checked") }
        var figures = [
            quality.qScore.map { words("report.qscore", ["score": words.figure($0)]) }
                ?? words("report.qscore.none")
        ]
        if let orientation = quality.orientation { figures.append(words("report.orientation", ["value": orientation])) }
        if let blur = quality.blur { figures.append(words("report.blur", ["score": words.figure(blur)])) }
        if let luma = quality.luma { figures.append(words("report.luma", ["score": words.figure(luma)])) }
        return figures.joined(separator: ", ")
    }

    /// The numbered damage of one photo, numbers continuing from the photos before it.
    static func damageList(_ entry: PhotoDamage, firstNumber: Int, comparison: Bool, words: Localizer) -> String {
        var html = "<div class=\"damage\">\n"
        if entry.damage.isEmpty {
            let none = comparison ? words("report.photo.no-new-damage") : words("report.photo.no-damage")
            html += "<p class=\"none\">\(HTML.text(none))</p>\n"
        } else {
            html += "<ol start=\"\(firstNumber)\">\n"
            html += entry.damage.map { "<li>\(HTML.entities(words.damage($0)))</li>\n" }.joined()
            html += "</ol>\n"
        }
        if !entry.poorScores.isEmpty {
            html += "<p class=\"warn\">Photo \(HTML.text(entry.poorScores.joined(separator: ", ")))</p>\n"
        }
        html += "</div>\n"
        return html
    }

    /// The photo, and over it its numbered boxes; in its place, when it may not be shown, why.
    static func figure(
        _ photo: PhotoSelection, caption: String, boxes: [DamagedPart], firstNumber: Int, words: Localizer,
        image: (PhotoSelection) -> ReportPhoto,
        className: String? = nil
    ) -> String {
        let loaded = image(photo)
        guard let embedded = loaded.image else {
            let reason = words.reason(loaded) ?? words("report.photo.not-shown")
            return
                "<figure class=\"missing\"><div class=\"none\">\(HTML.text(photo.fileName)) \(HTML.text(reason))</div>"
                + "<figcaption>\(HTML.text(caption))</figcaption></figure>\n"
        }
        let numbered = boxes.enumerated().compactMap { offset, part in
            part.box?.fractions(pixelWidth: embedded.pixelWidth, pixelHeight: embedded.pixelHeight).map {
                (box: $0, number: firstNumber + offset)
            }
        }
        var html = "<figure\(className.map { " class=\"\($0)\"" } ?? "")>\n"
        html += framed(embedded, alt: photo.uploadName, boxes: numbered)
        html += "<figcaption>\(HTML.text(caption))</figcaption>\n</figure>\n"
        return html
    }

    /// A picture with boxes over it: one SVG spans the picture (viewBox 0..1 both ways); each box is drawn twice,
    /// a wide light stroke under a narrow dark one, and carries its number in a dark tag with a light edge.
    static func framed(_ embedded: ReportImage, alt: String, boxes: [(box: DamageBox, number: Int)]) -> String {
        var html = "<div class=\"frame\">\n<img src=\"\(embedded.dataURI)\" alt=\"\(HTML.text(alt))\">\n"
        guard !boxes.isEmpty else { return html + "</div>\n" }
        let rects = boxes.map { box, _ in
            "<rect x=\"\(HTML.number(box.x))\" y=\"\(HTML.number(box.y))\" width=\"\(HTML.number(box.width))\" "
                + "height=\"\(HTML.number(box.height))\"/>\n"
        }.joined()
        // The strokes keep their width however the photo is scaled.
        html += "<svg viewBox=\"0 0 1 1\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\n"
        html += "<g class=\"light\">\n\(rects)</g>\n<g class=\"dark\">\n\(rects)</g>\n</svg>\n"
        for (box, number) in boxes {
            html +=
                "<span class=\"tag\" style=\"left:\(HTML.number(box.x * 100))%;top:\(HTML.number(box.y * 100))%\">\(number)</span>\n"
        }
        return html + "</div>\n"
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
        .readings { color: #333; font-size: 13px; }
        .verdict { font-size: 20px; font-weight: bold; padding: 8px 12px; border-left: 8px solid; margin: 0 0 6px; }
        .verdict.ok { color: #0a5d1e; border-color: #0a8a2a; background: #e6f6ea; }
        .verdict.warn { color: #7a4b00; border-color: #d98a00; background: #fff3dc; }
        .verdict.bad { color: #8a0f0f; border-color: #c01818; background: #fde8e8; }
        .verdict.pending { color: #444; border-color: #999; }
        .warn { color: #7a4b00; font-weight: bold; }
        ol.found { list-style: none; margin: 0; padding: 0; }
        ol.found li { display: flex; gap: 12px; align-items: center; margin: 0 0 8px; break-inside: avoid; }
        ol.found .thumb { width: 160px; flex: none; }
        ol.found .thumb .none { padding: 12px 6px; font-size: 11px; }
        ol.found .words { flex: 1; }
        ol.found .part { font-weight: bold; font-size: 15px; }
        section.photo { break-before: page; page-break-before: always; }
        section.receipt { break-before: page; page-break-before: always; }
        .page { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        figure { margin: 0; width: 440px; }
        .pair { display: flex; gap: 12px; }
        .pair figure { width: 320px; }
        .frame { position: relative; line-height: 0; }
        .frame img { width: 100%; height: auto; display: block; }
        .frame svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }
        .frame rect { fill: none; vector-effect: non-scaling-stroke; }
        .frame .light rect { stroke: \(boxLight); stroke-width: 7px; }
        .frame .dark rect { stroke: \(boxDark); stroke-width: 3px; }
        .tag { position: absolute; margin: 5px; padding: 0 5px; font: bold 13px/17px sans-serif; color: #fff;
               background: \(boxDark); border: 2px solid \(boxLight); border-radius: 3px; }
        figcaption { font-size: 12px; color: #444; margin-top: 4px; line-height: 1.3; word-break: break-all; }
        .missing .none, .thumb .none { padding: 40px 12px; border: 1px dashed #999; color: #444; line-height: 1.3; }
        .damage { flex: 1 1 200px; }
        p.quality { flex: 1 1 100%; margin: 0; color: #333; font-size: 13px; }
        .damage ol { margin: 0; padding-left: 24px; }
        p.none, p.note { color: #444; }
        @media print { body { padding: 0; } }

        """
}
