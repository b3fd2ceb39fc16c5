import Foundation
import InspektCore
import InspektStorage

/// A draft whose save found the fleet database out of reach is also kept in the data folder, one private
/// file per draft (`held-drafts/<id>.json`, the newest copy, and whether the operator submitted it): the
/// board holds it in memory and saves it when the database answers, and should the board die first (a
/// kill, a crash, a dropped SSH link) the next board saves it from here, and sends it if it was submitted,
/// as the board would have. Nothing the operator typed depends on the database being up.
extension InspektService {
    /// A kept draft, and the submit that waited with it.
    public struct HeldDraft: Codable, Sendable {
        public var draft: Inspection
        public var submitted: Bool
        public var missingReason: String?
    }

    /// What `saveHeldDrafts` did.
    public struct HeldDraftsSaved: Sendable, Equatable {
        /// Drafts saved, the submitted ones among them.
        public var saved: Int
        /// Drafts whose upload was started, as submitted while the database was out of reach.
        public var sent: Int
        /// Kept drafts that could not be saved or sent (a photo deleted meanwhile, say): case id and reason in
        /// words. Their files stay in `held-drafts/`.
        public var notSaved: [NotSaved]

        public init(saved: Int, sent: Int, notSaved: [NotSaved] = []) {
            self.saved = saved
            self.sent = sent
            self.notSaved = notSaved
        }
    }

    /// A kept draft that `saveHeldDrafts` could not save or send.
    public struct NotSaved: Sendable, Equatable {
        public var caseID: String
        public var reason: String
    }

    var heldDraftsFolder: String { configuration.dataDirectory + "/held-drafts" }

    /// Keeps `draft` until its save goes through; a failure to keep it is logged (the board still holds it).
    public func holdDraft(_ draft: Inspection, submitted: Bool = false, missingReason: String? = nil) {
        do {
            try PrivateFile.prepareDirectory(heldDraftsFolder)
            let held = HeldDraft(draft: draft, submitted: submitted, missingReason: missingReason)
            try PrivateFile.write(try JSONEncoder().encode(held), to: heldDraftPath(draft.id))
            logger.notice("draft kept in the data folder until the database answers", metadata: ["inspection": "\(draft.id)"])
        } catch {
            logger.error("cannot keep a draft while the database is unreachable", metadata: ["inspection": "\(draft.id)", "error": "\(error)"])
        }
    }

    /// The draft was saved (or moved on): its kept copy is no longer needed.
    func releaseHeldDraft(id: String) {
        unlink(heldDraftPath(id))
    }

    /// Saves the drafts kept while the database was out of reach, oldest edit first, and starts the upload of
    /// those that were submitted. A draft that moved on meanwhile (submitted elsewhere) is not changed; its
    /// copy goes too. A copy that cannot be read stays where it is, named in the log. One that cannot be saved
    /// or sent (a photo gone) does not stop the others: it is named in the answer and its file stays. Only the
    /// database going away again stops them all (thrown), since every one would wait for it.
    @discardableResult
    public func saveHeldDrafts() throws -> HeldDraftsSaved {
        var done = HeldDraftsSaved(saved: 0, sent: 0)
        for held in heldDrafts() {
            do {
                if try store.saveDraft(held.draft) {
                    done.saved += 1
                    hub.publish(.inspectionChanged(held.draft))
                    if held.submitted {
                        try enqueue(id: held.draft.id, missingReason: held.missingReason)
                        done.sent += 1
                    }
                }
                releaseHeldDraft(id: held.draft.id)
            } catch {
                if unreachableDatabase(in: error) != nil { throw error }
                let reason = String(describing: error).replacingOccurrences(of: "\n", with: " ")
                done.notSaved.append(NotSaved(caseID: SafeText.escape(held.draft.facts.caseID), reason: reason))
                logger.error(
                    "a kept draft could not be saved or sent; its file stays in held-drafts",
                    metadata: ["inspection": "\(held.draft.id)", "error": "\(reason)"])
            }
        }
        if done.saved > 0 { logger.info("kept drafts saved", metadata: ["count": "\(done.saved)", "sent": "\(done.sent)"]) }
        return done
    }

    /// The drafts kept in the data folder, oldest edit first. A copy that cannot be read stays where it is,
    /// named in the log.
    public func heldDrafts() -> [HeldDraft] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: heldDraftsFolder)) ?? []
        var kept: [HeldDraft] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = heldDraftsFolder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let held = try? JSONDecoder().decode(HeldDraft.self, from: data),
                path == heldDraftPath(held.draft.id)
            else {
                logger.error("a kept draft cannot be read; left in place", metadata: ["file": "\(path)"])
                continue
            }
            kept.append(held)
        }
        return kept.sorted { $0.draft.updatedAt < $1.draft.updatedAt }
    }

    private func heldDraftPath(_ id: String) -> String {
        // Ids are UUIDs made here; anything else is kept under a name that cannot leave the folder.
        let safe = id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" } ? id : "invalid"
        return heldDraftsFolder + "/" + safe + ".json"
    }
}
