import Foundation
import InspektCore
import InspektService

/// What `inspekt submit` checks before a session is spent, as the board's review does: the
/// walk-around (or a reason), a case id accepted before (`--again`), and the local photo checks
/// (`--force` skips them).
public struct SubmitGate {
    var force: Bool
    var again: Bool
    var missingReason: String?
    var json: Bool

    public init(force: Bool, again: Bool, missingReason: String?, json: Bool) {
        self.force = force
        self.again = again
        self.missingReason = missingReason
        self.json = json
    }

    /// Returns when the selection may go; otherwise `refuse` prints why and exits.
    public func check(caseID: String, selection: [PhotoSelection], service: InspektService, refuse: ([String]) -> Never) throws {
        let covered = Set(selection.map(\.slot))
        let missing = CoverageSlot.walkAround.filter { !covered.contains($0) }
        if !missing.isEmpty, (missingReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            refuse([
                "Walk-around photos missing: \(missing.map(\.title).joined(separator: ", ")). Add them with --photo SLOT=PATH, "
                    + "or say why with --missing-reason \"...\"."
            ])
        }
        // Letter case aside, as the board's review asks: "return-7" is the case RETURN-7 again.
        if !again, let earlier = try service.inspections(sameCaseAs: caseID).first(where: { $0.state.wasAccepted }) {
            let session = earlier.session.map { ", inspection id \(SafeText.escape($0))" } ?? ""
            let named = earlier.facts.caseID == caseID ? "" : " as \(SafeText.escape(earlier.facts.caseID))"
            refuse([
                "Case \(SafeText.escape(caseID)) already has an accepted inspection on this kiosk\(named) (\(earlier.state.title)\(session)). "
                    + "Add --again to submit another one."
            ])
        }
        guard !force else { return }
        let findings = QualityGate.findings(for: selection)
        let blocking = findings.filter(\.blocksSubmit)
        if !blocking.isEmpty {
            refuse(blocking.map { "Inspektlabs would reject \($0.sentence): replace it, or add --force to send anyway." })
        }
        guard !findings.isEmpty else { return }
        for finding in findings { Terminal.note("Check: \(finding.sentence)") }
        // Asked only of a person at a terminal; a script gets a refusal it can act on.
        if isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1, !json {
            FileHandle.standardError.write(Data("Send anyway? [y/N] ".utf8))
            if readLine()?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") == true { return }
        }
        let count = findings.count
        refuse(["Not sent: \(count) finding\(count == 1 ? "" : "s") above. Replace the photos, or add --force to send anyway."])
    }
}
