// What arrives from the terminal, beyond single keys: mouse reports, pasted text, the
// terminal's answers, and escape sequences nobody asked for. Pure: no curses call and no
// clock, so every case is tested without a terminal (`InputDecoderTests`).
import CNcursesw
import DownhillApp

/// One thing read from curses: a character (`get_wch` returned `OK`), a function-key code
/// (`KEY_CODE_YES`), a raw byte (`getch` with keypad off, for the X10 mouse report's
/// coordinates), or nothing within the wait that ``InputDecoder/nextRead`` asked for.
public enum InputToken: Equatable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
    case byte(UInt8)
    case timeout
}

/// What the decoder made of the tokens so far.
public enum DecodedInput: Equatable, Sendable {
    /// A key for the app.
    case key(Key)
    /// A button-1 press at a cell, 0-based (column, row), from either mouse report.
    case click(column: Int, row: Int)
    /// The mouse moved to a cell, 0-based (column, row), with button 1 held (a drag: motion
    /// reports of mode 1002), from either report.
    case drag(column: Int, row: Int)
    /// The mouse wheel turned up (button 4, zoom in) or down (button 5), from either report.
    case wheel(up: Bool)
    /// Text that arrived between the bracketed-paste markers (at most ``InputDecoder/pasteLimit`` characters).
    case paste(String)
    /// The terminal's answer to a status request (DSR 5 → `ESC [ 0 n`; a cursor-position
    /// report `ESC [ row ; col R` is taken as one too): everything written before the
    /// request has reached the screen.
    case statusReport
}

/// Turns the tokens curses delivers into keys, clicks, pastes and status reports.
///
/// curses itself matches the sequences of the terminfo entry (arrows, function keys) and
/// times them with `ESCDELAY`. What it does not know reaches here as `ESC` followed at once
/// by the sequence's other characters, and is parsed as an ECMA-48 control sequence: the
/// parameter bytes `0`–`?`, intermediates ` `–`/`, and a final byte `@`–`~`, each awaited
/// for at most the escape delay. Of those:
///
/// - `CSI < b ; x ; y M` (SGR mouse, mode 1006; `m` is a release) and `CSI M b x y` (X10
///   mouse, three raw bytes) become ``DecodedInput/click(column:row:)`` for a button-1 press
///   and ``DecodedInput/drag(column:row:)`` for a move with button 1 held;
/// - `CSI 200 ~` … `CSI 201 ~` (bracketed paste) collect the text between them into one
///   ``DecodedInput/paste(_:)``: nothing pasted ever runs as a command;
/// - `CSI 0 n` and `CSI row ; col R` are ``DecodedInput/statusReport``;
/// - any other sequence (a key the terminfo entry lacks, focus reports) is dropped whole, so
///   its characters never run as commands.
///
/// `ESC` with nothing after it within that wait is the Esc key; `ESC [` or `ESC O` with
/// nothing after them are Esc and the character (typed, not sent by the terminal).
public struct InputDecoder: Sendable {
    /// The longest paste kept, in characters; the rest of a longer paste is dropped.
    public static let pasteLimit = 4096

    /// How the next token should be read.
    public enum Read: Equatable, Sendable {
        /// Nothing is pending: read as the caller likes (its own timeout).
        case normal
        /// In the middle of a sequence: a character, waiting at most this many milliseconds.
        case character(milliseconds: Int)
        /// The X10 mouse report's coordinates: a raw byte (keypad off), waiting at most this long.
        case byte(milliseconds: Int)
    }

    private enum State: Equatable, Sendable {
        case ground
        /// `ESC` arrived; is a sequence following at once?
        case escape
        /// `ESC [` (or `ESC O`, `introducer` "O") and the bytes so far.
        case sequence(introducer: Character, bytes: [UInt8])
        /// `CSI M` and the raw bytes so far.
        case x10(bytes: [UInt8])
    }

    /// The escape delay in milliseconds: how long to wait for each further byte of a sequence.
    public let escapeDelay: Int
    private var state = State.ground
    /// Inside a bracketed paste: the text so far (nil outside one).
    private var pasted: [Character]?
    private var pastedCount = 0

    public init(escapeDelay: Int) {
        self.escapeDelay = max(0, escapeDelay)
    }

    /// True while a bracketed paste is open.
    public var isInPaste: Bool { pasted != nil }

    /// How to read the next token.
    public var nextRead: Read {
        switch state {
        case .ground: return .normal
        // curses returns a lone ESC only after its own wait, or with the rest of an unknown
        // sequence already read: nothing more is worth waiting for.
        case .escape: return .character(milliseconds: 0)
        case .sequence: return .character(milliseconds: escapeDelay)
        case .x10: return .byte(milliseconds: escapeDelay)
        }
    }

    /// Feeds one token; returns what it completes (often nothing, sometimes two keys).
    public mutating func feed(_ token: InputToken) -> [DecodedInput] {
        switch state {
        case .ground:
            return ground(token)
        case .escape:
            state = .ground
            switch token {
            case .character(91):  // [
                state = .sequence(introducer: "[", bytes: [])
                return []
            case .character(79):  // O: SS3, one final byte
                state = .sequence(introducer: "O", bytes: [])
                return []
            case .timeout:
                return deliver(.key(.escape))
            default:
                return deliver(.key(.escape)) + ground(token)
            }
        case .sequence(let introducer, var bytes):
            guard case .character(let code) = token else {
                state = .ground
                // Only the introducer arrived: a person typed Esc, then [ or O.
                if token == .timeout && bytes.isEmpty {
                    return deliver(.key(.escape)) + ground(.character(introducer == "[" ? 91 : 79))
                }
                return token == .timeout ? [] : ground(token)  // a broken sequence is dropped
            }
            switch code {
            case 0x20...0x3F:
                bytes.append(UInt8(code))
                state = bytes.count > 64 ? .ground : .sequence(introducer: introducer, bytes: bytes)
                return []
            case 0x40...0x7E:
                state = .ground
                return introducer == "[" ? controlSequence(parameters: bytes, final: UInt8(code)) : []
            default:
                state = .ground
                return ground(token)
            }
        case .x10(var bytes):
            let byte: UInt8
            switch token {
            case .byte(let b): byte = b
            case .character(let c) where c < 256: byte = UInt8(c)
            default:
                state = .ground
                return token == .timeout ? [] : ground(token)
            }
            bytes.append(byte)
            guard bytes.count == 3 else {
                state = .x10(bytes: bytes)
                return []
            }
            state = .ground
            // Button byte 32 + b, coordinates 33 + 0-based cell; b & 3 == 3 is a release.
            let b = Int(bytes[0]) - 32, x = Int(bytes[1]) - 33, y = Int(bytes[2]) - 33
            if let up = Self.wheel(button: b) { return deliver(.wheel(up: up)) }
            guard x >= 0, y >= 0 else { return [] }
            if Self.isDrag(button: b) { return deliver(.drag(column: x, row: y)) }
            return Self.isPress(button: b) ? deliver(.click(column: x, row: y)) : []
        }
    }

    /// A token with nothing pending.
    private mutating func ground(_ token: InputToken) -> [DecodedInput] {
        switch token {
        case .character(27):
            state = .escape
            return []
        case .character(let code):
            if pasted != nil {
                append(code == 13 ? "\n" : Unicode.Scalar(code).map(Character.init))
                return []
            }
            return KeyDecoder.key(code: code, isKeyCode: false).map { [.key($0)] } ?? []
        case .keyCode(let code):
            if pasted != nil { return [] }
            return KeyDecoder.key(code: UInt32(bitPattern: code), isKeyCode: true).map { [.key($0)] } ?? []
        case .byte, .timeout:
            return []
        }
    }

    /// A complete `CSI parameters final` sequence.
    private mutating func controlSequence(parameters: [UInt8], final: UInt8) -> [DecodedInput] {
        let text = String(decoding: parameters, as: UTF8.self)
        switch (Character(Unicode.Scalar(final)), text) {
        case ("M", ""):
            state = .x10(bytes: [])
            return []
        case ("M", _) where text.hasPrefix("<"), ("m", _) where text.hasPrefix("<"):
            let numbers = text.dropFirst().split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
            if numbers.count == 3, let b = numbers[0], final == UInt8(ascii: "M"), let up = Self.wheel(button: b) {
                return deliver(.wheel(up: up))
            }
            guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2],
                  final == UInt8(ascii: "M"), x >= 1, y >= 1 else { return [] }
            if Self.isDrag(button: b) { return deliver(.drag(column: x - 1, row: y - 1)) }
            return Self.isPress(button: b) ? deliver(.click(column: x - 1, row: y - 1)) : []
        case ("~", "200"):
            if pasted == nil {
                pasted = []
                pastedCount = 0
            }
            return []
        case ("~", "201"):
            guard let text = pasted else { return [] }
            pasted = nil
            return [.paste(String(text))]
        case ("n", "0"):
            return [.statusReport]
        case ("R", _) where text.split(separator: ";").count == 2 && text.allSatisfy({ $0.isNumber || $0 == ";" }):
            return [.statusReport]
        default:
            return []  // a sequence the app has no use for
        }
    }

    /// The wheel in a button code: 64 up, 65 down (modifier bits 4, 8, 16 allowed; not motion).
    static func wheel(button b: Int) -> Bool? {
        guard b >= 0, b & 64 != 0, b & 32 == 0, b & 3 < 2 else { return nil }
        return b & 3 == 0
    }

    /// A button-1 press, not a release, motion or wheel (modifier bits 4, 8, 16 allowed).
    static func isPress(button b: Int) -> Bool {
        b >= 0 && b & 3 == 0 && b & (32 | 64 | 128) == 0
    }

    /// A move with button 1 held: the motion bit 32 with button 0 (modifier bits 4, 8, 16
    /// allowed; not the wheel).
    static func isDrag(button b: Int) -> Bool {
        b >= 0 && b & 3 == 0 && b & 32 != 0 && b & (64 | 128) == 0
    }

    /// `input` unless a paste is open: keys and clicks inside a paste are part of it.
    private mutating func deliver(_ input: DecodedInput) -> [DecodedInput] {
        guard pasted != nil else { return [input] }
        if case .key(.escape) = input { append("\u{1B}") }
        return []
    }

    private mutating func append(_ c: Character?) {
        guard let c, pasted != nil, pastedCount < Self.pasteLimit else { return }
        pasted?.append(c)
        pastedCount += 1
    }
}
