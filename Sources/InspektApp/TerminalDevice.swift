import CursesTerminal
import TerminalUI

/// What the run loop needs from a terminal: the curses one, or a headless one for benchmarks.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    var waker: TerminalWaker { get }
    /// Whether colour is on (off with NO_COLOR, TERM=dumb, or a terminal without colours).
    var hasColor: Bool { get }
    /// Whether non-ASCII glyphs can be shown (a UTF-8 locale).
    var showsUnicode: Bool { get }
    /// Keys and resizes that came within `timeoutMilliseconds` (returns early on a wake-up).
    func events(timeoutMilliseconds: Int) -> [TerminalEvent]
    func draw(_ screen: Screen)
    /// Draw everything again on the next frame (Ctrl-L).
    func invalidate()
    /// Give the terminal back.
    func shutdown()
    /// Whether the terminal went away under the program (a dropped SSH link closed the pty).
    var isGone: Bool { get }
}

extension TerminalDevice {
    public var isGone: Bool { false }
}

extension CursesTerminal: TerminalDevice {
    public var hasColor: Bool { colorSupport != .none }
    public var showsUnicode: Bool { isUTF8 }
    public var isGone: Bool { isHungUp }
}
