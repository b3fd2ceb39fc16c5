import Foundation
import InspektCore

/// Photos: the inbox on the left, the coverage checklist, car diagram and preview on the right.
public enum PhotosScreen {
    public enum Action: Sendable, Hashable {
        case move(ListMove), switchPane, leftPane, rightPane, enter, assignDigit(Int),
            assignExtra(CoverageSlot), suggest, remove, parent, filter, rescan, review, back, toggleSent
    }

    static func inbox(_ state: AppState) -> Bool { state.photos.focus == .inbox }
    static func fileHighlighted(_ state: AppState) -> Bool {
        guard let item = state.photos.highlighted else { return false }
        return !item.isDirectory
    }
    static func slotFilled(_ state: AppState) -> Bool {
        state.draft?.photos.contains { $0.slot == state.photos.slot } ?? false
    }
    /// `x` acts on the pane with the keys: the highlighted file in the inbox, the highlighted slot in the checklist.
    static func removable(_ state: AppState) -> Bool {
        guard inbox(state) else { return slotFilled(state) }
        guard let item = state.photos.highlighted else { return false }
        return state.draft?.photos.contains { $0.path == item.path } ?? false
    }

    /// The extras chosen from the inbox in one key.
    static let extraKeys: [(Character, CoverageSlot, String)] = [
        ("o", .odometer, "key.odometer"), ("i", .interior, "key.interior"), ("v", .vin, "key.vin-plate"),
        ("d", .damage, "key.damage-close-up"),
    ]

    /// The photos screen's one key table.
    public static let keymap = Keymap<Action>(
        "title.photos",
        ListKeys.bindings { Action.move($0) } + [
            KeyBinding([.tab, .backTab], "Tab", "key.inbox-checklist", .switchPane, footer: false),
            KeyBinding([.left, .character("h")], "h/Left", "key.inbox", .leftPane, footer: false),
            KeyBinding([.right, .character("l")], "l/Right", "key.checklist", .rightPane, footer: false),
            KeyBinding(
                [.enter, .character(" ")], "Enter", "key.assign", .enter, rank: .main,
                when: { fileHighlighted($0) || ($0.photos.highlighted?.isDirectory ?? false) }),
        ]
            + (1...8).map { digit in
                KeyBinding(
                    [.character(Character(String(digit)))], "1-8", "key.slot-1-8", .assignDigit(digit),
                    footer: digit == 1, when: fileHighlighted)
            }
            + extraKeys.map { (key: Character, slot: CoverageSlot, label: String) -> KeyBinding<Action> in
                KeyBinding(
                    [.character(key)], String(key), label, .assignExtra(slot), footer: false,
                    when: fileHighlighted)
            } + [
                KeyBinding([.character("a")], "a", "key.suggest", .suggest),
                KeyBinding([.character("x"), .delete], "x", "key.remove", .remove, when: removable),
                KeyBinding(
                    [.backspace, .character("u")], "Bksp", "key.parent-folder", .parent, footer: false,
                    when: { $0.photos.folder != $0.inboxRoot }),
                KeyBinding([.character("/")], "/", "key.filter", .filter, footer: false),
                KeyBinding(
                    [.character("s")], "s", "key.hide-sent-photos", .toggleSent, footer: false,
                    when: { !$0.photos.hideSent }),
                KeyBinding(
                    [.character("s")], "s", "key.show-sent-photos", .toggleSent, footer: false,
                    when: { $0.photos.hideSent }
                ),
                KeyBinding([.function(5), .character("R")], "F5", "key.rescan-folder", .rescan, footer: false),
                KeyBinding([.function(2), .character("n"), .control("n")], "F2/n", "key.review", .review, rank: .goOn),
                KeyBinding([.escape, .character("q")], "Esc/q", "key.case", .back, rank: .goOn),
            ])
}
