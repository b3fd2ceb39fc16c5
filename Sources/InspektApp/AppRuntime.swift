import CursesTerminal
import Foundation
import InspektCore
import InspektService
import TerminalUI

/// The run loop: one thread owns the terminal and the UI state; keys, resizes, ticks, service
/// events and command results all become messages for `update`, and a frame is drawn after each
/// batch. Commands run as tasks on the cooperative pool and answer with messages.
public final class AppRuntime: Sendable {
    /// How the loop ended.
    public enum Outcome: Sendable, Equatable {
        case quit
        /// SIGTERM or SIGINT asked it to stop.
        case signal(Int32)
        /// The terminal went away (SIGHUP, or the pty closed): uploads it started must still finish.
        case hangup
    }

    private let initialState: AppState
    private let startCommands: [Command]
    private let effects: AppEffects
    private let waker: TerminalWaker
    private let inbox: MessageInbox
    private let makeTerminal: @Sendable (TerminalWaker) throws -> any TerminalDevice
    /// Seconds between `.tick` messages.
    private let tickInterval: Double
    /// Shortest time between two frames drawn for service events alone (keys draw at once).
    private let frameInterval: Double
    /// Sees every drawn frame, with the messages it shows (benchmarks measure with it).
    private let onFrame: (@Sendable (_ messages: Int, _ drawnAt: UInt64) -> Void)?
    /// Whose time the ticks carry and the frames are paced by.
    private let clock: WallClock

    public init(
        state: AppState, startCommands: [Command] = [], effects: AppEffects, tickInterval: Double = 1,
        frameInterval: Double = 1.0 / 30, onFrame: (@Sendable (Int, UInt64) -> Void)? = nil, clock: WallClock = .live,
        makeTerminal: @escaping @Sendable (TerminalWaker) throws -> any TerminalDevice
    ) throws {
        self.initialState = state
        self.startCommands = startCommands
        waker = try TerminalWaker()
        inbox = MessageInbox(waker: waker)
        self.effects = effects
        self.tickInterval = tickInterval
        self.frameInterval = frameInterval
        self.onFrame = onFrame
        self.clock = clock
        self.makeTerminal = makeTerminal
    }

    /// Runs until the UI asks to quit or a signal asks to stop; the terminal is given back on
    /// every way out.
    public func run() async throws -> Outcome {
        let inbox = inbox
        let signals = TerminationSignals { inbox.requestStop(signal: $0) }
        // After a hangup, a second SIGHUP must not end the uploads that go on headless.
        var hungUp = false
        defer { signals.cancel(keepIgnoring: hungUp ? [SIGHUP] : []) }
        // Subscribed before anything starts, so that no event is missed.
        let events = effects.events()
        let eventPump = Task.detached {
            for await event in events {
                inbox.post(.service(event))
            }
        }
        defer { eventPump.cancel() }
        let watcher = Task.detached { [effects] in await effects.watch { inbox.post($0) } }
        defer { watcher.cancel() }
        let startup = Task.detached { [effects] in await effects.startup { inbox.post($0) } }
        // Uploads resumed at start go on headless after a hangup; any other end stops them.
        defer { if !hungUp { startup.cancel() } }
        let outcome: Outcome = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                Self.acceptSignals()
                do {
                    let outcome = try self.loop()
                    continuation.resume(returning: outcome)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "inspekt.terminal"
            thread.stackSize = 8 << 20
            thread.start()
        }
        hungUp = outcome == .hangup
        return outcome
    }

    /// The loop itself, on the terminal thread.
    /// Lets this thread take SIGWINCH (ncurses' resize), SIGTERM, SIGHUP and SIGINT even when the
    /// process was started with them blocked: otherwise neither resizing nor stopping would work.
    private static func acceptSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGWINCH, SIGTERM, SIGHUP, SIGINT] { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Ends the loop from any thread, as if the UI had asked to quit.
    public func stop() {
        inbox.requestStop(signal: 0)
    }

    private func loop() throws -> Outcome {
        let terminal = try makeTerminal(waker)
        defer { terminal.shutdown() }
        var state = initialState
        if !terminal.hasColor { state.options.color = false }
        if !terminal.showsUnicode { state.options.ascii = true }
        var isRunning = true
        let perform = effects.perform
        let inbox = inbox
        let post: @Sendable (Message) -> Void = { inbox.post($0) }
        let running = RunningCommands()
        defer { running.finish(timeout: 5) }

        func handle(_ commands: [Command]) {
            for command in commands {
                switch command {
                case .quit:
                    isRunning = false
                case .redraw:
                    terminal.invalidate()
                default:
                    running.start(order: command.orderKey) { await perform(command, post) }
                }
            }
        }

        var size = terminal.size
        handle(TerminalUI.update(&state, .resize(size)))
        handle(state.initialCommands + startCommands)
        terminal.draw(TerminalUI.view(state, size: size))
        onFrame?(0, clock.uptimeNanoseconds())

        var lastTick = clock.uptimeNanoseconds()
        var lastDraw = lastTick
        var dirty = false
        var shown = 0
        let tickNanos = UInt64(tickInterval * 1e9)
        let frameNanos = UInt64(frameInterval * 1e9)

        while isRunning {
            let now = clock.uptimeNanoseconds()
            var waitNanos = lastTick + tickNanos > now ? lastTick + tickNanos - now : 0
            if dirty { waitNanos = min(waitNanos, lastDraw + frameNanos > now ? lastDraw + frameNanos - now : 0) }
            let events = terminal.events(timeoutMilliseconds: Int((waitNanos + 999_999) / 1_000_000))

            if let signal = inbox.stopSignal {
                if signal == SIGHUP { return .hangup }
                return signal == 0 ? .quit : .signal(signal)
            }
            if terminal.isGone { return .hangup }

            var urgent = false
            var messages: [Message] = []
            for event in events {
                switch event {
                case .key(let key):
                    messages.append(.key(key))
                    urgent = true
                case .resize(let newSize):
                    size = newSize
                    messages.append(.resize(newSize))
                    urgent = true
                }
            }
            messages += inbox.take()
            let after = clock.uptimeNanoseconds()
            if after >= lastTick + tickNanos {
                lastTick = after
                messages.append(.tick(clock.now()))
            }
            for message in messages where isRunning {
                handle(TerminalUI.update(&state, message))
            }
            shown += messages.count
            if !messages.isEmpty { dirty = true }
            let drawNow = clock.uptimeNanoseconds()
            if dirty && isRunning && (urgent || drawNow >= lastDraw + frameNanos) {
                terminal.draw(TerminalUI.view(state, size: size))
                lastDraw = clock.uptimeNanoseconds()
                onFrame?(shown, lastDraw)
                shown = 0
                dirty = false
            }
        }
        return .quit
    }
}
