import InspektCore

/// Enter on a new damage: the pickup photo and the return photo side by side, as large as the screen allows,
/// the damage's box drawn on the return photo.
extension ComparisonScreen {
    static func drawZoomed(_ state: AppState, _ comparison: Inspection, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let layout = newDamage(state, comparison)
        let placed = Array(layout.placed.prefix(ComparisonLines.maxPartLines))
        guard let index = state.comparison.selectedDamage, placed.indices.contains(index),
            layout.pairs.indices.contains(placed[index].pair)
        else {
            screen.put(
                state.options.words("detail.no-damage-selected"), x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let pair = layout.pairs[placed[index].pair]
        let damage = placed[index].damage
        screen.put(
            state.options.words.position(index + 1, of: placed.count) + ". " + state.options.words.damage(damage),
            x: rect.x + 2, y: rect.y,
            maxWidth: rect.width - 4, style: .role(.warn, bold: true))
        let half = max(1, (rect.width - 4 - 2) / 2)
        let left = Rect(x: rect.x + 2, y: rect.y + 2, width: half, height: rect.height - 2)
        let right = Rect(x: rect.x + 2 + half + 2, y: rect.y + 2, width: half, height: rect.height - 2)
        if let pickup = pair.pickup {
            let title =
                state.options.words("compare.pickup-title", ["slot": state.options.words.slot(pickup.photo.slot)]) + " "
                + glyphs.dash + " "
                + SafeText.escape(pickup.photo.fileName)
            pane(
                state, title: title, note: state.options.words.counterpart(pickup), path: pickup.photo.path, boxes: [],
                into: &screen, area: left)
        } else {
            screen.put(
                state.options.words("compare.pickup-none"), x: left.x, y: left.y, maxWidth: left.width,
                style: .role(.title, bold: true))
        }
        let photo = pair.returnPhoto.photo
        let title =
            state.options.words("compare.return-title", ["slot": state.options.words.slot(photo.slot)]) + " "
            + glyphs.dash + " " + SafeText.escape(photo.fileName)
        let number = pair.firstNumber + (pair.returnPhoto.damage.firstIndex(of: damage) ?? 0)
        pane(
            state, title: title,
            note: state.options.words("compare.new-damage-number", ["number": state.options.words.number(number)]),
            path: photo.path, boxes: [(damage, number)],
            into: &screen, area: right)
    }

    /// One side: its title, a note under it, then the photo with its boxes (or why it cannot show).
    static func pane(
        _ state: AppState, title: String, note: String, path: String, boxes: [(DamagedPart, Int)],
        into screen: inout Screen, area: Rect
    ) {
        let glyphs = state.options.glyphs
        screen.put(title, x: area.x, y: area.y, maxWidth: area.width, style: .role(.title, bold: true))
        screen.put(note, x: area.x, y: area.y + 1, maxWidth: area.width, style: .role(.muted))
        let picture = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        guard let preview = state.comparison.previews[path] else {
            let words =
                state.comparison.unreadablePhotos.contains(path)
                ? state.options.words("compare.photo-unreadable")
                : state.options.words("detail.loading-photo") + glyphs.ellipsis
            screen.put(words, x: picture.x, y: picture.y, maxWidth: picture.width, style: .role(.muted))
            return
        }
        let placed = boxes.compactMap { part, number in
            part.box?.fractions(pixelWidth: preview.pixelWidth, pixelHeight: preview.pixelHeight).map {
                (box: $0, number: number)
            }
        }
        let rows = PhotoWithBoxes.draw(preview, boxes: placed, into: &screen, area: picture, options: state.options)
        if placed.count < boxes.count {
            screen.put(
                state.options.words("detail.no-box"), x: picture.x, y: min(picture.maxY - 1, picture.y + rows),
                maxWidth: picture.width, style: .role(.muted))
        }
    }
}
