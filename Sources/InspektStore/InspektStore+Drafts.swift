import GRDB
import InspektCore

/// Drafts change only while they are drafts: each check and its write are one transaction, so a
/// stale save (an edit that lands after a submit) can never pull an inspection back.
extension InspektStore {
    /// Stores a draft's facts and photos when it is new or still a draft; false when it moved on.
    public func saveDraft(_ inspection: Inspection) throws -> Bool {
        try pool.write { db in
            let stored = try String.fetchOne(
                db, sql: "SELECT state FROM inspections WHERE id = ?", arguments: [inspection.id])
            if let stored, stored != InspectionState.draft.rawValue { return false }
            var draft = inspection
            draft.state = .draft
            try Self.upsert(draft, kiosk: kioskID, in: db)
            return true
        }
    }

    /// Removes a draft with everything stored for it; false when it is not stored or no longer a draft.
    public func deleteDraft(id: String) throws -> Bool {
        try pool.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT state FROM inspections WHERE id = ?", arguments: [id])
            guard stored == InspectionState.draft.rawValue else { return false }
            try db.execute(sql: "DELETE FROM events WHERE inspection_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM inspections WHERE id = ?", arguments: [id])
            return true
        }
    }
}
