/// The board's `/` filter: what a row is matched on and how a typed needle is folded, shared by the
/// in-memory board and the store so that both match exactly the same rows.
public enum BoardSearch {
    /// The fixed part of a row's key: lower-cased case id, vehicle and inspection id (stored with the row).
    public static func key(caseID: String, vehicle: String, id: String) -> String {
        [caseID, vehicle, id].joined(separator: "\u{1}").lowercased()
    }

    /// The changing part of a row's key: the Inspektlabs inspection id (session), the state in words, and
    /// the word "archived" for an archived row.
    public static func stateKey(session: String?, state: InspectionState, archived: Bool = false) -> String {
        [session ?? "", state.title, state.rawValue, archived ? archivedWord : ""].joined(separator: "\u{1}")
            .lowercased()
    }

    /// The word an archived row is also found by.
    public static let archivedWord = "archived"

    /// The states whose words contain the needle (the store matches these by state, not by key).
    public static func states(matching needle: String) -> [InspectionState] {
        InspectionState.allCases.filter { $0.title.lowercased().contains(needle) || $0.rawValue.contains(needle) }
    }

    /// The typed filter as it is looked for in keys.
    public static func needle(_ typed: String) -> String { typed.lowercased() }
}
