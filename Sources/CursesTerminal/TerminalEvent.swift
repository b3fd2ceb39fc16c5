import TerminalUI

/// What the terminal reports to the run loop.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    /// The window changed size (ncurses' own SIGWINCH handling turned into KEY_RESIZE).
    case resize(Size)
}
