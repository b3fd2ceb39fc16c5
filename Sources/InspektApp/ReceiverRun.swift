import Foundation
import InspektCore
import InspektService
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `inspekt receiver`: the one callback receiver of this kiosk (see `ReceiverLock`). Run by hand or by a
/// systemd unit it stays until stopped, taking over from an `--until-idle` one; started `--until-idle` (by
/// `ReceiverKeeper`, or by a unit after a reboot) it leaves once no inspection waits for a result.
public struct ReceiverRun: Sendable {
    let service: InspektService
    let logger: Logger
    let listen: ListenAddress
    let mode: ReceiverLock.Mode
    /// Seconds between two looks at whether anything still waits (`--until-idle`).
    let idleCheck: Double
    /// Time and waiting (the lock's retries, the idle looks).
    let clock: WallClock

    public init(
        service: InspektService, logger: Logger, listen: ListenAddress, mode: ReceiverLock.Mode, idleCheck: Double,
        clock: WallClock = .live
    ) {
        (self.service, self.logger, self.listen, self.mode, self.idleCheck) = (service, logger, listen, mode, idleCheck)
        self.clock = clock
    }

    var directory: String { service.configuration.dataDirectory }

    /// Runs until stopped (or idle); returns the exit code.
    public func run() async -> Int32 {
        // Run by hand, it takes over holding the gate, so that no process starts another meanwhile. Started
        // `--until-idle`, it never waits for the gate: the process that starts it holds it until it listens.
        let gate = mode == .always ? ReceiverLock.Gate(dataDirectory: directory) : nil
        guard let lock = await takeLock() else {
            gate?.release()
            return mode == .untilIdle ? 0 : 1
        }
        let limits = ReceiverLimits.fromEnvironment()
        if let files = ReceiverLimits.raiseOpenFilesLimit() {
            logger.info("open files limit", metadata: ["before": "\(files.before)", "now": "\(files.after)"])
        }
        logger.info(
            "receiver limits",
            metadata: ["idle timeout s": "\(limits.idleTimeout)", "max connections": "\(limits.maxConnections)"])
        let receiver = CallbackReceiver(service: service, logger: logger, limits: limits)
        let port: Int
        do { port = try await receiver.start(listen: listen) } catch {
            lock.release()
            gate?.release()
            logger.error("receiver cannot listen", metadata: ["listen": "\(listen)", "error": "\(error)"])
            Terminal.error(
                Terminal.words("cli.receiver.cannot-listen", ["address": "\(listen)", "reason": "\(error)"]))
            return 1
        }
        let address = ListenAddress(host: listen.host, port: port)
        lock.announce(address: address.description)
        gate?.release()
        let receiving =
            service.configuration.webhookSecret == nil ? "cli.receiver.receiving.no-webhook" : "cli.receiver.receiving"
        Terminal.note(Terminal.words(receiving, ["address": address.description]))
        logger.notice(
            "receiver running", metadata: ["mode": "\(mode.rawValue)", "address": "\(address)", "pid": "\(getpid())"])

        let stop = AsyncStream<Int32>.makeStream()
        let signals = TerminationSignals { number in stop.continuation.yield(number) }
        defer { signals.cancel() }
        let (reason, heldGate) = await waitForTheEnd(signals: stop.stream)
        await receiver.stop()
        lock.release()
        // The idle decision held the gate until now: a process that makes a result wait meanwhile finds no
        // receiver once it gets the gate, and starts one.
        heldGate?.release()
        logger.notice("receiver exiting", metadata: ["reason": "\(reason)"])
        return 0
    }

    /// Why the receiver stops: a signal, or (`--until-idle`) nothing waits any more, decided holding the gate.
    private func waitForTheEnd(signals: AsyncStream<Int32>) async -> (String, ReceiverLock.Gate?) {
        guard mode == .untilIdle else {
            for await number in signals { return ("stopped by signal \(number)", nil) }
            return ("stopped", nil)
        }
        return await withTaskGroup(of: (String, ReceiverLock.Gate?).self) { group in
            group.addTask { await waitUntilIdle() }
            group.addTask {
                for await number in signals {
                    return ("stopped by signal \(number) (handing over, or asked to stop)", nil)
                }
                return ("stopped", nil)
            }
            let first = await group.next() ?? ("stopped", nil)
            group.cancelAll()
            return first
        }
    }

    /// Takes `receiver.lock`; a receiver run by hand asks an `--until-idle` one to hand over.
    private func takeLock() async -> ReceiverLock? {
        if let lock = ReceiverLock(dataDirectory: directory, mode: mode) { return lock }
        guard let holder = ReceiverLock.holder(dataDirectory: directory) else {
            // Held by one that is just leaving: it lets go in a moment.
            return await retryLock(seconds: 5)
        }
        if mode == .untilIdle {
            logger.notice("receiver not started: another one runs", metadata: ["holder": "\(holder.words)"])
            return nil
        }
        guard holder.mode == .untilIdle else {
            let address = holder.address.map(SafeText.escape) ?? Terminal.words("cli.receiver.its-address")
            Terminal.error(
                Terminal.words(
                    "cli.receiver.already-runs", ["holder": Terminal.language.receiver(holder), "address": address]))
            return nil
        }
        logger.notice("taking over from the receiver that runs", metadata: ["holder": "\(holder.words)"])
        kill(holder.process.pid, SIGTERM)
        return await retryLock(seconds: 10)
    }

    private func retryLock(seconds: Double) async -> ReceiverLock? {
        let deadline = clock.now().addingTimeInterval(seconds)
        while clock.now() < deadline {
            if let lock = ReceiverLock(dataDirectory: directory, mode: mode) { return lock }
            try? await clock.sleep(0.05)
        }
        Terminal.error(
            Terminal.words("cli.receiver.lock-taken", ["path": SafeText.escape(directory + "/receiver.lock")]))
        return nil
    }

    /// Returns once no inspection waits for its result (decided holding the gate, which stays held until the
    /// lock is let go), or once the data folder is gone.
    private func waitUntilIdle() async -> (String, ReceiverLock.Gate?) {
        while !Task.isCancelled {
            try? await clock.sleep(idleCheck)
            if Task.isCancelled { break }
            guard FileManager.default.fileExists(atPath: directory) else { return ("the data folder is gone", nil) }
            guard let waiting = try? service.inspectionsWaitingForResults(), waiting == 0 else { continue }
            let gate = ReceiverLock.Gate(dataDirectory: directory)
            if (try? service.inspectionsWaitingForResults()) == 0 {
                return ("no inspection waits for a result any more", gate)
            }
            gate.release()
        }
        return ("stopped", nil)
    }
}
