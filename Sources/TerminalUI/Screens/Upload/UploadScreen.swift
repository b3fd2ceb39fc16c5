import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// Upload: per-file and overall progress of one inspection's upload, which the service owns.
public enum UploadScreen {
    public enum Action: Sendable, Hashable {
        case board, details, retry
    }

    /// Whether the upload stopped in a state that `r` takes up again (failed, or may have been accepted).
    static func failed(_ state: AppState) -> Bool {
        if case .upload(let id) = state.route { return stopped(state.inspection(id: id)?.state) }
        return false
    }

    static func stopped(_ inspectionState: InspectionState?) -> Bool {
        [.failedRetryable, .mayHaveBeenAccepted].contains(inspectionState ?? .draft)
    }

    /// Whether the upload is still under way: only then does leaving let it "go on".
    static func uploading(_ state: AppState) -> Bool {
        guard case .upload(let id) = state.route, let inspection = state.inspection(id: id) else { return false }
        return [.ready, .uploading].contains(inspection.state) && !(state.uploads[id]?.accepted ?? false)
    }

    /// Whether the service has taken the inspection: until then it is still the draft that was submitted, and
    /// opening it would reopen its photos (a second Enter on Review lands here and must do nothing).
    static func taken(_ state: AppState) -> Bool {
        guard case .upload(let id) = state.route, let inspection = state.inspection(id: id) else { return false }
        return inspection.state != .draft
    }

    /// The upload screen's one key table.
    public static let keymap = Keymap<Action>(
        "title.upload",
        [
            KeyBinding(
                [.escape, .character("b"), .character("q")], "Esc", "key.board-upload-goes-on", .board, rank: .goOn,
                when: uploading),
            KeyBinding(
                [.escape, .character("b"), .character("q")], "Esc", "key.board", .board, rank: .goOn,
                when: { !uploading($0) }),
            // Enter waits until the upload is no longer running, so that a second Enter from Review stays here.
            KeyBinding([.enter], "Enter", "key.details", .details, rank: .main, when: { taken($0) && !uploading($0) }),
            KeyBinding([.character("d")], "d", "key.details", .details, footer: false, when: taken),
            KeyBinding([.character("r")], "r", "key.retry-now", .retry, rank: .goOn, changesData: true, when: failed),
        ])

    static func handle(_ key: Key, id: String, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state) else { return [] }
        switch action {
        case .board:
            state.route = .board
            state.review = ReviewState()
        case .details:
            guard let inspection = state.inspection(id: id) else { return [] }
            state.review = ReviewState()
            return AppUpdate.open(inspection, &state)
        case .retry:
            return [.retry(id: id)]
        }
        return []
    }

    /// A file's state in words.
    static func fileState(
        _ file: UploadProgress.File, index: Int, progress: UploadProgress, tracking: UploadTracking,
        now: Date, glyphs: Glyphs, words: Localizer = Languages.english
    ) -> (String, StyleRole) {
        if file.total > 0, file.sent >= file.total { return (glyphs.check + " " + words("upload.file.sent"), .ok) }
        let onWire = progress.current ?? progress.files.firstIndex { $0.sent < $0.total }
        if let retryAt = tracking.retryAt, retryAt > now, index == onWire {
            let reason = tracking.retryReason.map { " " + glyphs.dash + " " + SafeText.escape($0) } ?? ""
            let wait = words.duration(retryAt.timeIntervalSince(now))
            return (words("upload.file.retrying", ["wait": wait]) + reason, .warn)
        }
        if tracking.failure != nil, index == onWire {
            return (glyphs.cross + " " + words("upload.file.not-sent"), .error)
        }
        if progress.current == index { return (glyphs.arrowUp + " " + words("upload.file.sending"), .focus) }
        return (words("upload.file.waiting"), .muted)
    }

    static func draw(_ state: AppState, id: String, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        let words = state.options.words
        guard let inspection = state.inspection(id: id) else {
            screen.put(words("upload.gone"), x: rect.x + 2, y: rect.y + 1, style: .role(.muted))
            return
        }
        var tracking = state.uploads[id] ?? UploadTracking()
        // A stopped upload moves no bytes, even before its failure event arrives: no "sending", no rate.
        if stopped(inspection.state), tracking.failure == nil {
            tracking.failure = inspection.failureReason ?? "stopped"
        }
        // Without a progress report yet, the files chosen are all waiting.
        let progress =
            tracking.progress
            ?? UploadProgress(
                files: inspection.photos.map { UploadProgress.File(name: $0.uploadName, sent: 0, total: $0.size) })
        var y = rect.y
        let shown = BoardScreen.stateText(
            inspection, tracking: tracking, now: state.now, glyphs: glyphs, words: words)
        screen.put(SafeText.escape(inspection.facts.caseID), x: rect.x + 2, y: y, style: .role(.normal, bold: true))
        let caseWidth = TextWidth.width(of: SafeText.escape(inspection.facts.caseID))
        screen.put(
            TextWidth.truncateAtWord(
                shown.glyph + " " + shown.text, to: rect.width - caseWidth - 6, ellipsis: glyphs.ellipsis),
            x: rect.x + 4 + caseWidth, y: y,
            style: .role(shown.role, bold: true))
        y += 1
        // The token: its time left, so a slow upload can be watched against it.
        var tokenLine = words(
            "upload.session", ["session": tracking.session.map { SafeText.escape($0) } ?? words("upload.session.none")])
        if let expires = tracking.sessionExpiresAt, !tracking.accepted, !inspection.state.wasAccepted {
            let left = expires.timeIntervalSince(state.now)
            tokenLine +=
                left > 0
                ? words("upload.session.valid", ["left": words.duration(left)]) : words("upload.session.expired")
        }
        screen.put(
            TextWidth.truncateAtWord(tokenLine, to: rect.width - 4, ellipsis: glyphs.ellipsis), x: rect.x + 2, y: y,
            style: .role(.muted))
        y += 2
        // Overall.
        let barWidth = max(10, min(40, rect.width / 4))
        screen.put(
            TextWidth.truncate(words("upload.overall"), to: 9, ellipsis: glyphs.ellipsis), x: rect.x + 2, y: y,
            style: .role(.normal, bold: true))
        ProgressBar.draw(
            fraction: progress.fraction, into: &screen, x: rect.x + 12, y: y, width: barWidth, glyphs: glyphs)
        // The figures in the order they matter; those that do not fit are left out whole, never cut.
        var figures = [
            words.percent(progress.fraction), words.bytes(progress.sent) + " / " + words.bytes(progress.total),
        ]
        // Rate and time left only while bytes move: not while waiting for a retry.
        let moving = !tracking.accepted && tracking.failure == nil && (tracking.retryAt.map { $0 <= state.now } ?? true)
        let bodyOut = progress.total > 0 && progress.sent >= progress.total
        let waiting =
            bodyOut && moving && tracking.failure == nil && !inspection.state.wasAccepted
            && inspection.state != .failedRetryable
        if waiting {
            // Every byte is out; the answer that it arrived whole is what is left.
            screen.put(
                TextWidth.truncateAtWord(
                    words("upload.waiting-for-confirmation"), to: rect.width - 14,
                    ellipsis: glyphs.ellipsis),
                x: rect.x + 12, y: y + 1, style: .role(.focus, bold: true))
        } else {
            if let rate = tracking.rate, moving {
                figures.append(words.bytes(Int64(Format.bounded(rate, upTo: 1e15))) + "/s")
            }
            if let left = tracking.secondsLeft, moving, progress.sent < progress.total {
                figures.append(words("upload.left", ["left": words.duration(left)]))
            }
        }
        let room = rect.maxX - rect.x - 14 - barWidth
        var overall = ""
        for figure in figures {
            let next = overall.isEmpty ? figure : overall + "  " + figure
            if TextWidth.width(of: next) <= room { overall = next }
        }
        screen.put(overall, x: rect.x + 13 + barWidth, y: y, maxWidth: room, style: .role(.normal, bold: true))
        y += 2
        // One row per file; the list follows the file on the wire.
        let rows = rect.maxY - y - 2
        let fileBar = max(8, min(24, rect.width / 6))
        // The name gives way first, so that a file's state ("↑ sending", "✓ sent") is read whole.
        let nameWidth = max(12, min(34, rect.width / 3, rect.width - 3 - fileBar - 1 - 18 - 11))
        let first = max(0, min((progress.current ?? 0) - rows / 2, progress.files.count - rows))
        for (offset, file) in progress.files.dropFirst(first).prefix(max(0, rows)).enumerated() {
            let index = first + offset
            let rowY = y + offset
            screen.put(
                TextWidth.truncate(SafeText.escape(file.name), to: nameWidth, ellipsis: glyphs.ellipsis),
                x: rect.x + 2, y: rowY)
            let fraction = file.total > 0 ? Double(file.sent) / Double(file.total) : 0
            var x = rect.x + 3 + nameWidth
            ProgressBar.draw(fraction: fraction, into: &screen, x: x, y: rowY, width: fileBar, glyphs: glyphs)
            x += fileBar + 1
            let amounts = words.bytes(file.sent) + "/" + words.bytes(file.total)
            screen.put(TextWidth.rightAligned(amounts, to: 17), x: x, y: rowY, style: .role(.muted))
            x += 18
            let (text, role) = fileState(
                file, index: index, progress: progress, tracking: tracking, now: state.now, glyphs: glyphs, words: words
            )
            screen.put(
                TextWidth.truncateAtWord(text, to: rect.maxX - x - 1, ellipsis: glyphs.ellipsis), x: x, y: rowY,
                style: .role(role, bold: role == .error || role == .warn))
        }
        if progress.files.count > rows, rows > 0 {
            screen.put(
                words(
                    "upload.files.showing", count: progress.files.count,
                    ["range": "\(first + 1)\(glyphs.dash)\(min(progress.files.count, first + rows))"]),
                x: rect.x + 2, y: y + rows, maxWidth: rect.width - 4, style: .role(.muted))
        }
        // What happens next, in words.
        let held = state.outage?.waiting[id]?.submitted == true
        let footer = footerText(inspection, tracking: tracking, held: held, readOnly: state.readOnly, words: words)
        let footerLines = TextWidth.wrap(footer, to: rect.width - 4, lines: 2, ellipsis: glyphs.ellipsis)
        for (i, line) in footerLines.enumerated() {
            screen.put(
                line, x: rect.x + 2, y: rect.maxY - footerLines.count + i, maxWidth: rect.width - 4,
                style: held ? .role(.warn, bold: true) : .role(stopped(inspection.state) ? .error : .muted))
        }
    }
}
