import InspektCore

/// Enter on a damage line: its photo as large as the screen allows, the damage's box drawn on it.
extension DetailScreen {
    static func drawZoomed(_ state: AppState, _ inspection: Inspection, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let placed = placedDamage(state)
        guard let index = state.detail.selectedDamage, placed.indices.contains(index),
            let map = damageMap(state), map.photos.indices.contains(placed[index].photo)
        else {
            screen.put(
                state.options.words("detail.no-damage-selected"), x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        let photo = map.photos[placed[index].photo].photo
        let damage = placed[index].damage
        let title = state.options.words.slot(photo.slot) + " " + glyphs.dash + " " + SafeText.escape(photo.fileName)
        screen.put(title, x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: .role(.title, bold: true))
        screen.put(
            state.options.words.position(index + 1, of: placed.count) + ". " + state.options.words.damage(damage),
            x: rect.x + 2, y: rect.y + 1,
            maxWidth: rect.width - 4, style: .role(.warn, bold: true))
        let area = Rect(x: rect.x + 2, y: rect.y + 3, width: rect.width - 4, height: rect.height - 3)
        guard let preview = state.detail.previews[photo.path] else {
            let words =
                state.detail.unreadablePhotos.contains(photo.path)
                ? state.options.words("detail.photo-unreadable")
                : state.options.words("detail.loading-photo") + glyphs.ellipsis
            screen.put(words, x: area.x, y: area.y, maxWidth: area.width, style: .role(.muted))
            return
        }
        let thumbnail = preview.thumbnail
        guard thumbnail.width > 0, thumbnail.height > 0, area.width > 2, area.height > 2 else { return }
        // The cells the picture takes, as Thumbnails scales it (a cell is two pixel rows).
        let scale = min(
            Double(area.width) / Double(thumbnail.width), Double(area.height * 2) / Double(thumbnail.height))
        let columns = max(1, Int(Double(thumbnail.width) * scale))
        let rows = min(area.height, (max(2, Int(Double(thumbnail.height) * scale)) + 1) / 2)
        if state.options.color {
            Thumbnails.draw(
                thumbnail, into: &screen, x: area.x, y: area.y, columns: area.width, rows: area.height,
                ascii: glyphs == .ascii)
        } else {
            // Without colour the picture cannot show: its outline still places the box.
            screen.box(Rect(x: area.x, y: area.y, width: columns, height: rows), glyphs: glyphs, style: .role(.muted))
        }
        guard let box = damage.box?.fractions(pixelWidth: preview.pixelWidth, pixelHeight: preview.pixelHeight) else {
            screen.put(
                state.options.words("detail.no-box"), x: area.x, y: min(area.maxY - 1, area.y + rows),
                maxWidth: area.width, style: .role(.muted))
            return
        }
        let left = area.x + Int((box.x * Double(columns)).rounded(.down))
        let top = area.y + Int((box.y * Double(rows)).rounded(.down))
        let right = max(left + 2, area.x + Int(((box.x + box.width) * Double(columns)).rounded(.up)))
        let bottom = max(top + 2, area.y + Int(((box.y + box.height) * Double(rows)).rounded(.up)))
        let frame = Rect(
            x: left, y: top, width: min(right, area.x + columns) - left, height: min(bottom, area.y + rows) - top)
        var heavy = glyphs
        (heavy.horizontal, heavy.vertical) = (glyphs.heavyHorizontal, glyphs.heavyVertical)
        (heavy.topLeft, heavy.topRight) = (glyphs.heavyTopLeft, glyphs.heavyTopRight)
        (heavy.bottomLeft, heavy.bottomRight) = (glyphs.heavyBottomLeft, glyphs.heavyBottomRight)
        screen.box(
            frame, title: "\(index + 1)", glyphs: heavy, style: .role(.warn, bold: true, reverse: true),
            titleStyle: .role(.warn, bold: true, reverse: true))
    }
}
