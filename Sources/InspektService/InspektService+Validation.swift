import Foundation
import InspektCore
import PhotoKit

/// What stands between a draft and its upload, in words.
extension InspektService {

    /// File-level problems of a selection (missing, unreadable, empty, wrong type, incomplete), checked on disk by PhotoKit.
    public func validatePhotos(_ photos: [PhotoSelection]) -> [FileProblem] {
        photos.compactMap { photo in
            if case .failure(let problem) = PhotoInspector.checkWhole(path: photo.path) { return problem }
            return nil
        }
    }

    /// Every reason an inspection cannot be sent yet, in words (facts, photos, limits, slots).
    public func problems(in inspection: Inspection) -> [String] {
        Self.factProblems(inspection.facts) + PhotoValidator.problems(in: inspection.photos)
    }

    static func factProblems(_ facts: CaseFacts) -> [String] {
        [CaseIDRule.problem(in: facts.caseID), EmailRule.problem(in: facts.email)].compactMap { $0?.message }
    }
}
