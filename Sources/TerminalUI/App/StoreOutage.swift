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

    /// What to keep in the data folder now that `self` holds what it does and `before` held what it did: the
    /// drafts whose waiting copy (or submit) is new or changed, so that a board that ends meanwhile loses nothing.
    public func keeping(since before: StoreOutage?) -> [Command] {
        var keep: [Command] = []
        for id in Set(unsaved.keys).union(submits.keys).sorted() {
            if let submit = submits[id] {
                if before?.submits[id] != submit {
                    keep.append(.keepHeld(submit.draft, submitted: true, missingReason: submit.missingReason))
                }
            } else if let draft = unsaved[id], before?.unsaved[id] != draft || before?.submits[id] != nil {
                keep.append(.keepHeld(draft, submitted: false, missingReason: nil))
            }
        }
        return keep
    }

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
