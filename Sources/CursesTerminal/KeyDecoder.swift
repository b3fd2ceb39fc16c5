import CNCurses
import TerminalUI

/// Turns what `wget_wch` returns into a `Key`; kept apart from curses I/O so it can be tested.
public enum KeyDecoder {
    /// Decodes a plain character (`wget_wch` returned OK).
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return nil
        case 0x01...0x1A:
            // Ctrl-A … Ctrl-Z arrive as 1…26 (Tab, Enter, Backspace handled above).
            guard let scalar = Unicode.Scalar(value + 0x60) else { return nil }
            return .control(Character(scalar))
        case 0x1C...0x1F, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Decodes a function-key code (`wget_wch` returned KEY_CODE_YES).
    public static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case inspekt_key_up(): return .up
        case inspekt_key_down(): return .down
        case inspekt_key_left(): return .left
        case inspekt_key_right(): return .right
        case inspekt_key_home(), inspekt_key_a1(): return .home
        case inspekt_key_end(), inspekt_key_c1(): return .end
        case inspekt_key_ppage(), inspekt_key_a3(): return .pageUp
        case inspekt_key_npage(), inspekt_key_c3(): return .pageDown
        case inspekt_key_btab(): return .backTab
        case inspekt_key_backspace(): return .backspace
        case inspekt_key_dc(): return .delete
        case inspekt_key_enter(): return .enter
        case (inspekt_key_f0() + 1)...(inspekt_key_f0() + 24):
            return .function(Int(code - inspekt_key_f0()))
        default: return nil
        }
    }

    /// Decodes a whole escape sequence, `ESC` included, that terminfo did not know (ncurses hands
    /// those over byte by byte): xterm, PuTTY, rxvt, the Linux console, screen and tmux forms.
    /// Returns nil for a sequence no terminal we know sends, which is then dropped whole.
    public static func sequence(_ text: String) -> Key? {
        var scalars = Array(text.unicodeScalars)
        guard scalars.first == "\u{1B}", scalars.count >= 3 else { return nil }
        scalars.removeFirst()
        let introducer = scalars.removeFirst()
        guard let final = scalars.popLast() else { return nil }
        let body = String(String.UnicodeScalarView(scalars))
        switch introducer {
        case "O":
            // SS3: xterm's F1–F4 and cursor keys, PuTTY's VT100+ F1–F12, the keypad in application mode.
            return body.isEmpty || body.allSatisfy({ $0.isNumber }) ? ss3Final(final) : nil
        case "[":
            if body == "[" { return linuxConsoleFunction(final) }
            return csi(parameters: body, final: final)
        default:
            return nil
        }
    }

    /// `ESC O x` (with an optional xterm modifier number before x).
    static func ss3Final(_ final: Unicode.Scalar) -> Key? {
        switch final {
        case "A", "a": return .up
        case "B", "b": return .down
        case "C", "c": return .right
        case "D", "d": return .left
        case "H": return .home
        case "F": return .end
        case "M": return .enter
        case "P"..."Z": return .function(Int(final.value - ("P" as Unicode.Scalar).value) + 1)
        case "[": return .function(12)
        case "j"..."y":
            // Numeric keypad in application mode: * + , - . / then 0–9.
            let keypad = Array("*+,-./0123456789")
            return .character(keypad[Int(final.value - ("j" as Unicode.Scalar).value)])
        default: return nil
        }
    }

    /// The Linux console's `ESC [ [ A` … `ESC [ [ E` for F1–F5.
    static func linuxConsoleFunction(_ final: Unicode.Scalar) -> Key? {
        guard ("A"..."E").contains(final) else { return nil }
        return .function(Int(final.value - ("A" as Unicode.Scalar).value) + 1)
    }

    /// `ESC [ parameters final`; a modifier (`;5`) or rxvt's `^ $ @` ending is ignored: Ctrl-F2 is F2.
    static func csi(parameters: String, final: Unicode.Scalar) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.allSatisfy({ $0.allSatisfy(\.isNumber) }), fields.count <= 2 else { return nil }
        let first = fields.first.flatMap { Int($0) }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P", "Q", "R", "S":
            // xterm with a modifier: ESC [ 1 ; 2 P.
            return .function(Int(final.value - ("P" as Unicode.Scalar).value) + 1)
        case "~", "^", "$", "@":
            guard let first else { return nil }
            return tildeKey(first)
        default:
            return nil
        }
    }

    /// The VT220 numbers of `ESC [ n ~`, shared by xterm, PuTTY, rxvt, screen, tmux and the Linux console.
    static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home
        case 4, 8: return .end
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23, 24: return .function(number - 12)
        default: return nil
        }
    }
}

/// Gathers the characters that follow an `ESC` into one sequence, and decides when it is complete.
///
/// A lone `ESC` is the Esc key; an `ESC` followed by `[` or `O` starts a sequence that is decoded
/// whole or dropped whole, so an unknown key never types into a field nor acts as Esc.
public struct EscapeSequenceReader: Sendable {
    private var pending: String?

    public init() {}

    /// Whether an `ESC` or an unfinished sequence waits for more characters.
    public var isPending: Bool { pending != nil }

    /// Feeds one decoded character value; returns the keys it completes (none while a sequence grows).
    public mutating func feed(_ value: UInt32) -> [Key] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        guard var sequence = pending else {
            if value == 0x1B {
                pending = "\u{1B}"
                return []
            }
            return KeyDecoder.character(value).map { [$0] } ?? []
        }
        if sequence == "\u{1B}" {
            switch scalar {
            case "[", "O":
                pending = sequence + String(scalar)
                return []
            case "\u{1B}":
                // Esc pressed twice: the first one stands alone.
                return [.escape]
            default:
                // Alt plus a key: not bound anywhere, and neither Esc nor the letter.
                pending = nil
                return []
            }
        }
        sequence.unicodeScalars.append(scalar)
        let introducer = Array(sequence.unicodeScalars)[1]
        let isFinal: Bool
        if introducer == "O" {
            // SS3 takes optional digits, then one final character.
            isFinal = !(("0"..."9").contains(scalar))
        } else if sequence == "\u{1B}[[" {
            isFinal = false
        } else if sequence.hasPrefix("\u{1B}[[") {
            isFinal = true
        } else {
            // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, then a final 0x40–0x7E.
            // rxvt ends shifted keys in `$`, an intermediate byte by the standard.
            isFinal = scalar == "$" || !(0x20...0x3F).contains(scalar.value)
        }
        if sequence.unicodeScalars.count > 16 {
            pending = nil
            return []
        }
        guard isFinal else {
            pending = sequence
            return []
        }
        pending = nil
        return KeyDecoder.sequence(sequence).map { [$0] } ?? []
    }

    /// Whether only an `ESC` waits: curses already waited its escape delay, so it is the Esc key.
    public var isLoneEscape: Bool { pending == "\u{1B}" }

    /// Called when no more characters came in time: a lone `ESC` is the Esc key, a partial sequence is dropped.
    public mutating func flush() -> [Key] {
        defer { pending = nil }
        return isLoneEscape ? [.escape] : []
    }
}
