import Foundation
import InspektCore

/// Detail: one inspection's facts, photos per slot, history and result.
public enum DetailScreen {
    public enum Action: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom, back, export, retry, changePhotos, upload, uploadAsNew, help
    }

    static func current(_ state: AppState) -> Inspection? {
        if case .detail(let id) = state.route { return state.inspection(id: id) }
        return nil
    }

    /// The detail screen's one key table.
    public static let keymap = Keymap<Action>("Detail", [
        KeyBinding([.up, .character("k")], "k/Up", "scroll up", .up, footer: false),
        KeyBinding([.down, .character("j")], "j/Down", "scroll down", .down, footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .pageUp, footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .pageDown, footer: false),
        KeyBinding([.home, .character("g")], "g/Home", "top", .top, footer: false),
        KeyBinding([.end, .character("G")], "G/End", "bottom", .bottom, footer: false),
        KeyBinding([.escape, .left, .character("h"), .character("b"), .character("q")], "Esc", "board", .back),
        KeyBinding([.character("e")], "e", "export receipt", .export, when: { current($0)?.state.wasAccepted ?? false }),
        KeyBinding([.character("r")], "r", "retry upload", .retry,
                   when: { [.failedRetryable, .mayHaveBeenAccepted].contains(current($0)?.state ?? .draft) }),
        KeyBinding([.character("p")], "p", "change photos", .changePhotos,
                   when: { current($0)?.state == .failedRetryable }),
        KeyBinding([.character("u")], "u", "upload progress", .upload,
                   when: { [.ready, .uploading, .failedRetryable].contains(current($0)?.state ?? .draft) }),
        KeyBinding([.character("N")], "N", "not in portal: new inspection", .uploadAsNew, footer: false,
                   when: { [.failedRetryable, .mayHaveBeenAccepted].contains(current($0)?.state ?? .draft) }),
        KeyBinding([.character("?"), .function(1)], "?", "help", .help),
    ])

    static func handle(_ key: Key, id: String, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        let page = max(1, state.size.height - 5)
        switch action {
        case .up: state.detail.scroll = max(0, min(state.detail.scroll, maxScroll(state, id: id)) - 1)
        case .down: state.detail.scroll = min(maxScroll(state, id: id), state.detail.scroll + 1)
        case .pageUp: state.detail.scroll = max(0, min(state.detail.scroll, maxScroll(state, id: id)) - page)
        case .pageDown: state.detail.scroll = min(maxScroll(state, id: id), state.detail.scroll + page)
        case .top: state.detail.scroll = 0
        case .bottom: state.detail.scroll = maxScroll(state, id: id)
        case .back: state.route = .board
        case .export: return [.exportReceipt(id: id)]
        case .retry:
            state.notice = Notice("Retrying the upload.", role: .ok)
            return [.retry(id: id)]
        case .changePhotos:
            // The service refuses when the upload may have been accepted; that comes back as `.commandFailed`.
            return [.reopenDraft(id: id)]
        case .upload: state.route = .upload(id: id)
        case .uploadAsNew:
            let caseID = state.inspection(id: id)?.facts.caseID ?? id
            state.overlay = .confirm(.uploadAgainAsNew(id: id, caseID: caseID))
        case .help: state.overlay = .help
        }
        return []
    }

    typealias Line = (text: String, style: CellStyle)

    /// Every line of the detail, for one inspection (a few hundred at most).
    static func lines(_ state: AppState, _ inspection: Inspection, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        var out: [Line] = []
        let heading = CellStyle(role: .title, bold: true, underline: true)
        func field(_ label: String, _ value: String, _ style: CellStyle = .normal) {
            let labelText = TextWidth.fit(label, to: 14)
            let wrapped = TextWidth.wrap(value, to: max(10, width - 16))
            for (i, line) in wrapped.enumerated() {
                out.append(((i == 0 ? labelText : String(repeating: " ", count: 14)) + "  " + line, style))
            }
        }
        let facts = inspection.facts
        let words = BoardScreen.stateText(inspection, tracking: state.uploads[inspection.id], now: state.now, glyphs: glyphs)
        out.append(("Case", heading))
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
        out.append(("", .normal))

        // The result first after the facts: it is what the operator came for.
        let result = inspection.result ?? state.detail.result
        out.append(("Result", heading))
        if let result {
            switch result.verdict {
            case .available:
                let count = result.damagedPartCount
                field("Verdict", glyphs.check + " Available " + glyphs.dash + " " + (count == 0 ? "no damage found" : "\(count) damaged part\(count == 1 ? "" : "s")"),
                      .role(.ok, bold: true))
                for part in result.damagedParts.prefix(maxPartLines) {
                    for (i, line) in TextWidth.wrap(partText(part), to: max(10, width - 4)).enumerated() {
                        out.append(((i == 0 ? "  " + glyphs.bullet + " " : "    ") + line, .normal))
                    }
                }
                let listed = min(result.damagedParts.count, maxPartLines)
                if result.totalDamageEntries > listed {
                    let more = result.totalDamageEntries - listed
                    out.append(("    " + glyphs.ellipsis + " and \(more) more damage entries (the whole result is stored)", .role(.muted)))
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
            out.append(("  Processing: the result arrives by callback, or import it with `inspekt import-result`.", .role(.muted)))
        } else if inspection.state == .mayHaveBeenAccepted {
            field("May have been accepted", SafeText.escape(inspection.failureReason ?? "no answer came") + " Press r to ask again with the same session; if the portal does not have it, press N (not in the portal: upload again as a new inspection).", .role(.warn, bold: true))
        } else if inspection.state == .failedRetryable {
            field("Upload failed", SafeText.escape(inspection.failureReason ?? "unknown reason") + " Press r to retry, or p to change the photos.", .role(.error, bold: true))
        } else {
            out.append(("  No result yet.", .role(.muted)))
        }
        out.append(("", .normal))

        out.append(("Photos", heading))
        for slot in CoverageSlot.allCases {
            let files = inspection.photos.filter { $0.slot == slot }
            if files.isEmpty {
                if slot.isRequired { out.append(("  " + glyphs.cross + " " + TextWidth.fit(slot.title, to: 16) + "missing", .role(.warn))) }
                continue
            }
            for file in files {
                var text = "  " + glyphs.check + " " + TextWidth.fit(slot.title, to: 16) + SafeText.escape(file.fileName)
                text += "  " + Format.bytes(file.size)
                if let sha = file.sha256 { text += "  sha256 " + String(sha.prefix(12)) + glyphs.ellipsis }
                out.append((text, .normal))
            }
        }
        out.append(("", .normal))

        out.append(("History", heading))
        if let events = state.detail.events {
            if events.isEmpty { out.append(("  No events recorded.", .role(.muted))) }
            for event in events {
                let prefix = "  " + Format.dateTime(event.at, in: state.timeZone) + "  "
                let text = SafeText.escape(event.kind) + (event.detail.isEmpty ? "" : ": " + SafeText.escape(event.detail))
                let wrapped = TextWidth.wrap(text, to: max(10, width - TextWidth.width(of: prefix)))
                for (i, line) in wrapped.enumerated() {
                    out.append(((i == 0 ? prefix : String(repeating: " ", count: TextWidth.width(of: prefix))) + line,
                                .role(event.kind.contains("fail") ? .error : .normal)))
                }
            }
        } else {
            out.append(("  Loading" + glyphs.ellipsis, .role(.muted)))
        }
        return out
    }

    /// Damage entries listed one per line; a result may hold 100,000 bounding boxes.
    static let maxPartLines = 200

    /// "front bumper: dent, severity moderate (0.5), confidence 90%"; a score outside 0...1 (1e300,
    /// a negative, NaN sent as text) reads "unknown".
    static func partText(_ part: DamagedPart) -> String {
        var text = SafeText.escape(part.part) + ": " + SafeText.escape(part.damageType)
        if part.severity != nil { text += ", severity " + (part.shownSeverity.map(severityWords) ?? "unknown") }
        if part.confidence != nil {
            text += ", confidence " + (part.shownConfidence.map { "\(Int(($0 * 100).rounded()))%" } ?? "unknown")
        }
        return text
    }

    /// Severity 0...1 as a word and a number.
    static func severityWords(_ value: Double) -> String {
        let word = value < 0.34 ? "minor" : (value < 0.67 ? "moderate" : "severe")
        return "\(word) (\(Format.oneDecimal(value)))"
    }

    /// The readings the detail names in words, in the order it shows them.
    static let knownReadings: [(title: String, keys: Set<String>)] = [
        ("Plate", ["plate", "licenseplate", "numberplate", "licenseplatenumber", "registration"]),
        ("VIN", ["vin", "vinnumber"]),
        ("Odometer", ["odometer", "mileage"]),
        ("Make", ["make"]),
        ("Model", ["model"]),
        ("Colour", ["color", "colour"]),
    ]

    /// A reading key reduced to lower-case letters and digits, without the API's "Reading" suffix
    /// (`licensePlateReading`, `vin_reading` and `VIN` all become the same key).
    static func normalizedReadingKey(_ key: String) -> String {
        var plain = String(key.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if plain.hasSuffix("reading"), plain.count > "reading".count { plain.removeLast("reading".count) }
        return plain
    }

    /// Index of a known reading in `knownReadings`, or nil for a key the detail does not know.
    static func knownReadingIndex(_ key: String) -> Int? {
        let plain = normalizedReadingKey(key)
        return knownReadings.firstIndex { $0.keys.contains(plain) }
    }

    /// Known readings first in a fixed order (plate, VIN, odometer, make, model, colour), then the rest by key.
    static func readingOrder(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { a, b in
            let ia = knownReadingIndex(a) ?? Int.max, ib = knownReadingIndex(b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }

    /// A reading's label: a word for the keys the detail knows, anything else escaped as it came.
    static func readingTitle(_ key: String) -> String {
        knownReadingIndex(key).map { knownReadings[$0].title } ?? SafeText.escape(key)
    }

    /// How far the detail scrolls at the current size: the last line at the bottom.
    static func maxScroll(_ state: AppState, id: String) -> Int {
        guard let inspection = state.inspection(id: id) else { return 0 }
        return max(0, lines(state, inspection, width: state.size.width - 4).count - (state.size.height - 3))
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        guard let inspection = state.inspection(id: id) else {
            screen.put("This inspection is no longer on the board.", x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let all = lines(state, inspection, width: rect.width - 4)
        let maxScroll = max(0, all.count - rect.height)
        let scroll = min(state.detail.scroll, maxScroll)
        for (i, line) in all.dropFirst(scroll).prefix(rect.height).enumerated() {
            screen.put(line.text, x: rect.x + 2, y: rect.y + i, maxWidth: rect.width - 4, style: line.style)
        }
        if maxScroll > 0 {
            let mark = "\(scroll + 1)\(state.options.glyphs.dash)\(min(all.count, scroll + rect.height)) of \(all.count)"
            screen.put(mark, x: rect.maxX - TextWidth.width(of: mark) - 1, y: rect.y, style: .role(.muted))
        }
    }
}
