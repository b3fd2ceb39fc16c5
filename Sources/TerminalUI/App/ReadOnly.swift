import InspektCore
import InspektLanguage

/// A supervisor's board (`inspekt --read-only`): the keys that would change data are refused by the key tables
/// (`KeyBinding.changesData`), and, should a path to a change be missed, `update` drops its command here.
public enum ReadOnly {
    /// The message line's answer to a refused key, naming what it would have done ("archive").
    public static func refusal(_ label: String, words: Localizer) -> Notice {
        Notice(words("notice.read-only", ["action": words(label)]), role: .warn)
    }
}

extension Command {
    /// Whether running it would write to the store, start an upload or send anything to Inspektlabs.
    public var changesData: Bool {
        switch self {
        case .saveDraft, .discardDraft, .rememberAgent, .submit, .retry, .uploadAsNewInspection, .reopenDraft,
            .setArchived:
            return true
        case .screen(let request): return request.changesData
        case .loadInspections, .loadBoardPage, .quit, .redraw: return false
        }
    }
}

extension ScreenRequest {
    /// Reading, listing and writing files (a receipt, a report) change nothing stored; these do.
    var changesData: Bool {
        switch self {
        case .detail: return false
        case .history(.compare): return true
        case .history: return false
        case .photos(.rememberHideSent), .photos(.checkQScore): return true
        case .photos, .review: return false
        }
    }
}
