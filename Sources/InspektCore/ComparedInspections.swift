/// What a comparison compares (API.md §5): the earlier and the later inspection, by their Inspektlabs ids.
public struct ComparedInspections: Sendable, Codable, Hashable {
    /// `inspection_id_1`: the earlier inspection (e.g. at pickup).
    public var before: String
    /// `inspection_id_2`: the later inspection (e.g. at return).
    public var after: String

    public init(before: String, after: String) {
        self.before = before
        self.after = after
    }
}

/// A vehicle's identity for grouping inspections: a plate or VIN the way operators type it varies in
/// case, spaces and hyphens (`ka-01 ab 1234` and `KA01AB1234` are one car).
public enum VehicleKey {
    /// The normalised key; empty when no vehicle was entered.
    public static func normalised(_ vehicle: String) -> String {
        String(vehicle.uppercased().unicodeScalars.filter { !($0.properties.isWhitespace || dashes.contains($0)) })
    }

    /// Whether two entered vehicles name the same one (never true for two empty entries).
    public static func same(_ first: String, _ second: String) -> Bool {
        let key = normalised(first)
        return !key.isEmpty && key == normalised(second)
    }

    /// Hyphen-minus and the hyphens and dashes a phone keyboard or a copied text may bring.
    private static let dashes: Set<Unicode.Scalar> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}",
    ]
}
