// Curses key codes → the app's keys. Pure: no curses call and no terminal, so the tests
// can cover every branch without a screen.
import CNcursesw
import DownhillApp

/// Turns what `get_wch` returned into the app's ``Key``.
public enum KeyDecoder {
    /// The app's key for a code from `get_wch`: a function-key code (`isKeyCode`, the
    /// result was `KEY_CODE_YES`) or a character. A function key the app has no key for
    /// (F1, Home, Page Up…) is `.other`; nil for character codes that are no key (NUL,
    /// the C0 controls 28–31, the C1 controls 128–159, values that are not Unicode scalars).
    ///
    /// Tab (9) → `.tab`, Enter (10, 13, `KEY_ENTER`) → `.enter`, 27 → `.escape`,
    /// 8/127/`KEY_BACKSPACE` → `.backspace`, other C0 controls → `.control(letter)`
    /// (3 → `.control("c")`), printable characters → `.char`.
    public static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        if isKeyCode {
            switch Int32(bitPattern: code) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            default: return .other
            }
        }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 0..<32, 128..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
