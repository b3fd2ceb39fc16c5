import CursesTerminal
import Foundation
import InspektApp
import Synchronization
import TerminalUI

/// A terminal with no screen for benchmarks: it "presses" a key on a fixed schedule and records,
/// for every key, how long it waited from its press until a frame showing it was drawn.
final class HeadlessTerminal: TerminalDevice {
    let size: Size
    let waker: TerminalWaker
    let hasColor = true
    let showsUnicode = true
    private let keys: [Key]
    private let interval: UInt64
    private let start: UInt64
    private var nextKey = 0
    /// Press times of keys handed to the loop but not yet drawn.
    private var undrawn: [UInt64] = []
    private let recorder: Recorder

    /// What the benchmark reads while and after the loop runs.
    final class Recorder: Sendable {
        /// Nanoseconds each key waited until its frame, in press order.
        let waits = Mutex<[UInt64]>([])
        let frames = Mutex<Int>(0)
        let allPressed = Mutex<Bool>(false)
        init() {}
    }

    init(size: Size, waker: TerminalWaker, keys: [Key], intervalMilliseconds: Int, recorder: Recorder) {
        self.recorder = recorder
        self.size = size
        self.waker = waker
        self.keys = keys
        self.interval = UInt64(intervalMilliseconds) * 1_000_000
        self.start = DispatchTime.now().uptimeNanoseconds
    }

    func events(timeoutMilliseconds: Int) -> [TerminalEvent] {
        let now = DispatchTime.now().uptimeNanoseconds
        if nextKey < keys.count {
            let due = start + UInt64(nextKey) * interval
            if due > now {
                let wait = min(UInt64(max(timeoutMilliseconds, 0)) * 1_000_000, due - now)
                usleep(UInt32(wait / 1000))
            }
        } else {
            usleep(UInt32(min(timeoutMilliseconds, 5) * 1000))
        }
        // Every key whose time has come, timed from when it was due (not from when the loop asked).
        let after = DispatchTime.now().uptimeNanoseconds
        var events: [TerminalEvent] = []
        while nextKey < keys.count, start + UInt64(nextKey) * interval <= after {
            events.append(.key(keys[nextKey]))
            undrawn.append(start + UInt64(nextKey) * interval)
            nextKey += 1
        }
        if nextKey >= keys.count { recorder.allPressed.withLock { $0 = true } }
        return events
    }

    func draw(_ screen: Screen) {
        let now = DispatchTime.now().uptimeNanoseconds
        let drawn = undrawn.map { now - $0 }
        undrawn.removeAll()
        recorder.waits.withLock { $0 += drawn }
        recorder.frames.withLock { $0 += 1 }
    }

    func invalidate() {}
    func shutdown() {}
}
