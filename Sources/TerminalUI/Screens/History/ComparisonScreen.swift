import Foundation
import InspektCore

/// A comparison (API.md §5): what it compares, its state, and once its result arrived the new damage only,
/// photo by photo like an inspection's detail — each return photo beside the pickup photo of the same part,
/// Tab between damages, Enter for both photos large with the box, `p` for the report, `e` for the receipt.
public enum ComparisonScreen {
    public enum Action: Sendable, Hashable {
        case scroll(ListMove), back
        case nextDamage, previousDamage, showPhoto, closePhoto, report, export
    }

    /// The comparison's one key table.
    public static let keymap = Keymap<Action>(
        "title.comparison",
        ScrollKeys.bindings { Action.scroll($0) } + [
            KeyBinding([.tab], "Tab", "key.next-damage", .nextDamage, when: { !placed($0).isEmpty }),
            KeyBinding(
                [.backTab], "S-Tab", "key.previous-damage", .previousDamage, footer: false,
                when: { !placed($0).isEmpty }),
            KeyBinding(
                [.enter], "Enter", "key.photos", .showPhoto, when: { !$0.comparison.zoomed && !placed($0).isEmpty }),
            // Stands in for "back" on the same keys while the photos are shown large.
            KeyBinding(backKeys, "Esc", "key.close-photos", .closePhoto, rank: .goOn, when: { $0.comparison.zoomed }),
            KeyBinding(backKeys, "Esc", "key.back", .back, rank: .goOn, when: { !$0.comparison.zoomed }),
            KeyBinding(
                [.character("p")], "p", "key.write-report", .report, when: { shown($0)?.state.wasAccepted ?? false }),
            KeyBinding(
                [.character("e")], "e", "key.export-receipt", .export, footer: false,
                when: { shown($0)?.state.wasAccepted ?? false }),
        ])

    static let backKeys: [Key] = [.escape, .character("q"), .left, .character("h")]

    /// Opens a comparison and asks for it and the two inspections it compares.
    static func open(_ comparison: Inspection, from route: Route = .board, _ state: inout AppState) -> [Command] {
        state.comparison = ComparisonState()
        state.comparison.id = comparison.id
        state.comparison.comparison = comparison
        state.comparison.returnRoute = route
        state.route = .comparison(id: comparison.id)
        return [.screen(.history(.loadComparison(id: comparison.id)))]
    }

    /// The freshest copy: the board's (events update it) unless only the loaded one has the result.
    static func current(_ state: AppState, id: String) -> Inspection? {
        let loaded = state.comparison.id == id ? state.comparison.comparison : nil
        guard let live = state.inspection(id: id) else { return loaded }
        if live.result == nil, let loaded, loaded.result != nil { return loaded }
        return live
    }

    /// The comparison on screen, if the comparison screen shows.
    static func shown(_ state: AppState) -> Inspection? {
        if case .comparison(let id) = state.route { return current(state, id: id) }
        return nil
    }

    /// The new damage of a comparison laid out beside the pickup's photos.
    static func newDamage(_ state: AppState, _ comparison: Inspection) -> NewDamagePhotos {
        guard let result = comparison.result, result.verdict == .available else {
            return NewDamagePhotos(pairs: [], unplaced: [])
        }
        return NewDamagePhotos.make(result: result, pickup: state.comparison.before, returned: state.comparison.after)
    }

    /// Every new damage placed on a return photo, in the order listed (the numbers shown are these indices + 1).
    static func placed(_ state: AppState) -> [(pair: Int, damage: DamagedPart)] {
        guard let comparison = shown(state) else { return [] }
        return Array(newDamage(state, comparison).placed.prefix(ComparisonLines.maxPartLines))
    }

    static func handle(_ key: Key, id: String, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .scroll(let move):
            let height = state.size.height - 3
            state.comparison.scroll = ScrollingText(
                lines: lines(state, id: id).map { (text: $0.text, style: $0.style) }
            )
            .scrolled(state.comparison.scroll, by: move, height: height, page: max(1, height - 2))
        case .back: state.route = state.comparison.returnRoute
        case .nextDamage: selectDamage(by: 1, id: id, &state)
        case .previousDamage: selectDamage(by: -1, id: id, &state)
        case .showPhoto:
            if state.comparison.selectedDamage == nil { selectDamage(by: 1, id: id, &state) }
            state.comparison.zoomed = true
        case .closePhoto: state.comparison.zoomed = false
        case .report:
            state.notice = Notice(
                state.options.words("notice.writing-report") + state.options.glyphs.ellipsis, role: .normal)
            return [.screen(.detail(.writeReport(id: id)))]
        case .export: return [.screen(.detail(.exportReceipt(id: id)))]
        }
        return []
    }

    /// The screen's lines for the comparison as it is now, at the current width.
    static func lines(_ state: AppState, id: String) -> [ComparisonLines.Line] {
        current(state, id: id).map { ComparisonLines.lines(state, $0, width: state.size.width - 4) } ?? []
    }

    /// Moves the highlight to the next (or previous) new damage, wrapping, and scrolls its photos into view.
    static func selectDamage(by step: Int, id: String, _ state: inout AppState) {
        let count = placed(state).count
        guard count > 0 else { return }
        let start = state.comparison.selectedDamage ?? (step > 0 ? -1 : count)
        let next = ((start + step) % count + count) % count
        state.comparison.selectedDamage = next
        let all = lines(state, id: id)
        guard let at = all.firstIndex(where: { $0.damage == next }) else { return }
        let height = max(1, state.size.height - 3)
        // The pair's two heading lines sit just above its first picture row: show them with the line when they fit.
        let heading = max(0, (all[...at].lastIndex { $0.text.hasPrefix("  Return  ") } ?? at))
        if at < state.comparison.scroll || at >= state.comparison.scroll + height {
            state.comparison.scroll = min(max(0, all.count - height), at - heading < height ? heading : at)
        }
    }

    /// Asks for the pictures of the pickup and return photos shown, once the result and both sides are there.
    static func requestPreviews(_ state: inout AppState) -> [Command] {
        guard let id = state.comparison.id, let comparison = current(state, id: id), state.comparison.after != nil
        else { return [] }
        let layout = newDamage(state, comparison)
        var wanted: [String] = []
        for pair in layout.pairs {
            for path in [pair.pickup?.photo.path, pair.returnPhoto.photo.path].compactMap({ $0 })
            where !state.comparison.requestedPreviews.contains(path) && !wanted.contains(path) {
                wanted.append(path)
            }
        }
        state.comparison.requestedPreviews.formUnion(wanted)
        return wanted.map { .screen(.detail(.loadPhotoPreview(path: $0))) }
    }

    /// A photo's picture came back (nil: unreadable); kept when this screen asked for it.
    static func previewLoaded(path: String, _ preview: DetailPreview?, _ state: inout AppState) {
        guard state.comparison.requestedPreviews.contains(path) else { return }
        if let preview {
            state.comparison.previews[path] = preview
        } else {
            state.comparison.unreadablePhotos.insert(path)
        }
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        guard let comparison = current(state, id: id) else {
            screen.put(
                state.options.words("compare.loading") + state.options.glyphs.ellipsis, x: rect.x + 2, y: rect.y + 1,
                style: .role(.muted))
            return
        }
        if state.comparison.zoomed {
            drawZoomed(state, comparison, into: &screen, rect: rect)
            return
        }
        let all = ComparisonLines.lines(state, comparison, width: rect.width - 4)
        let maxScroll = max(0, all.count - rect.height)
        let scroll = min(state.comparison.scroll, maxScroll)
        for (i, line) in all.dropFirst(scroll).prefix(rect.height).enumerated() {
            let selected = line.damage != nil && line.damage == state.comparison.selectedDamage
            screen.put(
                line.text, x: rect.x + 2, y: rect.y + i, maxWidth: rect.width - 4,
                style: selected ? .role(.selected, reverse: true) : line.style)
            for picture in line.pictures {
                guard let preview = state.comparison.previews[picture.path] else { continue }
                Thumbnails.draw(
                    preview.thumbnail, into: &screen, x: rect.x + 2 + picture.column, y: rect.y + i,
                    columns: ComparisonLines.pictureColumns, rows: ComparisonLines.pictureRows,
                    ascii: state.options.glyphs == .ascii, onlyRow: picture.row)
            }
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
