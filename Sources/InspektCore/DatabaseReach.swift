/// Whether the fleet database answers, and what waits for it in the service's outbox: what the board's title
/// line, its quit question and its upload screen say while the database is away.
public struct DatabaseReach: Sendable, Hashable {
    /// A draft that waits for the database: saved only, or submitted.
    public struct Waiting: Sendable, Hashable {
        public var caseID: String
        public var submitted: Bool

        public init(caseID: String, submitted: Bool) {
            self.caseID = caseID
            self.submitted = submitted
        }
    }

    /// Where the database is ("host:port", never a password) while it does not answer; nil when it answers.
    public var away: String?
    /// What waits, by inspection id.
    public var waiting: [String: Waiting]

    public init(away: String?, waiting: [String: Waiting] = [:]) {
        self.away = away
        self.waiting = waiting
    }
}
