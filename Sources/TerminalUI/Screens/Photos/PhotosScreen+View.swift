import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// How the photos screen draws: the inbox list, the checklist, the car diagram and the preview.
extension PhotosScreen {
    static func draw(_ state: AppState, into screen: inout Screen, size: Size) {
        let options = state.options
        let glyphs = options.glyphs
        let words = options.words
        let layout = Layout(size: size)
        let photos = state.photos
        let draft = state.draft
        let relative =
            photos.folder.hasPrefix(state.inboxRoot)
            ? String(photos.folder.dropFirst(state.inboxRoot.count)) : photos.folder
        let boxTitle = words("photos.inbox") + (relative.isEmpty ? "" : " " + SafeText.escape(relative))
        // The rows in view, not the highlighted one: it changes only when the list scrolls (and every row is
        // drawn again anyway), so a one-row move repaints no counter.
        let first = photos.list.firstRow(height: layout.list.height)
        let shown =
            " "
            + words(
                "photos.inbox.position",
                [
                    "first": words.number(first + 1),
                    "last": words.number(min(photos.list.count, first + max(1, layout.list.height))),
                    "total": words.number(photos.list.count),
                ])
        let position = photos.list.count > 0 ? shown : ""
        let inboxFocused = photos.focus == .inbox
        screen.box(
            layout.listBox, title: boxTitle + position, glyphs: glyphs,
            style: inboxFocused ? .role(.focus, bold: true) : .role(.muted))
        let list = layout.list
        if photos.scanning && photos.items.isEmpty {
            screen.put(
                words("photos.reading-folder") + glyphs.ellipsis, x: list.x + 1, y: list.y, maxWidth: list.width - 1,
                style: .role(.muted))
        } else if let error = photos.scanError {
            for (i, line) in TextWidth.wrap(
                words("photos.cannot-list", ["reason": error]), to: list.width - 1, lines: list.height,
                ellipsis: glyphs.ellipsis
            ).enumerated() {
                screen.put(line, x: list.x + 1, y: list.y + i, style: .role(.error, bold: true))
            }
        } else if photos.items.isEmpty {
            let message = words("photos.inbox.empty", ["folder": SafeText.escape(state.inboxRoot)])
            for (i, line) in TextWidth.wrap(message, to: list.width - 1, lines: list.height, ellipsis: glyphs.ellipsis)
                .enumerated()
            {
                screen.put(line, x: list.x + 1, y: list.y + i, style: .role(.muted))
            }
        } else if photos.list.count == 0 {
            screen.put(
                words("photos.no-match"), x: list.x + 1, y: list.y, maxWidth: list.width - 1,
                style: .role(.muted))
        } else {
            let usedBy = Dictionary(draft?.photos.map { ($0.path, $0.slot) } ?? [], uniquingKeysWith: { a, _ in a })
            let timeWidth = 12
            // Narrow lists drop the size column before the name gets too short.
            let sizeWidth = list.width >= 40 ? 8 : 0
            // The pointer alone marks the row (no highlight bar, no attribute to switch on and off), so a one-row
            // move rewrites two cells in a dozen bytes.
            photos.list.draw(into: &screen, rect: list, glyphs: glyphs, focused: inboxFocused, highlightWidth: 0) {
                screen, index, line, isSelected in
                let item = photos.items[index]
                let nameWidth = line.width - 3 - sizeWidth - timeWidth - 2
                // Column 0 points at the highlighted row (visible without colour), column 1 marks used or unusable files.
                if isSelected {
                    screen.put(glyphs.pointer, x: line.x, y: line.y, style: .normal)
                }
                let markX = line.x + 1
                var x = line.x + 3
                if item.isDirectory {
                    let name = item.name == ".." ? ".. " + words("photos.up") : SafeText.escape(item.name) + "/"
                    screen.put(glyphs.folder, x: markX, y: line.y, style: .role(.focus, bold: true))
                    screen.put(
                        TextWidth.truncate(name, to: line.width - 3 - timeWidth - 1, ellipsis: glyphs.ellipsis),
                        x: x, y: line.y, style: .role(.focus, bold: true))
                    if item.name != ".." {
                        screen.put(
                            TextWidth.rightAligned(words("photos.folder"), to: timeWidth + sizeWidth + 1),
                            x: line.maxX - timeWidth - sizeWidth - 1, y: line.y, style: .role(.muted))
                    }
                    return
                }
                let arriving = photos.arriving.contains(item.path)
                let sentWith = usedBy[item.path] == nil ? photos.sentWith[item.path] : nil
                let problem = arriving ? words("photos.arriving") : item.problem ?? usedBy[item.path].map(words.slot)
                let usable = item.problem == nil && !arriving
                if usedBy[item.path] != nil {
                    screen.put(glyphs.check, x: markX, y: line.y, style: .role(.ok, bold: true))
                } else if !usable {
                    screen.put(glyphs.cross, x: markX, y: line.y, style: .role(.error, bold: true))
                }
                screen.put(
                    TextWidth.truncate(SafeText.escape(item.name), to: max(1, nameWidth), ellipsis: glyphs.ellipsis),
                    x: x, y: line.y, style: usable ? .normal : .role(.muted))
                x = line.maxX - sizeWidth - timeWidth - 1
                if let sentWith, problem == nil {
                    // Sent before: the case id takes the size and time columns.
                    let text = TextWidth.truncate(
                        words("photos.sent-with", ["case": SafeText.escape(sentWith)]), to: sizeWidth + 1 + timeWidth,
                        ellipsis: glyphs.ellipsis)
                    screen.put(
                        TextWidth.rightAligned(text, to: sizeWidth + 1 + timeWidth), x: x, y: line.y,
                        style: .role(.muted))
                    return
                }
                if sizeWidth > 0 {
                    screen.put(
                        TextWidth.rightAligned(words.bytes(item.size), to: sizeWidth), x: x, y: line.y,
                        style: .role(.muted))
                }
                x += sizeWidth + 1
                if let problem {
                    screen.put(
                        TextWidth.truncateAtWord(problem, to: timeWidth, ellipsis: glyphs.ellipsis), x: x, y: line.y,
                        style: .role(arriving ? .warn : usable ? .ok : .error, bold: !usable))
                } else if let duration = item.duration {
                    // A video shows its length where a photo shows when it was taken.
                    screen.put(
                        TextWidth.rightAligned(
                            words("photos.video", ["length": VideoContainer.clock(duration)]), to: timeWidth), x: x,
                        y: line.y, style: .normal)
                } else {
                    screen.put(
                        Format.shortDateTime(item.shownTime, in: state.timeZone), x: x, y: line.y,
                        style: .role(item.captureTime == nil ? .muted : .normal))
                }
            }
        }
        if let preview = layout.preview { drawPreview(state, into: &screen, rect: preview) }

        // Right: checklist and car.
        let covered = Set(draft?.photos.map(\.slot) ?? [])
        let count = CoverageSlot.walkAround.filter(covered.contains).count
        screen.box(
            layout.checklistBox,
            title: draft?.isVideoWalkAround == true
                ? words("photos.coverage.video") : words("photos.coverage", ["covered": words.number(count)]),
            glyphs: glyphs,
            style: inboxFocused ? .role(.muted) : .role(.focus, bold: true))
        CoverageChecklist.draw(
            photos: draft?.photos ?? [], highlighted: photos.slotIndex, focused: !inboxFocused,
            into: &screen, rect: layout.checklistBox.inset(1), options: options, qTags: qScoreTags(state))
        if let at = layout.diagram {
            CarDiagram.draw(covered: covered, into: &screen, x: at.x, y: at.y, options: options)
        }
    }

    static func drawPreview(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        screen.box(rect, title: words("photos.preview"), glyphs: glyphs, style: .role(.muted))
        let inner = rect.inset(1)
        guard let item = state.photos.preview, !inner.isEmpty else { return }
        if item.isDirectory {
            screen.put(
                words("photos.preview.folder"), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1,
                style: .role(.muted))
            return
        }
        var textX = inner.x + 1
        // The name in plain text: the next photo's name then differs by the characters that differ, no attributes.
        var lines: [(String, CellStyle)] = [(SafeText.escape(item.name), .normal)]
        if let problem = item.problem {
            lines.append((words("photos.preview.cannot-send", ["reason": problem]), .role(.error, bold: true)))
        }
        if let caseID = state.photos.sentWith[item.path] {
            lines.append((words("photos.preview.sent", ["case": SafeText.escape(caseID)]), .role(.warn, bold: true)))
        }
        if let duration = item.duration {
            lines.append(
                (
                    words(
                        "photos.preview.video",
                        ["length": VideoContainer.clock(duration), "size": words.bytes(item.size)]), .normal
                ))
        }
        switch state.photos.facts[item.path] {
        case .loaded(let facts):
            if state.options.color, let thumbnail = facts.thumbnail, inner.height >= 3 {
                let columns = min(inner.width / 3, inner.height * 2 * 4 / 3)
                let drawn = Thumbnails.draw(
                    thumbnail, into: &screen, x: inner.x + 1, y: inner.y, columns: columns, rows: inner.height,
                    ascii: state.options.ascii)
                textX = inner.x + 2 + drawn
            }
            var sizeLine = words.bytes(facts.size)
            if let w = facts.pixelWidth, let h = facts.pixelHeight {
                sizeLine = "\(w)\(glyphs.times)\(h) px, " + sizeLine
            }
            lines.append((sizeLine, .normal))
            lines.append(
                (
                    facts.captureTime.map {
                        words("photos.preview.taken", ["when": Format.dateTime($0, in: state.timeZone)])
                    } ?? words("photos.preview.no-time"),
                    .normal
                ))
            if let verdict = facts.sharpnessVerdict, let score = facts.blurScore {
                lines.append(
                    (
                        words("photos.preview.sharpness", ["verdict": verdict, "score": String(Int(score))]),
                        verdict == "sharp" ? .role(.ok) : .role(.warn, bold: true)
                    ))
            }
            if let verdict = facts.exposureVerdict, let value = facts.exposure {
                lines.append(
                    (
                        words("photos.preview.exposure", ["verdict": verdict, "value": String(Int(value))]),
                        verdict == "ok" ? .role(.ok) : .role(.warn, bold: true)
                    ))
            }
        case .failed(let reason):
            lines.append((words("photos.preview.cannot-read", ["reason": reason]), .role(.error, bold: true)))
        case .loading:
            lines.append((words("photos.preview.reading") + glyphs.ellipsis, .role(.muted)))
        case nil:
            lines.append((words.bytes(item.size), .normal))
        }
        lines.insert(contentsOf: qScorePreview(state, item), at: min(lines.count, 2))
        for (i, line) in lines.prefix(inner.height).enumerated() {
            screen.put(
                TextWidth.truncateAtWord(line.0, to: inner.maxX - textX, ellipsis: glyphs.ellipsis), x: textX,
                y: inner.y + i,
                style: line.1)
        }
    }
}
