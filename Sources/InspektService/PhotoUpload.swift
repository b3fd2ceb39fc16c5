import Foundation
import InspektAPI
import InspektCore
import InspektStorage
import InspektStore
import PhotoKit

/// An inspection's photos as one streamed multipart `POST /api/upload` (API.md §2): the attempt loop's request
/// for an upload. Its photos are checked again before each attempt, and hashed from the very bytes sent.
struct PhotoUpload: AttemptedRequest {
    let client: InspektlabsClient
    let store: any InspectionStore

    var noun: String { "upload" }
    var startEvent: InspectionEventKind { .upload }

    func checkSender(of inspection: Inspection) throws {
        // Its photos are on the kiosk that captured it: only that kiosk can send them.
        if let owner = inspection.kiosk, !store.isOwn(kiosk: owner) {
            throw ServiceError.otherKiosk(id: inspection.id, kiosk: owner)
        }
    }

    func payload(for inspection: Inspection) throws -> [UploadFile] {
        let problems = PhotoValidator.problems(in: inspection.photos)
        if !problems.isEmpty { throw AttemptRefusal(reason: problems.joined(separator: " ")) }
        do { return try Self.uploadFiles(inspection.photos) } catch {
            throw AttemptRefusal(reason: String(describing: error))
        }
    }

    func digestCount(of files: [UploadFile]) -> Int { files.count }

    func send(
        _ files: [UploadFile], of inspection: Inspection, session: String, auth: AuthSession, callbackURL: String?,
        tracker: UploadProgressTracker, beforeClosing: @escaping @Sendable () async throws -> Void
    ) async throws -> AttemptAccepted {
        let facts = inspection.facts
        let request = UploadRequest(
            session: session, caseID: facts.caseID, files: files, emailID: facts.email.isEmpty ? nil : facts.email,
            callbackURL: callbackURL, agentID: facts.agentID.isEmpty ? nil : facts.agentID,
            agentName: facts.agentName.isEmpty ? nil : facts.agentName)
        let receipt = try await client.uploadWithReceipt(
            request, auth: auth, progress: { tracker.report($0) },
            fileSent: { index, digest in tracker.fileSent(index, sha256: digest) },
            wire: { tracker.wire($0) }, beforeClosing: beforeClosing)
        return AttemptAccepted(session: receipt.session, receipt: receipt)
    }

    /// The files to send, each with the digest taken when the selection was prepared. A file changed since
    /// (other size, or same size and other bytes) is refused here, before any request; the body stream hashes
    /// the bytes it sends, so the stored SHA-256 is always of what left.
    static func uploadFiles(_ photos: [PhotoSelection]) throws -> [UploadFile] {
        try photos.map { photo in
            // `checkWhole`: a JPEG cut short since it was chosen is refused too, never sent.
            switch PhotoInspector.checkWhole(path: photo.path) {
            case .success(let mediaType):
                guard let size = PhotoValidator.size(path: photo.path) else {
                    throw ServiceError.invalid([FileProblem.missing(name: photo.fileName).description])
                }
                let digest = photo.sha256.flatMap { $0.count == 64 ? $0 : nil }
                // Changed since it was chosen (other size, or same size and other bytes): refused, never sent.
                if let digest,
                    let problem = ChosenFileCheck.problem(
                        path: photo.path, name: photo.fileName, size: photo.size, sha256: digest)
                {
                    throw ServiceError.invalid([problem.description])
                }
                // Read by the photo checks of this process: it must still be that file, untouched (checked again
                // when it is opened to send and after its last byte), so what leaves is what was checked.
                let checked = ChosenFileCheck.checkedIdentity(path: photo.path)
                if let checked, FileIdentity(path: photo.path) != checked {
                    throw ServiceError.invalid([
                        FileProblem.changed(name: photo.fileName, detail: "written to since the photo checks read it")
                            .description
                    ])
                }
                return UploadFile(
                    path: photo.path, uploadName: photo.uploadName, size: size, mediaType: mediaType, sha256: digest,
                    identity: checked)
            case .failure(let problem):
                throw ServiceError.invalid([problem.description])
            }
        }
    }
}
