import Foundation

/// What the kiosk remembers between runs: the last agent, the photo list's choices, and what a
/// headless run left for the next board.
extension InspektService {
    enum KioskSetting {
        static let agentID = "last_agent_id"
        static let agentName = "last_agent_name"
        static let hideSent = "inbox_hide_sent"
        static let headlessReport = "headless_report"
    }

    /// The agent of the last case on this kiosk (empty when none).
    public func lastAgent() -> (id: String, name: String) {
        (store.setting(KioskSetting.agentID) ?? "", store.setting(KioskSetting.agentName) ?? "")
    }

    /// Remembers the agent for the next case on this kiosk.
    public func rememberAgent(id: String, name: String) {
        store.setSetting(KioskSetting.agentID, id)
        store.setSetting(KioskSetting.agentName, name)
    }

    /// Whether the photos screen hides photos already sent with another inspection.
    public var hidesSentPhotos: Bool { store.setting(KioskSetting.hideSent) == "1" }

    public func rememberHideSent(_ hide: Bool) {
        store.setSetting(KioskSetting.hideSent, hide ? "1" : "0")
    }

    /// Leaves a sentence for the next board (what a headless run did while the terminal was away).
    public func leaveReportForNextBoard(_ text: String) {
        store.setSetting(KioskSetting.headlessReport, text)
    }

    /// The sentence a headless run left, taken: it is shown once.
    public func takeReportForThisBoard() -> String? {
        guard let report = store.setting(KioskSetting.headlessReport), !report.isEmpty else { return nil }
        store.setSetting(KioskSetting.headlessReport, nil)
        return report
    }
}
