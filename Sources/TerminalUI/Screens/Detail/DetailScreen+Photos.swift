import Foundation
import InspektCore

/// The detail's photos once a result arrived: each photo with its picture and the damage found on it.
extension DetailScreen {
    /// The picture beside a photo's damage: columns and cell rows.
    static let thumbnailColumns = 8
    static let thumbnailRows = 3
    /// Where a damage line's text starts: indent, picture, gap.
    static let gutter = String(repeating: " ", count: 2 + thumbnailColumns + 2)

    /// The result's damage laid out on the photos of the inspection shown.
    static func damageMap(_ state: AppState) -> PhotoDamageMap? {
        guard let inspection = current(state), let result = inspection.result ?? state.detail.result,
            result.verdict == .available
        else { return nil }
        return PhotoDamageMap.match(photos: inspection.photos, result: result)
    }

    /// Every damage entry placed on a photo, in the order listed (the numbers shown are these indices + 1).
    static func placedDamage(_ state: AppState) -> [(photo: Int, damage: DamagedPart)] {
        damageMap(state)?.placed ?? []
    }

    /// How many damage entries the detail lists (placed on photos, and on none), within `maxPartLines`.
    static func listedCounts(_ map: PhotoDamageMap) -> (unplaced: Int, placed: Int) {
        let unplaced = min(map.unplaced.count, maxPartLines)
        return (unplaced, min(map.placed.count, maxPartLines - unplaced))
    }

    /// Under the verdict: the damage no photo of the inspection names, and what the lists leave out.
    static func unplacedLines(_ state: AppState, map: PhotoDamageMap, result: ResultSummary, width: Int) -> [Line] {
        let glyphs = state.options.glyphs
        let listed = listedCounts(map)
        var out: [Line] = []
        if listed.unplaced > 0, !map.placed.isEmpty {
            out.append(Line("  " + state.options.words("detail.unplaced"), .normal))
        }
        for part in map.unplaced.prefix(listed.unplaced) {
            for (i, text) in TextWidth.wrap(state.options.words.damage(part), to: max(10, width - 4)).enumerated() {
                out.append(Line((i == 0 ? "  " + glyphs.bullet + " " : "    ") + text, .normal))
            }
        }
        if result.totalDamageEntries > listed.unplaced + listed.placed {
            let more = result.totalDamageEntries - listed.unplaced - listed.placed
            out.append(
                Line(
                    "    " + glyphs.ellipsis + " " + state.options.words("detail.more", count: more),
                    .role(.muted)))
        }
        return out
    }

    /// Photos with their damage, numbered through, each beside its picture (when there is one to show).
    static func damagePhotoLines(_ state: AppState, _ inspection: Inspection, map: PhotoDamageMap, width: Int) -> [Line]
    {
        let glyphs = state.options.glyphs
        var out = [
            Line(state.options.words("detail.damage-on-photos"), CellStyle(role: .title, bold: true, underline: true))
        ]
        var number = 0
        let budget = listedCounts(map).placed
        let textWidth = max(10, width - TextWidth.width(of: gutter))
        for entry in map.photos {
            let picture = state.options.color && state.detail.previews[entry.photo.path] != nil
            if entry.damage.isEmpty && entry.poorScores.isEmpty && !picture {
                out.append(
                    Line(
                        photoHeading(entry.photo, glyphs: glyphs, words: state.options.words) + "  "
                            + state.options.words("state.available.clean"), .normal))
                continue
            }
            out.append(Line(photoHeading(entry.photo, glyphs: glyphs, words: state.options.words), .normal))
            var body: [Line] = []
            if entry.damage.isEmpty {
                body.append(Line(gutter + state.options.words("detail.photo.no-damage"), .role(.muted)))
            }
            for part in entry.damage {
                number += 1
                guard number <= budget else { continue }
                for (i, text) in TextWidth.wrap("\(number). " + state.options.words.damage(part), to: textWidth)
                    .enumerated()
                {
                    body.append(Line(gutter + (i == 0 ? "" : "   ") + text, .normal, damage: number - 1))
                }
            }
            if !entry.poorScores.isEmpty {
                body.append(
                    Line(
                        gutter
                            + state.options.words(
                                "detail.photo.scores", ["scores": entry.poorScores.joined(separator: ", ")]),
                        .role(.warn)))
            }
            if state.detail.unreadablePhotos.contains(entry.photo.path) {
                body.append(Line(gutter + state.options.words("detail.photo.unreadable"), .role(.muted)))
            }
            if picture {
                while body.count < thumbnailRows { body.append(Line(gutter, .normal)) }
                for row in 0..<thumbnailRows { body[row].thumbnail = ThumbnailRow(path: entry.photo.path, row: row) }
            }
            out += body
        }
        for slot in inspection.missingSlots {
            out.append(Line("  " + glyphs.cross + " " + TextWidth.fit(slot.title, to: 16) + "missing", .role(.warn)))
        }
        return out
    }

    /// Moves the highlight to the next (or previous) damage line, wrapping, and scrolls it into view.
    static func selectDamage(by step: Int, _ state: inout AppState) {
        let count = placedDamage(state).count
        guard count > 0, let inspection = current(state) else { return }
        let start = state.detail.selectedDamage ?? (step > 0 ? -1 : count)
        let next = ((start + step) % count + count) % count
        state.detail.selectedDamage = next
        let all = lines(state, inspection, width: state.size.width - 4)
        guard let at = all.firstIndex(where: { $0.damage == next }) else { return }
        let height = max(1, state.size.height - 3)
        // The photo's heading sits just above its first picture row: show it with the line when both fit.
        let heading = max(0, (all[...at].lastIndex { $0.thumbnail?.row == 0 } ?? at) - 1)
        if at < state.detail.scroll || at >= state.detail.scroll + height {
            state.detail.scroll = min(max(0, all.count - height), at - heading < height ? heading : at)
        }
    }

    /// Asks for the pictures of the shown inspection's photos once a result is there to put on them.
    static func requestPreviews(_ state: inout AppState) -> [Command] {
        guard damageMap(state) != nil, let inspection = current(state) else { return [] }
        let wanted = inspection.photos.map(\.path).filter { !state.detail.requestedPreviews.contains($0) }
        state.detail.requestedPreviews.formUnion(wanted)
        return wanted.map { .screen(.detail(.loadPhotoPreview(path: $0))) }
    }

    /// One cell row of a photo's picture in a line's gutter.
    static func drawThumbnailRow(_ state: AppState, _ row: ThumbnailRow, into screen: inout Screen, x: Int, y: Int) {
        guard state.options.color, let preview = state.detail.previews[row.path] else { return }
        Thumbnails.draw(
            preview.thumbnail, into: &screen, x: x, y: y, columns: thumbnailColumns, rows: thumbnailRows,
            ascii: state.options.glyphs == .ascii, onlyRow: row.row)
    }
}
