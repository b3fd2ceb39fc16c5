import InspektCore

/// The fleet database cannot be reached: what the board keeps in memory until it can be written down again.
public struct StoreOutage: Sendable, Hashable {
    /// Where the database is, "host:port" (escaped; never a password).
    public var place: String
    /// Drafts whose latest edit is not written down yet, by id.
    public var unsaved: [String: Inspection] = [:]
    /// Drafts submitted meanwhile, by id: each is saved and sent once the database answers again.
    public var submits: [String: HeldSubmit] = [:]

    public init(place: String) { self.place = place }

    /// Whether anything typed or chosen waits for the database.
    public var holdsWork: Bool { !unsaved.isEmpty || !submits.isEmpty }

    /// How many drafts wait, saved or submitted.
    var heldDrafts: Int { Set(unsaved.keys).union(submits.keys).count }

    /// The words of the title bar while it lasts.
    func topLine(glyphs: Glyphs) -> String {
        "database unreachable (\(place)) \(glyphs.dash) nothing is lost; retrying"
    }
}

/// A submit that waits for the database: the draft as submitted and its reason for missing photos.
public struct HeldSubmit: Sendable, Hashable {
    public var draft: Inspection
    public var missingReason: String?

    public init(draft: Inspection, missingReason: String?) {
        self.draft = draft
        self.missingReason = missingReason
    }
}

/// What a `BoardSource` throws when the fleet database cannot be reached: the board keeps the rows it has.
public struct DatabaseUnreachable: Error, Sendable, Hashable {
    /// "host:port", never a password.
    public var place: String
    public init(place: String) { self.place = place }
}
