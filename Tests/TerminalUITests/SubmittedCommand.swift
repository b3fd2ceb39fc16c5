import InspektCore

@testable import TerminalUI

/// What a `.submit` command asks the service for, comparable in an expectation.
struct Submitted: Equatable {
    var id: String
    var missingReason: String?
}

extension Command {
    /// The draft and reason of a `.submit`, nil for any other command.
    var submitted: Submitted? {
        guard case .submit(let draft, let reason) = self else { return nil }
        return Submitted(id: draft.id, missingReason: reason)
    }

    /// The draft a `.submit` saves before it uploads.
    var submittedDraft: Inspection? {
        guard case .submit(let draft, _) = self else { return nil }
        return draft
    }
}
