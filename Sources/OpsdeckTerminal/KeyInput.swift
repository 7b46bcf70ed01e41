import CNcursesw
import OpsdeckUI

/// What one `wget_wch` result means to the dashboard.
enum TerminalInput: Equatable {
    case key(Key)
    /// ncurses noticed a new window size (KEY_RESIZE).
    case resized
    /// Text the terminal marked as pasted (see `BracketedPaste`), as it came.
    case paste(String)
    /// A code the dashboard has no use for (mouse, unknown function keys, stray controls).
    case ignored
}

enum KeyInput {
    /// `wget_wch` returned `KEY_CODE_YES`: `code` is a function-key code.
    static func functionKey(_ code: Int32) -> TerminalInput {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_RESIZE: return .resized
        case opsdeck_key_f(1)...opsdeck_key_f(24): return .key(.function(Int(code - opsdeck_key_f(0))))
        default: return .ignored
        }
    }

    /// `wget_wch` returned `OK`: `value` is a character (in `nonl` mode Enter arrives as CR).
    static func character(_ value: UInt32) -> TerminalInput {
        switch value {
        case 13, 10: return .key(.enter)
        case 9: return .key(.tab)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        case 0..<32, 0x80..<0xA0: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }
}
