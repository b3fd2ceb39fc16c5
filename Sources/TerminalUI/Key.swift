/// A key press, decoded by the terminal adapter.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Ctrl plus a letter, lower-case: `.control("l")` is Ctrl-L.
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}
