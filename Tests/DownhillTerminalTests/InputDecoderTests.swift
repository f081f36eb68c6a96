import CNcursesw
import DownhillApp
import DownhillTerminal
import Testing

/// `InputDecoder`: mouse reports, bracketed paste, status answers and unknown sequences,
/// fed token by token as curses would deliver them, with no terminal.
@Suite struct InputDecoderTests {
    /// The tokens of `text`, one character each (as `get_wch` returns them).
    static func characters(_ text: String) -> [InputToken] { text.unicodeScalars.map { .character($0.value) } }

    /// Everything the decoder makes of `tokens`, fed in order; a token the decoder is not
    /// waiting for after a sequence's end is fed as it comes.
    static func decode(_ tokens: [InputToken], escapeDelay: Int = 100) -> [DecodedInput] {
        var d = InputDecoder(escapeDelay: escapeDelay)
        return tokens.flatMap { d.feed($0) }
    }

    static func decode(_ text: String) -> [DecodedInput] { decode(characters(text)) }

    @Test func plainKeysPassThrough() {
        #expect(Self.decode("q?") == [.key(.char("q")), .key(.char("?"))])
        #expect(Self.decode([.keyCode(KEY_UP), .character(9)]) == [.key(.up), .key(.tab)])
    }

    @Test func aLoneEscapeIsTheEscKeyOnceNothingFollows() {
        var d = InputDecoder(escapeDelay: 100)
        #expect(d.feed(.character(27)) == [])
        // curses has already waited its escape delay: nothing more is awaited.
        #expect(d.nextRead == .character(milliseconds: 0))
        #expect(d.feed(.timeout) == [.key(.escape)])
        #expect(d.nextRead == .normal)
        // Esc then a key (or Alt-key): Esc, then the key.
        #expect(Self.decode("\u{1B}q") == [.key(.escape), .key(.char("q"))])
        #expect(Self.decode([.character(27), .keyCode(KEY_UP)]) == [.key(.escape), .key(.up)])
        #expect(Self.decode("\u{1B}\u{1B}") == [.key(.escape)])  // the second is still pending
    }

    @Test func escapeThenABracketTypedByHandIsBothKeys() {
        // ESC [ and nothing more within the escape delay: a person typed them.
        var d = InputDecoder(escapeDelay: 100)
        #expect(d.feed(.character(27)) == [] && d.feed(.character(91)) == [])
        #expect(d.nextRead == .character(milliseconds: 100))
        #expect(d.feed(.timeout) == [.key(.escape), .key(.char("["))])
        #expect(Self.decode(Self.characters("\u{1B}O") + [.timeout]) == [.key(.escape), .key(.char("O"))])
    }

    @Test func sgrMouseReportsAreClicksAtTheirCellBeyondColumn223() {
        // Column 240, row 12, 1-based in the report: cell (239, 11).
        #expect(Self.decode("\u{1B}[<0;240;12M") == [.click(column: 239, row: 11)])
        #expect(Self.decode("\u{1B}[<0;1;1M") == [.click(column: 0, row: 0)])
        #expect(Self.decode("\u{1B}[<0;5000;900M") == [.click(column: 4999, row: 899)])
        // Modifiers (shift 4, meta 8, control 16) still click.
        #expect(Self.decode("\u{1B}[<16;3;4M") == [.click(column: 2, row: 3)])
    }

    @Test func releasesWheelsMotionAndOtherButtonsAreNotClicks() {
        #expect(Self.decode("\u{1B}[<0;240;12m").isEmpty)  // release
        #expect(Self.decode("\u{1B}[<1;2;3M").isEmpty)  // middle button
        #expect(Self.decode("\u{1B}[<2;2;3M").isEmpty)  // right button
        #expect(Self.decode("\u{1B}[<64;2;3M") == [.wheel(up: true)])  // wheel up: no click, a zoom
        #expect(Self.decode("\u{1B}[<32;2;3M") == [.drag(column: 1, row: 2)])  // a drag: no click
        #expect(Self.decode("\u{1B}[<35;2;3M").isEmpty)  // a move with no button held (mode 1003)
        #expect(Self.decode("\u{1B}[<0;0;3M").isEmpty)  // no column 0 in a report
        #expect(Self.decode("\u{1B}[<0;2M").isEmpty)  // too few numbers
    }

    @Test func movesWithButtonOneHeldAreDrags() {
        // Mode 1002: a press, moves with the motion bit 32, then a release.
        let report = "\u{1B}[<0;10;5M\u{1B}[<32;12;5M\u{1B}[<32;12;7M\u{1B}[<0;12;7m"
        #expect(Self.decode(report) == [.click(column: 9, row: 4), .drag(column: 11, row: 4), .drag(column: 11, row: 6)])
        // With control held (16) it is still a drag; the middle (33) and right (34) buttons are not.
        #expect(Self.decode("\u{1B}[<48;3;4M") == [.drag(column: 2, row: 3)])
        #expect(Self.decode("\u{1B}[<33;3;4M\u{1B}[<34;3;4M").isEmpty)
        // X10: button byte 32 + 32, column 33 + 20, row 33 + 8.
        var d = InputDecoder(escapeDelay: 100)
        for t in Self.characters("\u{1B}[M") { _ = d.feed(t) }
        #expect(d.feed(.byte(64)) == [] && d.feed(.byte(33 + 20)) == [])
        #expect(d.feed(.byte(33 + 8)) == [.drag(column: 20, row: 8)])
    }

    @Test func x10MouseReportsAreTheFallback() {
        // CSI M, then 32 + button, 33 + column, 33 + row as raw bytes.
        var d = InputDecoder(escapeDelay: 100)
        for t in Self.characters("\u{1B}[M") { #expect(d.feed(t) == []) }
        #expect(d.nextRead == .byte(milliseconds: 100))
        #expect(d.feed(.byte(32)) == [] && d.feed(.byte(33 + 59)) == [])
        #expect(d.feed(.byte(33 + 11)) == [.click(column: 59, row: 11)])
        #expect(d.nextRead == .normal)
        // The largest an X10 report can say: byte 255, column 222.
        #expect(Self.decode(Self.characters("\u{1B}[M") + [.byte(32), .byte(255), .byte(40)]) == [.click(column: 222, row: 7)])
        // A release (button bits 3).
        #expect(Self.decode(Self.characters("\u{1B}[M") + [.byte(35), .byte(40), .byte(40)]).isEmpty)
        // Cut short: nothing, and the next key is a key.
        #expect(Self.decode(Self.characters("\u{1B}[M") + [.byte(32), .timeout] + Self.characters("q")) == [.key(.char("q"))])
    }

    @Test func pastedTextIsOneMessageNeverKeys() {
        let text = "see https://example.org/quiz"
        #expect(Self.decode("\u{1B}[200~" + text + "\u{1B}[201~") == [.paste(text)])
        // Line breaks, and keys after the paste are keys again.
        #expect(Self.decode("\u{1B}[200~a\rb\nc\u{1B}[201~q") == [.paste("a\nb\nc"), .key(.char("q"))])
        // Function keys and clicks inside a paste are dropped; Esc is kept as text.
        let tokens = Self.characters("\u{1B}[200~x") + [.keyCode(KEY_UP)] + Self.characters("\u{1B}[<0;2;2M\u{1B}")
            + [.timeout] + Self.characters("y\u{1B}[201~")
        #expect(Self.decode(tokens) == [.paste("x\u{1B}y")])
    }

    @Test func aLongPasteKeepsItsFirstCharactersOnly() {
        let long = String(repeating: "q", count: InputDecoder.pasteLimit + 100)
        #expect(Self.decode("\u{1B}[200~" + long + "\u{1B}[201~") == [.paste(String(long.prefix(InputDecoder.pasteLimit)))])
    }

    @Test func statusAnswersAreRecognisedEvenInsideAPaste() {
        #expect(Self.decode("\u{1B}[0n") == [.statusReport])
        #expect(Self.decode("\u{1B}[24;80R") == [.statusReport])
        #expect(Self.decode("\u{1B}[200~ab\u{1B}[0ncd\u{1B}[201~") == [.statusReport, .paste("abcd")])
        // Another device-status answer is no report of ours.
        #expect(Self.decode("\u{1B}[3n").isEmpty)
    }

    @Test func unknownSequencesNeverRunAsCommands() {
        // Ctrl-Up without a terminfo entry, focus in/out, F13, an SS3 keypad key, a
        // private-mode report: each dropped whole, and the key after it works.
        for seq in ["\u{1B}[1;5A", "\u{1B}[I", "\u{1B}[O", "\u{1B}[25~", "\u{1B}Op", "\u{1B}[?1;2c", "\u{1B}O2P"] {
            #expect(Self.decode(seq + "n") == [.key(.char("n"))], "\(seq.debugDescription)")
        }
        // A sequence cut short by a pause is dropped, not typed.
        #expect(Self.decode(Self.characters("\u{1B}[1;5") + [.timeout] + Self.characters("q")) == [.key(.char("q"))])
        // A runaway one ends after 64 parameter bytes.
        #expect(Self.decode("\u{1B}[" + String(repeating: "1", count: 100) + "q").allSatisfy { $0 == .key(.char("1")) || $0 == .key(.char("q")) })
    }
}

/// The wheel zooms: button 64 (up) and 65 (down) in SGR and X10 reports.
@Suite struct WheelDecodingTests {
    func decode(_ text: String) -> [DecodedInput] {
        var decoder = InputDecoder(escapeDelay: 100)
        return text.unicodeScalars.flatMap { decoder.feed(.character($0.value)) }
    }

    @Test func sgrAndX10WheelReports() {
        #expect(decode("\u{1B}[<64;10;5M") == [.wheel(up: true)])
        #expect(decode("\u{1B}[<65;10;5M") == [.wheel(up: false)])
        #expect(decode("\u{1B}[<68;10;5M") == [.wheel(up: true)])  // with Shift
        // X10: ESC [ M, then 32 + button, 33 + column, 33 + row.
        #expect(decode("\u{1B}[M" + String(UnicodeScalar(32 + 64)!) + "!!") == [.wheel(up: true)])
        // A button-1 press is still a click, and motion is nothing.
        #expect(decode("\u{1B}[<0;10;5M") == [.click(column: 9, row: 4)])
        #expect(decode("\u{1B}[<96;10;5M").isEmpty)
    }
}
