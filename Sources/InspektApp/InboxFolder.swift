import Foundation

/// Where the photos arrive: `INSPEKT_INBOX`, `~` expanded; `~/inbox` when unset.
public enum InboxFolder {
    public static func path(_ environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        guard let value = environment["INSPEKT_INBOX"], !value.isEmpty else { return home + "/inbox" }
        if value == "~" { return home }
        if value.hasPrefix("~/") { return home + value.dropFirst() }
        return value
    }
}
