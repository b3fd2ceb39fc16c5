import CNCurses
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only code that talks to ncurses: decodes keys, reports resizes, draws a `Screen`.
///
/// Use it from one thread only (the run loop's); other threads reach that loop through `waker`.
public final class CursesTerminal {
    /// How much colour this terminal gets, decided once at start.
    public let colorSupport: ColorSupport
    /// Wakes `events(timeoutMilliseconds:)` from any thread.
    public let waker: TerminalWaker
    /// Whether the locale's character set is UTF-8; when not, only ASCII can be shown reliably.
    public let isUTF8: Bool

    private var palette: StylePalette
    private var lastDrawn: Screen?
    private var cursorVisible: Bool?
    private var isOpen = true
    /// Whether the terminal went away (the pty closed under it); nothing is drawn from then on.
    public private(set) var isHungUp = false
    private var scratch = [wchar_t](repeating: 0, count: 8)
    private var escapeReader = EscapeSequenceReader()

    /// The character set the environment asks for is UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`).
    static func asksForUTF8(_ environment: [String: String]) -> Bool {
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let codeset = asked.split(separator: ".").dropFirst().first?.split(separator: "@").first ?? ""
        return codeset.lowercased().replacingOccurrences(of: "-", with: "") == "utf8"
    }

    /// Takes over the terminal on stdin/stdout; `environment` decides colour (`NO_COLOR`, `TERM`).
    /// `waker` lets other threads interrupt the wait for input; one is made when none is given.
    public init(environment: [String: String], waker: TerminalWaker? = nil) throws(CursesTerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        if let waker {
            self.waker = waker
        } else {
            self.waker = try TerminalWaker()
        }
        if setlocale(LC_ALL, "") == nil, Self.asksForUTF8(environment) {
            // A language whose locale is not installed (es_ES.UTF-8 where only C.UTF-8 is): its characters are
            // still UTF-8, and without this every accent and every Devanagari letter would be dropped.
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        isUTF8 =
            String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "")
            == "UTF8"
        // newterm, unlike initscr, returns nil instead of exiting when TERM is unknown.
        guard inspekt_newterm() != nil else {
            throw .cannotInitialize(term: environment["TERM"] ?? "")
        }
        guard inspekt_can_address_cursor() != 0 else {
            endwin()
            throw .cannotAddressCursor(term: environment["TERM"] ?? "")
        }
        let screen = inspekt_stdscr()
        // raw: Ctrl-C arrives as a key so the UI can ask before quitting mid-upload.
        raw()
        noecho()
        nonl()
        keypad(screen, true)
        intrflush(screen, false)
        _ = inspekt_set_escdelay(25)
        wtimeout(screen, 0)
        leaveok(screen, false)

        var support = ColorSupport.none
        if !ColorSupport.forbiddenByEnvironment(environment), has_colors() {
            start_color()
            use_default_colors()
            support = ColorSupport.from(colorCount: Int(inspekt_colors()), hasColors: true)
        }
        colorSupport = support
        palette = StylePalette(support: support, pairLimit: Int(inspekt_color_pairs()))
        palette.defineRolePairs()
        setCursorVisible(false)
    }

    deinit {
        shutdown()
    }

    /// The window size now.
    public var size: Size {
        Size(width: Int(inspekt_cols()), height: Int(inspekt_lines()))
    }

    /// Waits up to `timeoutMilliseconds` for keys, a resize, or a wake-up, and returns what came.
    ///
    /// The wait is capped at 100 ms: SIGWINCH may land on another thread, and ncurses only turns
    /// it into KEY_RESIZE when asked for a key.
    public func events(timeoutMilliseconds: Int) -> [TerminalEvent] {
        var terminalReady: Int32 = 0
        var woken: Int32 = 0
        let timeout = Int32(max(0, min(timeoutMilliseconds, 100)))
        _ = inspekt_wait(STDIN_FILENO, waker.readFD, timeout, &terminalReady, &woken)
        if woken != 0 { waker.drain() }
        var events: [TerminalEvent] = []
        let screen = inspekt_stdscr()
        var value: UInt32 = 0
        // Bounded so a flood of input cannot starve the messages waiting behind it.
        for _ in 0..<256 {
            let rc = inspekt_get_wch(screen, &value)
            if rc == inspekt_err() { break }
            if rc == inspekt_key_code_yes() {
                events += escapeReader.flush().map(TerminalEvent.key)
                if Int32(bitPattern: value) == inspekt_key_resize() {
                    lastDrawn = nil
                    events.append(.resize(size))
                } else if let key = KeyDecoder.functionKey(Int32(bitPattern: value)) {
                    events.append(.key(key))
                }
            } else {
                // Sequences terminfo does not know arrive byte by byte: decoded or dropped whole.
                events += escapeReader.feed(value).map(TerminalEvent.key)
            }
        }
        // Readable but nothing to read: either a stray wake-up or the far end closed.
        if terminalReady != 0, events.isEmpty, inspekt_hung_up(STDIN_FILENO) != 0 { isHungUp = true }
        // curses waited its escape delay after a lone ESC; a partial sequence waits for a quiet poll.
        if escapeReader.isLoneEscape || (escapeReader.isPending && terminalReady == 0) {
            events += escapeReader.flush().map(TerminalEvent.key)
        }
        return events
    }

    /// Draws `screen`: only cells that changed since the last frame are handed to ncurses, and
    /// ncurses sends only what differs from what the terminal shows.
    public func draw(_ screen: Screen) {
        guard isOpen, !isHungUp else { return }
        let window = inspekt_stdscr()
        let width = screen.size.width
        let height = min(screen.size.height, Int(inspekt_lines()))
        let drawWidth = min(width, Int(inspekt_cols()))
        if palette.beginFrame() { lastDrawn = nil }
        let previous = lastDrawn.flatMap { $0.size == screen.size ? $0 : nil }
        if previous == nil { werase(window) }
        let cells = screen.cells
        let oldCells = previous?.cells
        for y in 0..<height {
            let row = y * width
            // End of the current run of identical blanks, and whether it is long enough to be
            // worth erasing in one sequence (then bold, invisible on a blank, is dropped from it).
            var blankRunEnd = 0
            var longBlankRun = false
            for x in 0..<drawWidth {
                let cell = cells[row + x]
                if cell.covered { continue }
                if x >= blankRunEnd {
                    blankRunEnd = x + 1
                    longBlankRun = false
                    if cell.text == " " {
                        while blankRunEnd < drawWidth, cells[row + blankRunEnd] == cell { blankRunEnd += 1 }
                        longBlankRun = blankRunEnd - x >= Self.blankRunLength
                    }
                }
                if let oldCells, oldCells[row + x] == cell {
                    // A wide glyph whose right half was overwritten must be written again.
                    guard x + 1 < drawWidth, cells[row + x + 1].covered || oldCells[row + x + 1].covered,
                        oldCells[row + x + 1] != cells[row + x + 1]
                    else { continue }
                }
                put(cell, x: x, y: y, blank: longBlankRun, window: window)
            }
        }
        if let cursor = screen.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < drawWidth, cursor.y < height {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = screen
    }

    /// Clears the terminal and draws everything again on the next `draw` (Ctrl-L).
    public func invalidate() {
        guard isOpen else { return }
        clearok(inspekt_curscr(), true)
        lastDrawn = nil
    }

    /// Gives the terminal back (`endwin`); safe to call more than once.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        // A terminal that went away has nothing to give back; writing to it would only fail.
        guard !isHungUp else { return }
        setCursorVisible(true)
        endwin()
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        // A hidden cursor need not be moved back after each update: fewer bytes on the wire.
        leaveok(inspekt_stdscr(), !visible)
        curs_set(visible ? 1 : 0)
    }

    /// Blanks in a row from which on bold is dropped so that ncurses may erase them in one go.
    private static let blankRunLength = 8

    private func put(_ cell: Cell, x: Int, y: Int, blank: Bool, window: UnsafeMutablePointer<WINDOW>?) {
        let (attributes, pair) = palette.resolve(cell.style, blank: blank)
        var count: Int32 = 0
        scratch.withUnsafeMutableBufferPointer { buffer in
            for scalar in cell.text.unicodeScalars {
                guard count < 5 else { break }
                var value = scalar.value
                // Last line of defence: a control character is never written raw.
                if value < 0x20 || (value >= 0x7F && value <= 0x9F) { value = 0x3F }
                buffer[Int(count)] = wchar_t(bitPattern: value)
                count += 1
            }
            if count == 0 {
                buffer[0] = 0x20
                count = 1
            }
            _ = inspekt_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, count, attributes, pair)
        }
    }
}
