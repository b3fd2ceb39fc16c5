import Foundation
import InspektCore
import InspektLanguage
import InspektWords

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
        let words = state.options.words
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
        var shown = BoardScreen.stateText(
            inspection, tracking: state.uploads[inspection.id], now: state.now, glyphs: glyphs,
            readOnly: state.readOnly, words: words)
        // A result with damage is something to look at: the check mark is for a clean car only.
        if inspection.state == .available, inspection.result.map({ !$0.isClean }) ?? false { shown.glyph = "!" }
        out.append(Line(words("detail.case"), heading))
        field(words("detail.state"), shown.glyph + " " + shown.text, .role(shown.role, bold: true))
        field(words("review.case"), SafeText.escape(facts.caseID))
        field(
            words("review.vehicle"),
            SafeText.escape(facts.vehicle) + (facts.vehicleType.map { " (\(words.vehicleType($0)))" } ?? ""))
        let agent = [facts.agentID, facts.agentName].filter { !$0.isEmpty }.map(SafeText.escape)
        if !agent.isEmpty { field(words("review.agent"), agent.joined(separator: " " + glyphs.dash + " ")) }
        if !facts.email.isEmpty { field(words("review.email"), SafeText.escape(facts.email)) }
        if !facts.notes.isEmpty { field(words("review.notes"), SafeText.escape(facts.notes)) }
        if let session = inspection.session { field(words("detail.session"), SafeText.escape(session)) }
        field(words("detail.created"), Format.dateTime(inspection.createdAt, in: state.timeZone))
        if let reason = inspection.missingReason { field(words("detail.missing-because"), SafeText.escape(reason)) }
        out.append(Line("", .normal))

        // The result first after the facts: it is what the operator came for.
        let result = inspection.result ?? state.detail.result
        let map = PhotoDamageMap.match(photos: inspection.photos, result: result)
        out.append(Line(words("detail.result"), heading))
        if let result {
            switch result.verdict {
            case .available:
                // Green only when nothing was found: "Available" with damage is a warning to look, not good news.
                let glyph = result.isClean ? glyphs.check : "!"
                field(
                    words("detail.verdict"),
                    glyph + " " + words("state.available") + " " + glyphs.dash + " "
                        + words.damage(result, dash: glyphs.dash),
                    .role(result.isClean ? .ok : .warn, bold: true))
                out += unplacedLines(state, map: map, result: result, width: width)
                if let message = result.message, !message.isEmpty {
                    field(words("detail.message"), SafeText.escape(message))
                }
                if let seen = result.differingVehicleType(entered: facts.vehicleType) {
                    field(
                        words("case.field.type"),
                        words(
                            "detail.type-seen",
                            ["seen": seen, "entered": facts.vehicleType.map(words.vehicleType) ?? ""]),
                        .role(.warn, bold: true))
                }
                for key in readingOrder(result.readings.keys) {
                    field(readingTitle(key, words: state.options.words), SafeText.escape(result.readings[key] ?? ""))
                }
                if let url = result.reportURL { field(words("detail.report"), SafeText.escape(url)) }
            case .rejected:
                field(words("detail.verdict"), glyphs.cross + " " + words("state.rejected"), .role(.error, bold: true))
                field(
                    words("detail.reason"), SafeText.escape(result.message ?? words("state.rejected.no-reason")),
                    .role(.error))
            }
        } else if inspection.state == .processing {
            out.append(
                Line(
                    "  " + words("detail.processing"),
                    .role(.muted)))
        } else if inspection.state == .mayHaveBeenAccepted {
            field(
                words("state.may-have-been-accepted"),
                SafeText.escape(inspection.failureReason ?? words("detail.no-answer")) + " "
                    + words("detail.may-have-been-accepted.keys"),
                .role(.warn, bold: true))
        } else if inspection.state == .failedRetryable {
            field(
                words("detail.upload-failed"),
                SafeText.escape(inspection.failureReason ?? words("detail.unknown-reason")) + " "
                    + words("detail.upload-failed.keys"), .role(.error, bold: true))
        } else {
            out.append(Line("  " + words("detail.no-result"), .role(.muted)))
        }
        out.append(Line("", .normal))

        if let result, result.verdict == .available {
            out += damagePhotoLines(state, inspection, map: map, width: width)
        } else {
            out += plainPhotoLines(state, inspection)
        }
        out.append(Line("", .normal))

        out.append(Line(words("detail.history"), heading))
        if let events = state.detail.events {
            if events.isEmpty { out.append(Line("  " + words("detail.no-events"), .role(.muted))) }
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
            out.append(Line("  " + words("detail.loading") + glyphs.ellipsis, .role(.muted)))
        }
        return out
    }

    /// The photos without a result to place on them: slot, file, size and hash, and the required slots missing.
    static func plainPhotoLines(_ state: AppState, _ inspection: Inspection) -> [Line] {
        let glyphs = state.options.glyphs
        let words = state.options.words
        var out = [Line(words("review.photos"), CellStyle(role: .title, bold: true, underline: true))]
        for slot in CoverageSlot.allCases + [.video] {
            let files = inspection.photos.filter { $0.slot == slot }
            if files.isEmpty {
                if slot.isRequired, !inspection.isVideoWalkAround {
                    out.append(
                        Line(
                            "  " + glyphs.cross + " " + TextWidth.fit(words.slot(slot), to: 16)
                                + words("review.slot.missing"), .role(.warn)))
                }
                continue
            }
            for file in files {
                var heading = photoHeading(file, glyphs: glyphs, words: words)
                // A video walk-around shows its length, read from the file when the detail opened.
                if slot == .video, let duration = state.detail.videos[inspection.id]?.duration {
                    heading += "  " + VideoContainer.clock(duration)
                }
                out.append(Line(heading, .normal))
            }
        }
        return out
    }

    /// "  ✓ Front           IMG_0042.jpg  2.0 MB  sha256 0123456789ab…".
    static func photoHeading(_ file: PhotoSelection, glyphs: Glyphs, words: Localizer = Languages.english) -> String {
        let titleWidth = file.slot == .video ? 19 : 16
        var text =
            "  " + glyphs.check + " " + TextWidth.fit(words.slot(file.slot), to: titleWidth)
            + SafeText.escape(file.fileName)
        text += "  " + words.bytes(file.size)
        if let sha = file.sha256 { text += "  sha256 " + String(sha.prefix(12)) + glyphs.ellipsis }
        return text
    }
}
