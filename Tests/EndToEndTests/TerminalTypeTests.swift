import Foundation
import Testing

/// The same screen on 256-colour, 8-colour and colourless terminals, with and without
/// Unicode: `play --paused` draws exactly what `downhill frame` prints at that size.
@Suite("play: terminal types", .enabled(if: endToEndEnabled, "tmux is not installed"), .timeLimit(.minutes(1)))
struct TerminalTypeTests {
    /// Colour escapes in `capture-pane -e` output: (any colour, any 256-colour index).
    static func colours(in screen: String) -> (any: Bool, indexed: Bool) {
        // 30–37/40–47 set a colour (39/49 only reset to the default).
        let anyColour = screen.range(of: "\u{1B}\\[([0-9;]*;)?[34][0-7](;[0-9;]*)?m", options: .regularExpression) != nil
            || screen.contains("38;5;") || screen.contains("48;5;")
        return (anyColour, screen.contains("38;5;") || screen.contains("48;5;"))
    }

    @Test("TERM=xterm (8 colours), vt100 (none), xterm-256color, NO_COLOR: a readable valley",
          arguments: [["TERM=xterm"], ["TERM=vt100"], ["TERM=xterm-256color"], ["TERM=xterm-256color", "NO_COLOR=1"]])
    func readable(environment: [String]) async throws {
        let s = try Session(["--paused", "--ascii"], width: 90, height: 28, environment: environment + ["LC_ALL=C.UTF-8"])
        defer { s.close() }
        let expected = try frameLines(["--ascii"], width: 90, height: 28)
        let shown = await s.waitFor(5) { normalized($0) == expected }
        #expect(shown.ok, "\(environment):\n\(shown.screen)\nexpected:\n\(expected.joined(separator: "\n"))")
        #expect(shown.screen.contains("valley") && shown.screen.contains("gd"))

        let coloured = (try? s.tmux(["capture-pane", "-p", "-e"])) ?? ""
        let found = Self.colours(in: coloured)
        switch environment {
        case ["TERM=xterm"]: #expect(!found.indexed, "more than 8 colours on TERM=xterm")
        case ["TERM=vt100"], ["TERM=xterm-256color", "NO_COLOR=1"]: #expect(!found.any, "colours on a colourless screen")
        default: break
        }
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("a UTF-8 locale draws the Unicode screen; --ascii and LANG=C draw the ASCII one")
    func unicode() async throws {
        let unicode = try Session(["--paused"], width: 90, height: 28)
        defer { unicode.close() }
        let ascii = try Session(["--paused", "--ascii"], width: 90, height: 28)
        defer { ascii.close() }
        let plainLocale = try Session(["--paused"], width: 90, height: 28, environment: ["TERM=xterm-256color", "LC_ALL=C"])
        defer { plainLocale.close() }

        let expectedUnicode = try frameLines([], width: 90, height: 28)
        let expectedASCII = try frameLines(["--ascii"], width: 90, height: 28)
        let u = await unicode.waitFor(5) { normalized($0) == expectedUnicode }
        #expect(u.ok, "UTF-8:\n\(u.screen)\nexpected:\n\(expectedUnicode.joined(separator: "\n"))")
        let a = await ascii.waitFor(5) { normalized($0) == expectedASCII }
        #expect(a.ok, "--ascii:\n\(a.screen)")
        let c = await plainLocale.waitFor(5) { normalized($0) == expectedASCII }
        #expect(c.ok, "LC_ALL=C:\n\(c.screen)")
        #expect(a.screen.unicodeScalars.allSatisfy(\.isASCII) && c.screen.unicodeScalars.allSatisfy(\.isASCII))
    }
}
