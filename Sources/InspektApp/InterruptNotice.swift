import Dispatch
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C (SIGINT) on `submit`: instead of vanishing mid-upload, the command says what became of the upload
/// and how it continues, logs it, and exits with 130. The inspection stays as it was stored (its process gone,
/// `status` and the boards read it "interrupted"), and `inspekt resume` or `r` on the board continues it with
/// the same inspection, never a second one.
public final class InterruptNotice {
    private let source: any DispatchSourceSignal
    private let accepted = AcceptedFlag()

    /// `caseID` names the upload in the message.
    public init(caseID: String, logger: Logger) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "inspekt.interrupt"))
        let accepted = accepted
        source.setEventHandler {
            Terminal.endProgress()
            if accepted.value.withLock({ $0 }) {
                // Past the acceptance: only the printing was left.
                Terminal.note(Terminal.words("cli.interrupted.accepted", ["case": caseID]))
                exit(130)
            }
            logger.notice("submit interrupted (SIGINT) mid-upload", metadata: ["case": "\(caseID)"])
            Terminal.note(Self.message(caseID: caseID))
            exit(130)
        }
        source.resume()
    }

    /// From now on an interrupt no longer stops an upload.
    public func markAccepted() { accepted.value.withLock { $0 = true } }

    /// What an operator reads after Ctrl-C mid-upload.
    static func message(caseID: String) -> String {
        Terminal.words("cli.interrupted", ["case": caseID])
    }
}

/// Whether the upload was accepted, shared with the signal handler.
private final class AcceptedFlag: Sendable {
    let value = Mutex(false)
}
