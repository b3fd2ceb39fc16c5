import CursesTerminal
import Foundation
import InspektCore
import InspektService
import Synchronization
import Testing

@testable import InspektApp
@testable import TerminalUI

/// The run loop keeps time only by the clock it is given: its ticks come when that clock moves on, and its
/// frames are stamped with that clock's reading, however fast the terminal is polled.
@Suite(.timeLimit(.minutes(1))) struct RuntimeClockTests {
    @Test func ticksComeWhenTheInjectedClockMovesOn() async throws {
        let clock = SteppedClock()
        let frames = Mutex<[(messages: Int, at: UInt64)]>([])
        let state = AppState(
            now: clock.wallClock.now(), inboxRoot: "/nonexistent", size: Size(width: 80, height: 24),
            timeZone: TimeZone(identifier: "UTC")!, idSeed: 1)
        let runtime = try AppRuntime(
            state: state, effects: AppEffects(perform: { _, _ in }), tickInterval: 1,
            onFrame: { messages, at in frames.withLock { $0.append((messages, at)) } }, clock: clock.wallClock
        ) { waker in QuietTerminal(waker: waker) }
        let run = Task { try await runtime.run() }
        defer { runtime.stop() }

        #expect(await settles { frames.withLock { $0.count } == 1 })
        // The terminal answers every few milliseconds; a quarter of a second of it brings no tick while the clock stands.
        try await Task.sleep(for: .milliseconds(250))
        #expect(frames.withLock { $0.count } == 1)
        #expect(frames.withLock { $0.first?.at } == clock.uptime)

        clock.advance(by: 1)
        #expect(await settles { frames.withLock { $0.count } == 2 })
        let tick = frames.withLock { $0.last }
        #expect(tick?.messages == 1, "one message: the tick")
        #expect(tick?.at == clock.uptime, "the frame is stamped by the injected clock")

        runtime.stop()
        #expect(try await run.value == .quit)
    }

    private func settles(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<500 where !condition() { try? await Task.sleep(for: .milliseconds(10)) }
        return condition()
    }
}

/// A clock that moves only when the test says so.
final class SteppedClock: Sendable {
    private let nanos = Mutex<UInt64>(5_000_000_000)
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    var uptime: UInt64 { nanos.withLock { $0 } }

    func advance(by seconds: Double) { nanos.withLock { $0 += UInt64(seconds * 1e9) } }

    var wallClock: WallClock {
        WallClock(
            now: { [self] in start.addingTimeInterval(Double(uptime) / 1e9) }, uptimeNanoseconds: { [self] in uptime },
            sleep: { _ in await Task.yield() }, pause: { _ in })
    }
}

/// A terminal with no keys: each look waits a few real milliseconds (never the timeout the loop asks for).
private final class QuietTerminal: TerminalDevice {
    let waker: TerminalWaker
    let size = Size(width: 80, height: 24)
    let hasColor = false
    let showsUnicode = true

    init(waker: TerminalWaker) { self.waker = waker }

    func events(timeoutMilliseconds: Int) -> [TerminalEvent] {
        usleep(UInt32(min(max(timeoutMilliseconds, 0), 5) * 1000))
        return []
    }
    func draw(_ screen: Screen) {}
    func invalidate() {}
    func shutdown() {}
}
