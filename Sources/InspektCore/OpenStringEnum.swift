/// An enum named by strings that are stored and compared as text: the known names are cases, and a name
/// this version does not know (written by a test, or by a later version) is kept as it was read.
///
/// Conformers list their known cases in `known` and spell each in `rawValue`; reading, writing, equality
/// and string literals all go through the raw value, so `.accepted == "accepted"` and a stored name reads
/// back as the case it was written from.
public protocol OpenStringEnum: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
where RawValue == String, StringLiteralType == String {
    /// Every named case (not the catch-all).
    static var known: [Self] { get }
    /// The case for a name that is none of `known`.
    static func other(_ name: String) -> Self
    /// The case named `rawValue`, never nil: an unknown name is `other`.
    init(rawValue: String)
}

extension OpenStringEnum {
    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? Self.other(rawValue)
    }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public var description: String { rawValue }
}
