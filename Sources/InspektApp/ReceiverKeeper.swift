import Foundation
import InspektService
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a callback receiver listening for this kiosk while any of its inspections waits for a result,
/// whichever process made it wait: `submit`, a board, `resume`, `compare`. The receiver that runs (a
/// systemd unit's, an `inspekt receiver` started by hand, or one started here) is used as it is; when none
/// runs, `inspekt receiver --until-idle` is started detached from this process and its terminal (a session
/// of its own, stdio on /dev/null, its log in inspekt.log), and it stops by itself once nothing waits.
public enum ReceiverKeeper {
    /// What `ensure` found or did.
    public enum Outcome: Sendable, Equatable {
        /// A receiver listens at this `HOST:PORT` (`started`: by this call).
        case listening(String, started: Bool)
        case failed(String)
    }

    /// Makes `service` check for a receiver (and start one) before every callback address it hands out.
    public static func attach(to service: InspektService) {
        guard service.receivesOwnResults else { return }
        let configuration = service.configuration
        let logger = service.logger
        service.keepReceiverRunning {
            switch ensure(configuration: configuration, logger: logger) {
            case .listening(let address, _): return address
            case .failed: return nil
            }
        }
    }

    /// At a board's start: when anything waits for a result (after a reboot, after a receiver was stopped), makes
    /// sure a receiver listens; returns a problem in words for the board's notice line. Runs off the cooperative pool.
    public static func ensureIfWaiting(service: InspektService) async -> String? {
        guard service.receivesOwnResults else { return nil }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                guard (try? service.inspectionsWaitingForResults()) ?? 0 > 0 else {
                    return continuation.resume(returning: nil)
                }
                switch ensure(configuration: service.configuration, logger: service.logger) {
                case .listening(let address, _):
                    service.useCallbackBase("http://" + address)
                    continuation.resume(returning: nil)
                case .failed(let problem):
                    continuation.resume(returning: problem)
                }
            }
        }
    }

    /// Uses the receiver that runs, or starts one and waits (up to 10 s) until it listens.
    public static func ensure(configuration: ServiceConfiguration, logger: Logger) -> Outcome {
        let directory = configuration.dataDirectory
        return ReceiverLock.underGate(dataDirectory: directory) {
            if let holder = ReceiverLock.holder(dataDirectory: directory) {
                if let address = holder.address { return .listening(address, started: false) }
                // Starting: its address follows in a moment.
                if let address = waitForAddress(of: holder.process.pid, directory: directory, child: nil) {
                    return .listening(address, started: false)
                }
            }
            let listen = configuration.receiverListen ?? ServiceConfiguration.defaultReceiverListen
            guard let pid = spawnDetached(["receiver", "--until-idle", "--listen", listen]) else {
                logger.error("receiver could not be started", metadata: ["errno": "\(errno)"])
                return .failed("The result receiver could not be started (see inspekt.log); run `inspekt receiver`.")
            }
            logger.notice(
                "receiver started for results still to come", metadata: ["pid": "\(pid)", "listen": "\(listen)"])
            // Reaped when it ends, so that it never lingers as a zombie under a long-lived board.
            defer { Thread.detachNewThread { _ = waitpid(pid, nil, 0) } }
            // A fixed address is known: the request goes out at once, and the receiver, up well before any result can
            // come, logs it if it cannot listen. Port 0 is known only once it listens.
            if let fixed = ListenAddress(listen), fixed.port != 0 {
                return .listening(fixed.description, started: true)
            }
            guard let address = waitForAddress(of: pid, directory: directory, child: pid) else {
                return .failed(
                    "The result receiver could not listen on \(listen) (see inspekt.log): results cannot arrive "
                        + "until `inspekt receiver` runs; a result downloaded from the portal loads with `inspekt import-result FILE`."
                )
            }
            return .listening(address, started: true)
        }
    }

    /// Polls `receiver.lock` until `pid` says where it listens; nil when it ends first or after 10 s.
    private static func waitForAddress(
        of pid: Int32, directory: String, child: Int32?, clock: WallClock = .live
    ) -> String? {
        let deadline = clock.now().addingTimeInterval(10)
        while clock.now() < deadline {
            if let holder = ReceiverLock.holder(dataDirectory: directory), holder.process.pid == pid,
                let address = holder.address
            {
                return address
            }
            if let child {
                var status: Int32 = 0
                if waitpid(child, &status, WNOHANG) == child { return nil }
            } else if kill(pid, 0) != 0 {
                return nil
            }
            clock.pause(0.02)
        }
        return nil
    }

    /// Starts this program with `arguments` in a session of its own (no controlling terminal, so a hang-up
    /// never reaches it), stdio on /dev/null, no descriptor of this process but those, default signal
    /// actions and an empty mask (a board ignores and blocks some). Returns its process id.
    static func spawnDetached(_ arguments: [String]) -> Int32? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0) }
        closeFrom(3, &actions)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        // glibc's POSIX_SPAWN_SETSIGDEF 0x04, POSIX_SPAWN_SETSIGMASK 0x08, POSIX_SPAWN_SETSID 0x80.
        posix_spawnattr_setflags(&attributes, Int16(0x04 | 0x08 | 0x80))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, environ) == 0 else { return nil }
        return pid
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), looked up at run time so that an older C
    /// library still links; without it the descriptors are all opened close-on-exec anyway.
    private static func closeFrom(_ fd: Int32, _ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, fd)
    }
}
