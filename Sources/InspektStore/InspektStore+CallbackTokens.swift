import GRDB
import InspektCore
import InspektStorage

/// The `callback_token` column of `inspections`: the random path a result comes back on (`/callbacks/<token>`).
extension InspektStore {
    /// Sets the random token of the inspection's callback path (`/callbacks/<token>`).
    public func setCallbackToken(inspectionID: String, token: String) throws {
        try update(inspectionID, [Column("callback_token").set(to: token)])
    }

    /// The callback token of an inspection, if one was made.
    public func callbackToken(inspectionID: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, InspectionRecord.filter(key: inspectionID).select(Column("callback_token")))
        }
    }

    /// The inspection whose callback path carries this token.
    public func inspection(callbackToken: String) throws -> Inspection? {
        try pool.read { db in try Self.fetch(db, where: "callback_token = \(callbackToken)").first }
    }
}
