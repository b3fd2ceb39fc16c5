import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a command line command (`submit`, `resume`) running when its terminal goes away: SIGPIPE
/// is ignored, and SIGHUP is written to the log and points the terminal's descriptors at
/// /dev/null instead of ending the upload. Output to a terminal that is gone is tolerated too
/// (`Terminal` ignores write errors).
public final class HangupGuard {
    private let source: any DispatchSourceSignal

    /// Starts guarding; `what` names the work in the log ("submit of case CASE-1").
    public init(logger: Logger, what: String) {
        signal(SIGPIPE, SIG_IGN)
        let terminals = [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO].filter { isatty($0) == 1 }
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "inspekt.hangup"))
        source.setEventHandler {
            HeadlessFinish.detach(terminals)
            logger.notice("terminal gone (SIGHUP): \(what) goes on headless; its outcome follows in this log")
        }
        source.resume()
    }
}
