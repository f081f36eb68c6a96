import CNcursesw
import DownhillApp
import DownhillTerminal
import Testing

/// `KeyDecoder`: every branch from a `get_wch` code to the app's `Key`, without a terminal.
///
/// Key codes are checked against the values in `<ncurses.h>` as well as the imported
/// constants, so a constant that stopped importing (or changed) shows up here.
@Suite struct KeyDecoderTests {
    static func char(_ code: UInt32) -> Key? { KeyDecoder.key(code: code, isKeyCode: false) }
    static func keyCode(_ code: Int32) -> Key? { KeyDecoder.key(code: UInt32(bitPattern: code), isKeyCode: true) }

    @Test func cursesConstantsAreTheOnesInNcursesH() {
        #expect(KEY_CODE_YES == 0o400)
        #expect(KEY_DOWN == 0o402 && KEY_UP == 0o403 && KEY_LEFT == 0o404 && KEY_RIGHT == 0o405)
        #expect(KEY_HOME == 0o406 && KEY_BACKSPACE == 0o407 && KEY_F0 == 0o410)
        #expect(KEY_ENTER == 0o527 && KEY_BTAB == 0o541)
    }

    @Test func printableASCIIIsItsCharacter() {
        for code in UInt32(33)...126 {
            let expected = Character(Unicode.Scalar(code)!)
            #expect(Self.char(code) == .char(expected), "code \(code)")
        }
        #expect(Self.char(UInt32(("q" as Unicode.Scalar).value)) == .char("q"))
        #expect(Self.char(UInt32(("?" as Unicode.Scalar).value)) == .char("?"))
    }

    @Test func spaceIsACharacter() {
        #expect(Self.char(32) == .char(" "))
    }

    @Test func nonASCIICharactersAreThemselves() {
        #expect(Self.char(0xE9) == .char("é"))
        #expect(Self.char(0x2605) == .char("★"))
        #expect(Self.char(0x1F600) == .char("😀"))  // beyond the BMP
        #expect(Self.char(0xA0) == .char("\u{A0}"))  // the first code after the C1 controls
    }

    @Test func tabEnterEscapeBackspace() {
        #expect(Self.char(9) == .tab)
        #expect(Self.char(10) == .enter)
        #expect(Self.char(13) == .enter)
        #expect(Self.keyCode(KEY_ENTER) == .enter)
        #expect(Self.keyCode(0o527) == .enter)
        #expect(Self.char(27) == .escape)
        #expect(Self.char(8) == .backspace)
        #expect(Self.char(127) == .backspace)
        #expect(Self.keyCode(KEY_BACKSPACE) == .backspace)
        #expect(Self.keyCode(0o407) == .backspace)
    }

    @Test func controlLettersAreLowerCase() {
        // Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M send the same bytes as Backspace, Tab and Enter.
        let named: [Character: Key] = ["h": .backspace, "i": .tab, "j": .enter, "m": .enter]
        for (offset, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() {
            let code = UInt32(offset + 1)
            #expect(Self.char(code) == (named[letter] ?? .control(letter)), "Ctrl-\(letter.uppercased()) (\(code))")
        }
        #expect(Self.char(3) == .control("c"))
        #expect(Self.char(1) == .control("a"))
        #expect(Self.char(26) == .control("z"))
    }

    @Test func arrowsAndBackTab() {
        #expect(Self.keyCode(KEY_UP) == .up)
        #expect(Self.keyCode(KEY_DOWN) == .down)
        #expect(Self.keyCode(KEY_LEFT) == .left)
        #expect(Self.keyCode(KEY_RIGHT) == .right)
        #expect(Self.keyCode(KEY_BTAB) == .backTab)
        #expect(Self.keyCode(0o403) == .up && Self.keyCode(0o402) == .down)
        #expect(Self.keyCode(0o404) == .left && Self.keyCode(0o405) == .right)
        #expect(Self.keyCode(0o541) == .backTab)
    }

    @Test func unboundFunctionKeysAreOther() {
        // F1…F12, Home, End, Page Up/Down, Insert, Delete: no binding, but a key (it closes the help).
        for n in Int32(1)...12 { #expect(Self.keyCode(KEY_F0 + n) == .other, "F\(n)") }
        for code in [KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_IC, KEY_DC] {
            #expect(Self.keyCode(code) == .other, "key code \(code)")
        }
        // The terminal handles these before decoding; the decoder alone calls them `.other`.
        #expect(Self.keyCode(KEY_RESIZE) == .other && Self.keyCode(KEY_MOUSE) == .other)
        // The flag decides: a key code that happens to equal a character's code is not that character.
        #expect(Self.keyCode(27) == .other && Self.keyCode(Int32(("q" as Unicode.Scalar).value)) == .other)
        #expect(Self.keyCode(0) == .other && Self.keyCode(-1) == .other)
    }

    @Test func controlCodesWithoutAKeyAreNil() {
        #expect(Self.char(0) == nil)  // NUL (Ctrl-@, Ctrl-Space)
        for code in UInt32(28)...31 { #expect(Self.char(code) == nil, "C0 \(code)") }
        for code in UInt32(128)...159 { #expect(Self.char(code) == nil, "C1 \(code)") }
    }

    @Test func invalidScalarValuesAreNil() {
        for code: UInt32 in [0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x11_0000, 0xFFFF_FFFF] {
            #expect(Self.char(code) == nil, "code \(code)")
        }
        #expect(Self.char(0x10_FFFF) == .char(Character(Unicode.Scalar(0x10_FFFF)!)))  // the last valid scalar
    }
}
