import Foundation
import InspektCore
import InspektLanguage
import InspektWords

/// The comparison picker (`c` on a return inspection): the earlier inspections of the same vehicle, the latest
/// accepted one highlighted; Enter asks Inspektlabs what is new since the highlighted one.
public enum ComparePickScreen {
    public enum Action: Sendable, Hashable {
        case move(ListMove), pick, anyVehicle, back
    }

    static func selected(_ state: AppState) -> Inspection? {
        guard let rows = state.comparePick.candidates, let index = state.comparePick.list.selectedSource,
            index < rows.count
        else { return nil }
        return rows[index]
    }

    /// The picker's one key table.
    public static let keymap = Keymap<Action>(
        "title.compare-with",
        ListKeys.bindings { Action.move($0) } + [
            KeyBinding(
                [.enter], "Enter", "key.compare", .pick, rank: .goOn, changesData: true, when: { selected($0) != nil }),
            KeyBinding([.character("a")], "a", "key.every-vehicle", .anyVehicle, when: { !$0.comparePick.anyVehicle }),
            KeyBinding(
                [.character("a")], "a", "key.this-vehicle-only", .anyVehicle, when: { $0.comparePick.anyVehicle }),
            KeyBinding([.escape, .character("q"), .left, .character("h")], "Esc", "key.back", .back, rank: .goOn),
        ])

    static func pageHeight(_ size: Size) -> Int { max(1, size.height - 7) }

    /// Opens the picker for a return inspection and asks for the earlier ones of its vehicle.
    static func open(after inspection: Inspection, from route: Route, _ state: inout AppState) -> [Command] {
        state.comparePick = ComparePickState()
        state.comparePick.after = inspection
        state.comparePick.returnRoute = route
        state.route = .comparePick
        return [.screen(.history(.loadCandidates(afterID: inspection.id, anyVehicle: false)))]
    }

    /// The candidates arrived (newest first): the default pick is the latest accepted one with a result to
    /// compare against (a rejected one has none), else the latest accepted one still processing.
    static func loaded(_ rows: [Inspection], _ state: inout AppState) {
        state.comparePick.candidates = rows
        state.comparePick.list.setCount(rows.count)
        state.comparePick.list.selected =
            rows.firstIndex { HistoryUpdate.canCompare($0) && $0.state == .available }
            ?? rows.firstIndex(where: HistoryUpdate.canCompare) ?? 0
        state.comparePick.list.scrollToSelection(page: pageHeight(state.size))
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        guard let action = keymap.action(for: key, in: state), let after = state.comparePick.after else { return [] }
        switch action {
        case .move(let move): ListKeys.move(&state.comparePick.list, move, page: pageHeight(state.size))
        case .anyVehicle:
            state.comparePick.anyVehicle.toggle()
            state.comparePick.candidates = nil
            state.comparePick.list = ListView()
            return [.screen(.history(.loadCandidates(afterID: after.id, anyVehicle: state.comparePick.anyVehicle)))]
        case .pick:
            guard let before = selected(state) else { return [] }
            guard HistoryUpdate.canCompare(before) else {
                state.notice = Notice(
                    state.options.words(
                        "notice.compare.not-accepted",
                        [
                            "case": SafeText.escape(before.facts.caseID),
                            "state": state.options.words.state(before.state).lowercased(),
                        ]),
                    role: .warn)
                return []
            }
            if !VehicleKey.same(before.facts.vehicle, after.facts.vehicle) {
                state.overlay = .confirm(differentVehicles(before: before, after: after, words: state.options.words))
                return []
            }
            return start(beforeID: before.id, afterID: after.id, differentVehicles: false, &state)
        case .back: state.route = state.comparePick.returnRoute
        }
        return []
    }

    /// Asks for the comparison and goes to the board, where its row shows its state.
    static func start(beforeID: String, afterID: String, differentVehicles: Bool, _ state: inout AppState) -> [Command]
    {
        guard let after = state.comparePick.after, after.id == afterID else { return [] }
        let before = state.comparePick.candidates?.first { $0.id == beforeID }
        let caseID = comparisonCaseID(after.facts.caseID)
        state.route = .board
        state.notice = Notice(
            state.options.words(
                "notice.comparing",
                [
                    "after": SafeText.escape(after.facts.caseID),
                    "before": before.map { SafeText.escape($0.facts.caseID) }
                        ?? state.options.words("notice.comparing.earlier"),
                    "case": caseID,
                ]),
            role: .ok)
        return [
            .screen(
                .history(
                    .compare(beforeID: beforeID, afterID: afterID, caseID: caseID, differentVehicles: differentVehicles)
                ))
        ]
    }

    /// The comparison's case id: the return's, marked, within the case-id rule (letters, digits, hyphens, 64 at most).
    static func comparisonCaseID(_ caseID: String) -> String {
        let suffix = "-CMP"
        let base = String(caseID.prefix(InspectionLimits.maxCaseIDLength - suffix.count))
        return CaseIDRule.isValid(base + suffix) ? base + suffix : "CMP"
    }

    static func differentVehicles(before: Inspection, after: Inspection, words: Localizer) -> ConfirmDialog {
        let earlier = before.facts.vehicle.isEmpty ? words("dialog.no-vehicle") : SafeText.escape(before.facts.vehicle)
        let later = after.facts.vehicle.isEmpty ? words("dialog.no-vehicle") : SafeText.escape(after.facts.vehicle)
        return ConfirmDialog(
            title: words("dialog.different.title"),
            message: words(
                "dialog.different",
                [
                    "before": SafeText.escape(before.facts.caseID), "earlier": earlier,
                    "after": SafeText.escape(after.facts.caseID), "later": later,
                ]),
            choices: [
                .init(
                    key: "y", label: "dialog.compare-anyway",
                    outcome: .compareDifferentVehicles(beforeID: before.id, afterID: after.id)),
                .init(key: "n", label: "dialog.pick-another", outcome: .cancel),
            ])
    }

    static func draw(_ state: AppState, into screen: inout Screen, rect: Rect) {
        let glyphs = state.options.glyphs
        guard let after = state.comparePick.after else { return }
        let vehicle = after.facts.vehicle.isEmpty ? "" : " (" + SafeText.escape(after.facts.vehicle) + ")"
        let title =
            state.options.words(
                "compare.pick.title",
                [
                    "case": SafeText.escape(after.facts.caseID) + vehicle,
                    "when": Format.dateTime(after.createdAt, in: state.timeZone),
                ])
        let scope =
            state.comparePick.anyVehicle
            ? state.options.words("compare.pick.every-vehicle") : state.options.words("compare.pick.this-vehicle")
        // Wrapped, never cut: a narrow terminal gives each a second line.
        var y = rect.y
        for (text, style) in [(title, CellStyle.role(.title, bold: true)), (scope, CellStyle.role(.muted))] {
            for line in TextWidth.wrap(text, to: rect.width - 4, lines: 2, ellipsis: glyphs.ellipsis) {
                screen.put(line, x: rect.x + 2, y: y, maxWidth: rect.width - 4, style: style)
                y += 1
            }
        }
        let tableRect = Rect(x: rect.x, y: y + 1, width: rect.width, height: rect.maxY - y - 1)
        guard let rows = state.comparePick.candidates else {
            screen.put(
                state.options.words("compare.pick.loading") + glyphs.ellipsis, x: rect.x + 2, y: tableRect.y,
                style: .role(.muted))
            return
        }
        if rows.isEmpty {
            screen.put(
                state.options.words("compare.pick.none"), x: rect.x + 2, y: tableRect.y, maxWidth: rect.width - 4,
                style: .role(.muted))
            return
        }
        InspectionTable(third: .vehicle).draw(
            rows, list: state.comparePick.list, state: state, into: &screen, rect: tableRect,
            muted: { !HistoryUpdate.canCompare($0) })
    }
}
