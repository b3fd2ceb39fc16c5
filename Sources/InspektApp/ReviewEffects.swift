import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The live side of the review screen's checks before a submit.
enum ReviewEffects {
    static func perform(_ request: ReviewRequest, _ context: LiveEffects.Context) async {
        let service = context.service
        switch request {
        case .checkQuality(let id, let photos):
            let findings = await service.photoFindings(for: photos, excluding: id)
            context.post(.screen(.review(.qualityChecked(id: id, photos: photos, findings))))
        case .findAcceptedCase(let id, let caseID):
            // Asked of the store, not of the board's rows: the board holds only the rows it shows.
            let earlier = try? service.inspections(sameCaseAs: caseID).first { $0.id != id && $0.state.wasAccepted }
            context.post(.screen(.review(.acceptedCaseFound(id: id, caseID: caseID, earlier ?? nil))))
        }
    }
}
