/// The board's `/` filter: what a row is matched on and how a typed needle is folded, shared by the
/// in-memory board and the store so that both match exactly the same rows.
public enum BoardSearch {
    /// Lower-cased "case id, vehicle" of an inspection; a needle matches when the key contains it.
    public static func key(caseID: String, vehicle: String) -> String {
        caseID.lowercased() + "\u{1}" + vehicle.lowercased()
    }

    /// The typed filter as it is looked for in keys.
    public static func needle(_ typed: String) -> String { typed.lowercased() }
}
