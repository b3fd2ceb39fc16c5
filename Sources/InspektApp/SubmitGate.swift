import Dispatch
import Foundation
import InspektCore
import InspektService

/// What `inspekt submit` checks before a session is spent, as the board's review does: the
/// walk-around (or a reason), a case id accepted before (`--again`), and the local photo checks, photos
/// already sent with another inspection among them (`--force` skips them).
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

    /// The local photo checks (`QualityGate.findings`: they need no database), started at once on dispatch threads,
    /// so that they run while the database opens (on a new kiosk, tens of milliseconds spent waiting on the disk).
    public static func startLocalChecks(_ selection: [PhotoSelection]) -> Task<[PhotoFinding], Never> {
        Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: QualityGate.findings(for: selection)) }
            }
        }
    }

    /// Returns when the selection may go; otherwise `refuse` prints why and exits. `localChecks`, when given, is
    /// `startLocalChecks(selection)` started earlier; its findings are taken instead of checking again.
    public func check(
        caseID: String, selection: [PhotoSelection], service: InspektService, refuse: ([String]) -> Never,
        localChecks: Task<[PhotoFinding], Never>? = nil
    ) async throws {
        let covered = Set(selection.map(\.slot))
        // A video walk-around films every side: no slot is missing.
        let missing = covered.contains(.video) ? [] : CoverageSlot.walkAround.filter { !covered.contains($0) }
        if !missing.isEmpty, (missingReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            let slots = missing.map { Terminal.language.slot($0) }.joined(separator: ", ")
            refuse([Terminal.words("cli.submit.walk-around-missing", ["slots": slots])])
        }
        // Letter case aside, as the board's review asks: "return-7" is the case RETURN-7 again.
        if !again, let earlier = try service.inspections(sameCaseAs: caseID).first(where: { $0.state.wasAccepted }) {
            let state = Terminal.language.state(earlier.state)
            let session =
                earlier.session.map {
                    Terminal.words("cli.submit.again.session", ["state": state, "session": SafeText.escape($0)])
                } ?? state
            let named =
                earlier.facts.caseID == caseID
                ? "" : Terminal.words("cli.submit.again.named", ["case": SafeText.escape(earlier.facts.caseID)])
            refuse([
                Terminal.words(
                    "cli.submit.again", ["case": SafeText.escape(caseID), "named": named, "accepted": session])
            ])
        }
        guard !force else { return }
        let local = await localChecks?.value
        let findings = await service.photoFindings(for: selection, excluding: nil, local: local)
        let blocking = findings.filter(\.blocksSubmit)
        if !blocking.isEmpty {
            refuse(
                blocking.map {
                    Terminal.words("cli.submit.finding.refused", ["refusal": Terminal.language.refusal($0)])
                })
        }
        guard !findings.isEmpty else { return }
        for finding in findings {
            Terminal.note(Terminal.words("cli.submit.check", ["finding": Terminal.language.finding(finding)]))
        }
        let reused = Self.sentBefore(findings)
        // Asked only of a person at a terminal; a script gets a refusal it can act on.
        if isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1, !json {
            FileHandle.standardError.write(Data(Terminal.words("cli.submit.send-anyway").utf8))
            if readLine()?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") == true { return }
        }
        let count = findings.count
        refuse(reused + [Terminal.words("cli.submit.not-sent.findings", count: count)])
    }

    /// One line per case whose photos are sent again, e.g. "8 photos were already sent with PICKUP-7 …".
    static func sentBefore(_ findings: [PhotoFinding]) -> [String] {
        var counts: [(caseID: String, count: Int)] = []
        for finding in findings {
            guard case .alreadySent(let caseID) = finding.kind else { continue }
            if let at = counts.firstIndex(where: { $0.caseID == caseID }) {
                counts[at].count += 1
            } else {
                counts.append((caseID, 1))
            }
        }
        return counts.map { entry in
            Terminal.words("cli.submit.sent-before", count: entry.count, ["case": SafeText.escape(entry.caseID)])
        }
    }
}
