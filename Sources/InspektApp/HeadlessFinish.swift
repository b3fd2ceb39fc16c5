import Foundation
import InspektCore
import InspektService
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// What the board does once its terminal went away (a dropped SSH link): it lets go of the
/// terminal, finishes every upload it started, and leaves what happened in the log and in the store,
/// where the next board shows it. The caller exits afterwards.
enum HeadlessFinish {
    /// Finishes the uploads; true when every one this process could run was accepted.
    static func finishUploads(service: InspektService, logger: Logger, clock: WallClock = .live) async -> Bool {
        let pending = (try? service.unfinishedUploads()) ?? []
        logger.notice("terminal gone: finishing uploads headless", metadata: ["unfinished": "\(pending.count)"])
        // Joins the uploads already running (a submit, the resume at start, a retry waiting out
        // its delay) and starts those that were only marked ready.
        let outcomes = await service.resumeAll()
        var lines: [String] = []
        var allAccepted = true
        for (inspection, outcome) in outcomes {
            let caseID = SafeText.escape(inspection.facts.caseID)
            switch outcome {
            case .success(let session):
                logger.notice(
                    "headless upload accepted", metadata: ["inspection": "\(inspection.id)", "session": "\(session)"])
                lines.append("\(caseID) accepted")
            case .failure(let error):
                // Another process holds it: its upload, not this one's.
                if let serviceError = error as? ServiceError, case .busy = serviceError { continue }
                allAccepted = false
                let reason = (error as? ServiceError)?.description ?? "\(error)"
                logger.error(
                    "headless upload not accepted", metadata: ["inspection": "\(inspection.id)", "reason": "\(reason)"])
                lines.append("\(caseID) not accepted (\(SafeText.escape(reason)))")
            }
        }
        while await service.uploadsInFlight() {
            try? await clock.sleep(0.2)
        }
        if !lines.isEmpty {
            service.leaveReportForNextBoard("While the terminal was away: " + lines.joined(separator: "; ") + ".")
        }
        logger.notice(
            "headless run done, exiting", metadata: ["uploads": "\(lines.count)", "all_accepted": "\(allAccepted)"])
        return allAccepted
    }

    /// Points the given descriptors at /dev/null, so that nothing is read from or written to a
    /// terminal that went away.
    static func detach(_ descriptors: [Int32]) {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { return }
        for fd in descriptors { _ = dup2(null, fd) }
        close(null)
    }
}
