import InspektCore
import InspektLanguage
import InspektWords

/// The coverage checklist: each slot in walk-around order, then the extras, with its file or "missing".
public enum CoverageChecklist {
    /// What Q Score said of a photo, as the checklist shows it at the row's end: "Q 4/5", "shows the Rear".
    public struct QTag: Sendable, Hashable {
        public var score: String
        public var side: String?
        /// `side` is another side than the slot's ("shows the Rear"), not "side unclear".
        public var wrongSide: Bool
        public var role: StyleRole
        public init(score: String, side: String?, wrongSide: Bool = false, role: StyleRole) {
            self.score = score
            self.side = side
            self.wrongSide = wrongSide
            self.role = role
        }
    }

    /// Draws one row per slot from `rect.y`; the pointer of `highlighted` is reversed when `focused`. `qTags` (by
    /// path; empty with Q Score off) end the rows of the photos Q Score was asked about.
    public static func draw(
        photos: [PhotoSelection], highlighted: Int?, focused: Bool, into screen: inout Screen,
        rect: Rect, options: RenderOptions, qTags: [String: QTag] = [:]
    ) {
        let glyphs = options.glyphs
        let words = options.words
        if let video = photos.first(where: { $0.slot == .video }) {
            drawVideo(video, into: &screen, rect: rect, options: options)
            return
        }
        let bySlot = Dictionary(grouping: photos, by: \.slot)
        let titleWidth = rect.width < 32 ? 11 : 12
        for (index, slot) in CoverageSlot.allCases.enumerated() where index < rect.height {
            let y = rect.y + index
            let digit = slot.shortcutDigit.map(String.init) ?? " "
            let files = bySlot[slot] ?? []
            var x = rect.x
            let pointer = index == highlighted ? glyphs.pointer : " "
            x += screen.put(pointer, x: x, y: y, maxWidth: 1, style: .role(.focus, bold: true))
            x += screen.put(digit + " ", x: x, y: y, maxWidth: rect.maxX - x, style: .role(.muted))
            let mark: String
            let markStyle: CellStyle
            if !files.isEmpty {
                mark = glyphs.check
                markStyle = .role(.ok, bold: true)
            } else if slot.isRequired {
                mark = glyphs.cross
                markStyle = .role(.error, bold: true)
            } else {
                mark = glyphs.bullet
                markStyle = .role(.muted)
            }
            x += screen.put(mark + " ", x: x, y: y, maxWidth: rect.maxX - x, style: markStyle)
            x += screen.put(
                TextWidth.fit(words.slot(slot), to: titleWidth, ellipsis: glyphs.ellipsis), x: x, y: y,
                maxWidth: rect.maxX - x, style: files.isEmpty ? .normal : .role(.normal, bold: true))
            x += 1
            let room = rect.maxX - x
            if let first = files.first {
                let more = files.count > 1 ? " +\(files.count - 1)" : ""
                var nameRoom = room
                if let tag = qTags[first.path] {
                    var suffix = tag.score + (tag.side.map { " " + $0 } ?? "")
                    // Narrow: a wrong side matters more than the figure, the figure more than "side unclear", and all
                    // of them more than the name (the slot says which photo it is).
                    if let side = tag.side, TextWidth.width(of: suffix) > room {
                        suffix = tag.wrongSide ? side : tag.score
                    }
                    let width = min(room, TextWidth.width(of: suffix))
                    nameRoom = room - width - 1 < 6 ? 0 : room - width - 1
                    screen.put(
                        TextWidth.truncate(suffix, to: width, ellipsis: glyphs.ellipsis), x: rect.maxX - width, y: y,
                        maxWidth: width, style: .role(tag.role, bold: tag.role != .muted && tag.role != .ok))
                }
                let name = TextWidth.truncate(
                    SafeText.escape(first.fileName), to: nameRoom - TextWidth.width(of: more),
                    ellipsis: glyphs.ellipsis)
                if nameRoom > 0 { screen.put(name + more, x: x, y: y, maxWidth: nameRoom) }
            } else {
                screen.put(
                    words(slot.isRequired ? "review.slot.missing" : "case.placeholder.optional"), x: x, y: y,
                    maxWidth: room,
                    style: .role(slot.isRequired ? .warn : .muted))
            }
            if focused, index == highlighted {
                // The pointer cell alone: a one-row move then rewrites two cells, not two whole lines.
                screen.restyle(Rect(x: rect.x, y: y, width: 1, height: 1)) {
                    $0.reverse = true
                    $0.role = .selected
                }
            }
        }
    }

    /// A video walk-around instead of the slots: the video, and why nothing else goes with it.
    static func drawVideo(_ video: PhotoSelection, into screen: inout Screen, rect: Rect, options: RenderOptions) {
        let glyphs = options.glyphs
        let words = options.words
        guard rect.height > 0 else { return }
        var x = rect.x + 3
        x += screen.put(glyphs.check + " ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: .role(.ok, bold: true))
        screen.put(
            words.slot(.video), x: x, y: rect.y, maxWidth: rect.maxX - x, style: .role(.normal, bold: true))
        let lines = [
            (SafeText.escape(video.fileName), CellStyle.normal),
            (words("checklist.video.every-side"), .role(.muted)),
            (words("checklist.video.alone"), .role(.muted)),
        ]
        for (i, line) in lines.enumerated() where i + 1 < rect.height {
            screen.put(
                TextWidth.truncate(line.0, to: rect.width - 5, ellipsis: glyphs.ellipsis), x: rect.x + 5,
                y: rect.y + 1 + i, maxWidth: rect.width - 5, style: line.1)
        }
    }
}
