import Foundation
import Testing

extension TmuxSession {
    /// On a demo board whose inbox holds the eight walk-around samples: a new case `caseID`, every photo
    /// put on its slot in capture order, the review, and Enter to submit (the upload screen follows).
    func submitEightPhotoWalkAround(caseID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor(text: "DEMO", sourceLocation: sourceLocation)
        try startCase(caseID, sourceLocation: sourceLocation)
        try send("C-n")
        try pickEightPhotosAndSubmit(sourceLocation: sourceLocation)
    }

    /// On the board: `n`, and the case id typed (not yet left, so not yet saved).
    func startCase(_ caseID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try type("n")
        try waitFor(text: "Case id", sourceLocation: sourceLocation)
        try type(caseID)
    }

    /// On the photos screen over the samples: the eight put on their slots in capture order, the review, Enter.
    func pickEightPhotosAndSubmit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("capture times of the eight photos", sourceLocation: sourceLocation) { screen in
            screen.contains("Photos")
                && screen.split(separator: "\n").filter { $0.contains("IMG_01") && $0.contains("06-01") }.count >= 8
        }
        try type("G")
        for _ in 1...8 { try type(" ") }
        try waitFor("all eight walk-around slots filled", sourceLocation: sourceLocation) {
            $0.contains("Coverage 8/8") && !$0.contains("missing")
        }
        try type("n")
        try waitFor(text: "none: all 8 walk-around angles covered", sourceLocation: sourceLocation)
        try send("Enter")
    }
}
