import Foundation
import InspektCore

/// The detail's text, line by line: facts, result, photos with their damage, history.
extension DetailScreen {
    /// One line of the detail.
    struct Line {
        var text: String
        var style: CellStyle
        /// A row of a photo's picture drawn in the line's left gutter.
        var thumbnail: ThumbnailRow?
        /// The damage entry the line names (an index into `placedDamage`), to highlight and open it.
        var damage: Int?

        init(_ text: String, _ style: CellStyle, thumbnail: ThumbnailRow? = nil, damage: Int? = nil) {
            self.text = text
            self.style = style
            self.thumbnail = thumbnail
            self.damage = damage
        }
    }

    /// Which photo, and which of its picture's cell rows, a line shows in its gutter.
    struct ThumbnailRow: Hashable {
        var path: String
        var row: Int
    }

    /// Every line of the detail, for one inspection (a few hundred at most).
    static func lines(_ state: AppState, _ inspection: Inspection, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        var out: [Line] = []
        let heading = CellStyle(role: .title, bold: true, underline: true)
        func field(_ label: String, _ value: String, _ style: CellStyle = .normal) {
            let labelText = TextWidth.fit(label, to: 14)
            let wrapped = TextWidth.wrap(value, to: max(10, width - 16))
            for (i, line) in wrapped.enumerated() {
                out.append(Line((i == 0 ? labelText : String(repeating: " ", count: 14)) + "  " + line, style))
            }
        }
        let facts = inspection.facts
        var words = BoardScreen.stateText(
            inspection, tracking: state.uploads[inspection.id], now: state.now, glyphs: glyphs,
            readOnly: state.readOnly)
        // A result with damage is something to look at: the check mark is for a clean car only.
        if inspection.state == .available, inspection.result.map({ !$0.isClean }) ?? false { words.glyph = "!" }
        out.append(Line("Case", heading))
        field("State", words.glyph + " " + words.text, .role(words.role, bold: true))
        field("Case id", SafeText.escape(facts.caseID))
        field("Vehicle", SafeText.escape(facts.vehicle) + (facts.vehicleType.map { " (\($0.title))" } ?? ""))
        let agent = [facts.agentID, facts.agentName].filter { !$0.isEmpty }.map(SafeText.escape)
        if !agent.isEmpty { field("Agent", agent.joined(separator: " " + glyphs.dash + " ")) }
        if !facts.email.isEmpty { field("Report to", SafeText.escape(facts.email)) }
        if !facts.notes.isEmpty { field("Notes", SafeText.escape(facts.notes)) }
        if let session = inspection.session { field("Session", SafeText.escape(session)) }
        field("Created", Format.dateTime(inspection.createdAt, in: state.timeZone))
        if let reason = inspection.missingReason { field("Missing because", SafeText.escape(reason)) }
        out.append(Line("", .normal))

        // The result first after the facts: it is what the operator came for.
        let result = inspection.result ?? state.detail.result
        let map = PhotoDamageMap.match(photos: inspection.photos, result: result)
        out.append(Line("Result", heading))
        if let result {
            switch result.verdict {
            case .available:
                // Green only when nothing was found: "Available" with damage is a warning to look, not good news.
                let glyph = result.isClean ? glyphs.check : "!"
                field(
                    "Verdict", glyph + " Available " + glyphs.dash + " " + result.damageWords(dash: glyphs.dash),
                    .role(result.isClean ? .ok : .warn, bold: true))
                out += unplacedLines(state, map: map, result: result, width: width)
                if let message = result.message, !message.isEmpty { field("Message", SafeText.escape(message)) }
                if let seen = result.differingVehicleType(entered: facts.vehicleType) {
                    field(
                        "Vehicle type", seen + " (entered: " + (facts.vehicleType?.title ?? "") + ")",
                        .role(.warn, bold: true))
                }
                for key in readingOrder(result.readings.keys) {
                    field(readingTitle(key), SafeText.escape(result.readings[key] ?? ""))
                }
                if let url = result.reportURL { field("Report", SafeText.escape(url)) }
            case .rejected:
                field("Verdict", glyphs.cross + " Rejected", .role(.error, bold: true))
                field("Reason", SafeText.escape(result.message ?? "no reason given"), .role(.error))
            }
        } else if inspection.state == .processing {
            out.append(
                Line(
                    "  Processing: the result arrives by callback, or import it with `inspekt import-result`.",
                    .role(.muted)))
        } else if inspection.state == .mayHaveBeenAccepted {
            field(
                "May have been accepted",
                SafeText.escape(inspection.failureReason ?? "no answer came")
                    + " Press r to ask again with the same session; if the portal does not have it, press N (not in the portal: upload again as a new inspection).",
                .role(.warn, bold: true))
        } else if inspection.state == .failedRetryable {
            field(
                "Upload failed",
                SafeText.escape(inspection.failureReason ?? "unknown reason")
                    + " Press r to retry, or p to change the photos.", .role(.error, bold: true))
        } else {
            out.append(Line("  No result yet.", .role(.muted)))
        }
        out.append(Line("", .normal))

        if let result, result.verdict == .available {
            out += damagePhotoLines(state, inspection, map: map, width: width)
        } else {
            out += plainPhotoLines(state, inspection)
        }
        out.append(Line("", .normal))

        out.append(Line("History", heading))
        if let events = state.detail.events {
            if events.isEmpty { out.append(Line("  No events recorded.", .role(.muted))) }
            for event in events {
                let prefix = "  " + Format.dateTime(event.at, in: state.timeZone) + "  "
                let text =
                    SafeText.escape(event.kind) + (event.detail.isEmpty ? "" : ": " + SafeText.escape(event.detail))
                let wrapped = TextWidth.wrap(text, to: max(10, width - TextWidth.width(of: prefix)))
                for (i, line) in wrapped.enumerated() {
                    out.append(
                        Line(
                            (i == 0 ? prefix : String(repeating: " ", count: TextWidth.width(of: prefix))) + line,
                            .role(event.kind.contains("fail") ? .error : .normal)))
                }
            }
        } else {
            out.append(Line("  Loading" + glyphs.ellipsis, .role(.muted)))
        }
        return out
    }

    /// The photos without a result to place on them: slot, file, size and hash, and the required slots missing.
    static func plainPhotoLines(_ state: AppState, _ inspection: Inspection) -> [Line] {
        let glyphs = state.options.glyphs
        var out = [Line("Photos", CellStyle(role: .title, bold: true, underline: true))]
        for slot in CoverageSlot.allCases {
            let files = inspection.photos.filter { $0.slot == slot }
            if files.isEmpty {
                if slot.isRequired {
                    out.append(
                        Line("  " + glyphs.cross + " " + TextWidth.fit(slot.title, to: 16) + "missing", .role(.warn)))
                }
                continue
            }
            for file in files { out.append(Line(photoHeading(file, glyphs: glyphs), .normal)) }
        }
        return out
    }

    /// "  ✓ Front           IMG_0042.jpg  2.0 MB  sha256 0123456789ab…".
    static func photoHeading(_ file: PhotoSelection, glyphs: Glyphs) -> String {
        var text = "  " + glyphs.check + " " + TextWidth.fit(file.slot.title, to: 16) + SafeText.escape(file.fileName)
        text += "  " + Format.bytes(file.size)
        if let sha = file.sha256 { text += "  sha256 " + String(sha.prefix(12)) + glyphs.ellipsis }
        return text
    }
}
