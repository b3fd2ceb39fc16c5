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
}
