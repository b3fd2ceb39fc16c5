import Foundation
import InspektCore
import InspektStore

/// A draft whose save found the fleet database out of reach is also kept in the data folder, one private
/// file per draft (`held-drafts/<id>.json`, the newest copy): the board holds it in memory and saves it
/// when the database answers, and should the board die first (a kill, a crash, a dropped SSH link) the
/// next board saves it from here. Nothing the operator typed depends on the database being up.
extension InspektService {
    var heldDraftsFolder: String { configuration.dataDirectory + "/held-drafts" }

    /// Keeps `draft` until its save goes through; a failure to keep it is logged (the board still holds it).
    func holdDraft(_ draft: Inspection) {
        do {
            try PrivateFile.prepareDirectory(heldDraftsFolder)
            try PrivateFile.write(try JSONEncoder().encode(draft), to: heldDraftPath(draft.id))
            logger.notice("draft kept in the data folder until the database answers", metadata: ["inspection": "\(draft.id)"])
        } catch {
            logger.error("cannot keep a draft while the database is unreachable", metadata: ["inspection": "\(draft.id)", "error": "\(error)"])
        }
    }

    /// The draft was saved (or moved on): its kept copy is no longer needed.
    func releaseHeldDraft(id: String) {
        unlink(heldDraftPath(id))
    }

    /// Saves the drafts kept while the database was out of reach, oldest edit first; returns how many were
    /// saved. A draft that moved on meanwhile (submitted elsewhere) is not changed; its copy goes too.
    /// A copy that cannot be read stays where it is, named in the log.
    @discardableResult
    public func saveHeldDrafts() throws -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: heldDraftsFolder)) ?? []
        var drafts: [Inspection] = []
        for name in names where name.hasSuffix(".json") {
            let path = heldDraftsFolder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let draft = try? JSONDecoder().decode(Inspection.self, from: data),
                path == heldDraftPath(draft.id)
            else {
                logger.error("a kept draft cannot be read; left in place", metadata: ["file": "\(path)"])
                continue
            }
            drafts.append(draft)
        }
        var saved = 0
        for draft in drafts.sorted(by: { $0.updatedAt < $1.updatedAt }) {
            if try store.saveDraft(draft) {
                saved += 1
                hub.publish(.inspectionChanged(draft))
            }
            releaseHeldDraft(id: draft.id)
        }
        if saved > 0 { logger.info("kept drafts saved", metadata: ["count": "\(saved)"]) }
        return saved
    }

    private func heldDraftPath(_ id: String) -> String {
        // Ids are UUIDs made here; anything else is kept under a name that cannot leave the folder.
        let safe = id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" } ? id : "invalid"
        return heldDraftsFolder + "/" + safe + ".json"
    }
}
