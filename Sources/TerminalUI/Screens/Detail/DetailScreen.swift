import Foundation
import InspektCore
import InspektLanguage

/// Detail: one inspection's facts, photos per slot, history and result.
public enum DetailScreen {
    public enum Action: Sendable, Hashable {
        case scroll(ListMove), back, export, retry, changePhotos, upload, uploadAsNew
        case nextDamage, previousDamage, showPhoto, closePhoto, report
    }

    static func current(_ state: AppState) -> Inspection? {
        if case .detail(let id) = state.route { return state.inspection(id: id) }
        return nil
    }

    /// The detail screen's one key table.
    public static let keymap = Keymap<Action>(
        "title.detail",
        ScrollKeys.bindings { Action.scroll($0) } + [
            KeyBinding(
                [.tab], "Tab", "key.next-damage", .nextDamage, footer: false, when: { !placedDamage($0).isEmpty }),
            KeyBinding(
                [.backTab], "S-Tab", "key.previous-damage", .previousDamage, footer: false,
                when: { !placedDamage($0).isEmpty }),
            KeyBinding(
                [.enter], "Enter", "key.damage-on-photo", .showPhoto, rank: .main,
                when: { !$0.detail.zoomed && !placedDamage($0).isEmpty }),
            // Stands in for "board" on the same keys while a photo is shown large.
            KeyBinding(backKeys, "Esc", "key.close-photo", .closePhoto, rank: .goOn, when: { $0.detail.zoomed }),
            KeyBinding(backKeys, "Esc", "key.board", .back, rank: .goOn, when: { !$0.detail.zoomed }),
            KeyBinding(
                [.character("e")], "e", "key.export-receipt", .export, when: { current($0)?.state.wasAccepted ?? false }
            ),
            KeyBinding(
                [.character("p")], "p", "key.write-report", .report, when: { current($0)?.state.wasAccepted ?? false }),
            KeyBinding(
                [.character("r")], "r", "key.retry-upload", .retry, rank: .main, changesData: true,
                when: { [.failedRetryable, .mayHaveBeenAccepted].contains(current($0)?.state ?? .draft) }),
            KeyBinding(
                [.character("p")], "p", "key.change-photos", .changePhotos, changesData: true,
                when: { current($0)?.state == .failedRetryable }),
            KeyBinding(
                [.character("u")], "u", "key.upload-progress", .upload,
                when: { [.ready, .uploading, .failedRetryable].contains(current($0)?.state ?? .draft) }),
            KeyBinding(
                [.character("N")], "N", "key.not-in-portal-new-inspection", .uploadAsNew, footer: false,
                changesData: true,
                when: { [.failedRetryable, .mayHaveBeenAccepted].contains(current($0)?.state ?? .draft) }),
        ])

    static let backKeys: [Key] = [.escape, .left, .character("h"), .character("b"), .character("q")]

    static func handle(_ key: Key, id: String, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        let page = max(1, state.size.height - 5)
        switch action {
        case .scroll(let move):
            state.detail.scroll = ScrollKeys.scrolled(
                state.detail.scroll, move, page: page, limit: maxScroll(state, id: id))
        case .back: state.route = .board
        case .export: return [.screen(.detail(.exportReceipt(id: id)))]
        case .retry:
            state.notice = Notice(state.options.words("notice.retrying"), role: .ok)
            return [.retry(id: id)]
        case .changePhotos:
            // The service refuses when the upload may have been accepted; that comes back as `.commandFailed`.
            return [.reopenDraft(id: id)]
        case .upload: state.route = .upload(id: id)
        case .uploadAsNew:
            let caseID = state.inspection(id: id)?.facts.caseID ?? id
            state.overlay = .confirm(.uploadAgainAsNew(id: id, caseID: caseID, words: state.options.words))
        case .nextDamage: selectDamage(by: 1, &state)
        case .previousDamage: selectDamage(by: -1, &state)
        case .showPhoto:
            if state.detail.selectedDamage == nil { selectDamage(by: 1, &state) }
            state.detail.zoomed = true
        case .closePhoto: state.detail.zoomed = false
        case .report:
            state.notice = Notice(
                state.options.words("notice.writing-report") + state.options.glyphs.ellipsis, role: .normal)
            return [.screen(.detail(.writeReport(id: id)))]
        }
        return []
    }

    /// Damage entries listed one per line; a result may hold 100,000 bounding boxes.
    static let maxPartLines = 200

    /// The readings the detail names in words, in the order it shows them.
    static let knownReadings: [(title: String, keys: Set<String>)] = [
        ("reading.plate", ["plate", "licenseplate", "numberplate", "licenseplatenumber", "registration"]),
        ("reading.vin", ["vin", "vinnumber"]),
        ("reading.odometer", ["odometer", "mileage"]),
        ("reading.make", ["make"]),
        ("reading.model", ["model"]),
        ("reading.colour", ["color", "colour"]),
    ]

    /// A reading key reduced to lower-case letters and digits, without the API's "Reading" suffix
    /// (`licensePlateReading`, `vin_reading` and `VIN` all become the same key).
    static func normalizedReadingKey(_ key: String) -> String { ResultSummary.readingKey(key) }

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
    static func readingTitle(_ key: String, words: Localizer) -> String {
        knownReadingIndex(key).map { words(knownReadings[$0].title) } ?? SafeText.escape(key)
    }

    /// How far the detail scrolls at the current size: the last line at the bottom.
    static func maxScroll(_ state: AppState, id: String) -> Int {
        guard let inspection = state.inspection(id: id) else { return 0 }
        return max(0, lines(state, inspection, width: state.size.width - 4).count - (state.size.height - 3))
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        guard let inspection = state.inspection(id: id) else {
            screen.put(state.options.words("detail.gone"), x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        if state.detail.zoomed {
            drawZoomed(state, inspection, into: &screen, rect: rect)
            return
        }
        let all = lines(state, inspection, width: rect.width - 4)
        let maxScroll = max(0, all.count - rect.height)
        let scroll = min(state.detail.scroll, maxScroll)
        for (i, line) in all.dropFirst(scroll).prefix(rect.height).enumerated() {
            let selected = line.damage != nil && line.damage == state.detail.selectedDamage
            screen.put(
                line.text, x: rect.x + 2, y: rect.y + i, maxWidth: rect.width - 4,
                style: selected ? .role(.selected, reverse: true) : line.style)
            if let row = line.thumbnail { drawThumbnailRow(state, row, into: &screen, x: rect.x + 4, y: rect.y + i) }
        }
        if maxScroll > 0 {
            let mark =
                state.options.words.position(
                    scroll + 1, through: min(all.count, scroll + rect.height), of: all.count,
                    dash: state.options.glyphs.dash)
            screen.put(mark, x: rect.maxX - TextWidth.width(of: mark) - 1, y: rect.y, style: .role(.muted))
        }
    }
}
