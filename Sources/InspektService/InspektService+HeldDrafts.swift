import Foundation
import InspektCore
import InspektStorage

/// A draft that waits in the `DraftOutbox` for the fleet database is also kept in the data folder, one private
/// file per draft (`held-drafts/<id>.json`, the newest copy, and whether the operator submitted it): should the
/// board die first (a kill, a crash, a dropped SSH link) the next board saves it from here, and sends it if it
/// was submitted, as the outbox would have. Nothing the operator typed depends on the database being up.
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

    /// Writes `draft`'s copy to the data folder; a failure to keep it is logged (the outbox still holds it).
    public func holdDraft(_ draft: Inspection, submitted: Bool = false, missingReason: String? = nil) {
        do {
            try PrivateFile.prepareDirectory(heldDraftsFolder)
            let held = HeldDraft(draft: draft, submitted: submitted, missingReason: missingReason)
            try PrivateFile.write(try JSONEncoder().encode(held), to: heldDraftPath(draft.id))
            logger.notice(
                "draft kept in the data folder until the database answers", metadata: ["inspection": "\(draft.id)"])
        } catch {
            logger.error(
                "cannot keep a draft while the database is unreachable",
                metadata: ["inspection": "\(draft.id)", "error": "\(error)"])
        }
    }

    /// The draft was saved (or moved on): its kept copy is no longer needed.
    func releaseHeldDraft(id: String) {
        unlink(heldDraftPath(id))
    }

    /// Takes in the drafts a board that ended left in the data folder and, if the database answers, sends them
    /// with anything else waiting, oldest edit first, starting the upload of those that were submitted. A draft
    /// that moved on meanwhile (submitted elsewhere) is not changed; its copy goes too. One that cannot be saved
    /// or sent (a photo gone) does not stop the others: it is named in the answer and its file stays. While the
    /// database is away they wait in the outbox and go out once it answers (nothing is sent now). The caller
    /// tells of what is named here; later failures are published as `.heldDraftFailed`.
    @discardableResult
    public func saveHeldDrafts() async -> HeldDraftsSaved {
        outbox.load(self)
        guard await databaseAnswersNow() else { return HeldDraftsSaved(saved: 0, sent: 0) }
        let outbox = outbox
        return (try? await onStoreThread { [self] in outbox.answered(self, announce: false) })
            ?? HeldDraftsSaved(saved: 0, sent: 0)
    }

    /// The drafts kept in the data folder, oldest edit first. A copy that cannot be read stays where it is,
    /// named in the log.
    public func heldDrafts() -> [HeldDraft] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: heldDraftsFolder)) ?? []
        var kept: [HeldDraft] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = heldDraftsFolder + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                let held = try? JSONDecoder().decode(HeldDraft.self, from: data),
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
        let safe =
            id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" } ? id : "invalid"
        return heldDraftsFolder + "/" + safe + ".json"
    }
}
