import InspektCore

/// Display columns of text in a terminal, measured as the terminal measures them (glibc's `wcwidth`, which ncurses
/// and tmux use): per scalar, wide CJK two, combining marks and viramas none, and a spacing vowel sign (Devanagari's
/// ि, ी, ो) one column of its own. A grapheme cluster is never split by truncation or wrapping; `Screen.put` gives
/// each of its spacing scalars its own cell, so the terminal receives the cluster's bytes in order.
public enum TextWidth {
    /// Columns one grapheme takes; controls count as the width of their visible escape.
    public static func width(of character: Character) -> Int {
        if let ascii = character.asciiValue {
            return (ascii < 0x20 || ascii == 0x7F) ? SafeTextWidth.escapeWidth(character) : 1
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if SafeTextWidth.isControl(first.value) { return SafeTextWidth.escapeWidth(character) }
        if isEmoji(character) { return 2 }
        var total = 0
        for scalar in scalars {
            if SafeTextWidth.isControl(scalar.value) { return SafeTextWidth.escapeWidth(character) }
            total += isZeroWidth(scalar) ? 0 : (isWide(scalar) ? 2 : 1)
        }
        return total
    }

    /// An emoji takes two columns whatever follows it (a skin tone, a ZWJ sequence, a flag's second letter).
    static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, first.value >= 0x2000 else { return false }
        if first.properties.isEmojiPresentation { return true }
        // An emoji presentation selector or a ZWJ sequence makes the whole grapheme an emoji.
        return first.properties.isEmoji && scalars.contains { $0.value == 0xFE0F || $0.value == 0x200D }
    }

    /// The cells a grapheme fills, when it fills more than one with separate scalars (a Devanagari syllable with a
    /// spacing vowel sign, a conjunct): each spacing scalar starts a cell, zero-width ones join the cell before.
    /// Nil for a grapheme that is one glyph (one cell, or one wide one).
    static func cells(of character: Character) -> [String]? {
        let scalars = character.unicodeScalars
        guard scalars.count > 1, !isEmoji(character) else { return nil }
        var cells: [String] = []
        for scalar in scalars {
            if isZeroWidth(scalar), !cells.isEmpty {
                cells[cells.count - 1].unicodeScalars.append(scalar)
            } else {
                cells.append(String(scalar))
            }
        }
        return cells.count > 1 ? cells : nil
    }

    /// Columns a string takes.
    public static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The longest prefix of `text` that fits `columns`, ending with `ellipsis` when cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        if columns <= 0 { return "" }
        if width(of: text) <= columns { return text }
        let ellipsisWidth = width(of: ellipsis)
        let room = columns - ellipsisWidth
        if room < 0 { return "" }
        var out = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }

    /// `text` cut after the last whole word that fits, then `ellipsis`: a message never ends mid-word.
    public static func truncateAtWord(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        if width(of: text) <= columns { return text }
        let cut = truncate(text, to: columns, ellipsis: "")
        let room = columns - width(of: ellipsis)
        var words = cut.split(separator: " ", omittingEmptySubsequences: false)
        // The last piece is whole only when the text went on with a space right after it.
        let nextIndex = text.index(text.startIndex, offsetBy: cut.count, limitedBy: text.endIndex)
        let endsAtSpace = nextIndex.map { $0 < text.endIndex && text[$0] == " " } ?? true
        if !endsAtSpace, words.count > 1 { words.removeLast() }
        var kept = words.joined(separator: " ")
        while width(of: kept) > room, words.count > 1 {
            words.removeLast()
            kept = words.joined(separator: " ")
        }
        if words.count <= 1, width(of: kept) > room { return truncate(text, to: columns, ellipsis: ellipsis) }
        while kept.hasSuffix(" ") || kept.hasSuffix(",") || kept.hasSuffix(":") { kept.removeLast() }
        return kept + ellipsis
    }

    /// `text` wrapped into at most `lines` lines; what does not fit ends the last line in `ellipsis`, after a whole word.
    public static func wrap(_ text: String, to columns: Int, lines limit: Int, ellipsis: String = "…") -> [String] {
        let all = wrap(text, to: columns)
        guard all.count > limit, limit > 0 else { return all }
        let rest = all[(limit - 1)...].joined(separator: " ")
        return Array(all.prefix(limit - 1)) + [truncateAtWord(rest, to: columns, ellipsis: ellipsis)]
    }

    /// `text` cut or padded with spaces to exactly `columns`.
    public static func fit(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: columns, ellipsis: ellipsis)
        let w = width(of: cut)
        return w < columns ? cut + String(repeating: " ", count: columns - w) : cut
    }

    /// `text` right-aligned in `columns`.
    public static func rightAligned(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        let w = width(of: cut)
        return w < columns ? String(repeating: " ", count: columns - w) + cut : cut
    }

    /// Splits `text` into lines of at most `columns`, breaking at spaces where possible.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var piece = String(word)
            var pieceWidth = width(of: piece)
            let gap = line.isEmpty ? 0 : 1
            if lineWidth + gap + pieceWidth <= columns {
                if gap == 1 { line += " " }
                line += piece
                lineWidth += gap + pieceWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            lineWidth = 0
            // A word longer than a line is cut hard.
            while pieceWidth > columns {
                var head = ""
                var used = 0
                var rest = piece[...]
                while let c = rest.first, used + width(of: c) <= columns {
                    head.append(c)
                    used += width(of: c)
                    rest = rest.dropFirst()
                }
                if head.isEmpty { break }
                lines.append(head)
                piece = String(rest)
                pieceWidth = width(of: piece)
            }
            line = piece
            lineWidth = pieceWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value >= 0x1160 && scalar.value <= 0x11FF  // Hangul jungseong/jongseong
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// How control characters look once escaped (see `SafeText.escape`).
enum SafeTextWidth {
    static func isControl(_ v: UInt32) -> Bool {
        (v < 0x20) || (v >= 0x7F && v <= 0x9F) || (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069)
    }

    static func escapeWidth(_ character: Character) -> Int {
        SafeText.escape(String(character)).unicodeScalars.count
    }
}
