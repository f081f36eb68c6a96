import DownhillCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

@testable import DownhillRender

/// A grid of `lines` (one string per row, all of one length) in ink `ink`.
private func grid(_ lines: [String], ink: Ink = .plain) -> CellGrid {
    var g = CellGrid(width: lines.first?.count ?? 0, height: lines.count)
    for (row, line) in lines.enumerated() { g.put(line, column: 0, row: row, ink: ink) }
    return g
}

/// The xterm style a palette style shows as, for comparing with the emulator.
private func vt(_ style: TextStyle) -> VTStyle {
    VTStyle(foreground: style.foreground, background: style.background, bold: style.bold, dim: style.dim, reverse: style.reverse)
}

@Suite struct AsciicastTests {
    @Test func headerAndEventsAreJSONLinesOfAsciicastV2() throws {
        var cast = Asciicast(width: 80, height: 24, timestamp: 1_700_000_000, env: [("TERM", "xterm-256color")])
        cast.output("\u{1B}[1;1Hhello \"world\" \\ tab\t", at: 0)
        cast.output("second", at: 1.5)
        cast.resize(width: 100, height: 30, at: 2)
        let (header, events) = try parseAsciicast(cast.text)
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80)
        #expect(header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int == 1_700_000_000)
        #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
        #expect(events.map(\.time) == [0, 1.5, 2])
        #expect(events.map(\.code) == ["o", "o", "r"])
        // The text comes back exactly, escapes and quotes included.
        #expect(events[0].text == "\u{1B}[1;1Hhello \"world\" \\ tab\t")
        #expect(events[2].text == "100x30")
    }

    @Test func aCharacterSplitAcrossWritesIsHeldUntilItIsWhole() throws {
        // "▓" is E2 96 93 in UTF-8; "é" is C3 A9.
        var cast = Asciicast(width: 10, height: 2)
        cast.output([0x61, 0xE2, 0x96], at: 0.25)
        cast.output([0x93, 0xC3], at: 0.5)
        cast.output([0xA9], at: 0.75)
        let events = try parseAsciicast(cast.text).events
        #expect(events.map(\.text) == ["a", "▓", "é"])
        #expect(events.map(\.time) == [0.25, 0.5, 0.75])
    }

    @Test func timesHaveSixDecimalsAndNeverGoBack() {
        #expect(Asciicast.seconds(0) == "0.000000")
        #expect(Asciicast.seconds(1.5) == "1.500000")
        #expect(Asciicast.seconds(1 / 30) == "0.033333")
        #expect(Asciicast.seconds(61.0000004) == "61.000000")
        var cast = Asciicast(width: 1, height: 1)
        cast.output("a", at: 2)
        cast.output("b", at: 1)
        #expect(cast.text.hasSuffix("[2.000000, \"o\", \"a\"]\n[2.000000, \"o\", \"b\"]\n"))
    }

    @Test func theEndIsAnEmptyEventOnlyWhenItIsLater() {
        var cast = Asciicast(width: 1, height: 1)
        cast.output("a", at: 1)
        cast.end(at: 1)  // no later than the last event: nothing
        cast.end(at: 5.25)
        cast.end(at: 3)
        #expect(cast.text.hasSuffix("}\n[1.000000, \"o\", \"a\"]\n[5.250000, \"o\", \"\"]\n"))
    }

    @Test func controlCharactersAreEscapedAsJSONRequires() {
        #expect(Asciicast.jsonString("\u{1B}[0m") == "\"\\u001b[0m\"")
        #expect(Asciicast.jsonString("a\u{7F}b") == "\"a\\u007fb\"")
        #expect(Asciicast.jsonString("▓ x²") == "\"▓ x²\"")
    }
}

@Suite struct ScreenPainterTests {
    @Test func theFirstPaintDrawsEveryCellAndLaterOnesOnlyTheChanges() {
        var painter = ScreenPainter(depth: .full)
        let a = grid(["abcdefghijklmnop", "qrstuvwxyz012345", "................"])
        var b = a
        b[3, 0] = Cell("X")
        b[15, 2] = Cell("Y", .statusBad)
        var screen = VTScreen(width: 16, height: 3)
        let first = painter.paint(a)
        screen.feed(first)
        #expect(screen.lines == a.lines())
        let second = painter.paint(b)
        screen.feed(second)
        #expect(screen.lines == b.lines())
        #expect(screen.unknown.isEmpty)
        // Two changed cells: two moves, two glyphs, one style and its reset.
        #expect(second == "\u{1B}[1;4HX\u{1B}[3;16H" + sgrSequence(Palette.style(for: .statusBad, depth: .full), depth: .full) + "Y\u{1B}[0m")
        #expect(painter.paint(b) == "")
    }

    @Test func colouredCellsShowThePalettesStyleAtEveryDepth() {
        let inks: [Ink] = [.plain, .band(0), .band(9), .contour(4), .point, .statusBad, .trail(2), .notice, .racer(3), .gauge(2)]
        var g = CellGrid(width: inks.count, height: 2)
        for (i, ink) in inks.enumerated() {
            g[i, 0] = Cell("▓", ink)
            g[i, 1] = Cell("x", inks[(i + 3) % inks.count])
        }
        for depth in [ColorDepth.full, .eight, .none] {
            var painter = ScreenPainter(depth: depth)
            var screen = VTScreen(width: g.width, height: g.height)
            screen.feed(painter.paint(CellGrid(width: g.width, height: g.height)))
            screen.feed(painter.paint(g))
            #expect(screen.unknown.isEmpty)
            for row in 0..<g.height {
                for column in 0..<g.width {
                    #expect(screen.styles[row][column] == vt(Palette.style(for: g[column, row].ink, depth: depth)), "\(depth) \(column),\(row)")
                }
            }
            #expect(screen.lines == g.lines())
        }
    }

    @Test func anotherSizeIsPaintedWholeAfterAClear() {
        var painter = ScreenPainter(depth: .none)
        _ = painter.paint(grid(["aaaa", "bbbb"]))
        let out = painter.paint(grid(["cc", "dd", "ee"]))
        var screen = VTScreen(width: 2, height: 3)
        screen.feed("zz")
        screen.feed(out)
        #expect(screen.lines == ["cc", "dd", "ee"])
        #expect(out.hasPrefix("\u{1B}[0m\u{1B}[2J"))
    }
}

@Suite struct SVGTests {
    @Test func xtermColoursFollowTheCubeAndTheGreyRamp() {
        // Cube index 16 + 36r + 6g + b, levels 0, 95, 135, 175, 215, 255; greys 8 + 10k.
        #expect(XtermColor.hex(16) == "#000000")
        #expect(XtermColor.hex(196) == "#ff0000")  // 16 + 36·5
        #expect(XtermColor.hex(25) == "#005faf")  // 16 + 6·1 + 3 → (0, 95, 175)
        #expect(XtermColor.hex(231) == "#ffffff")
        #expect(XtermColor.hex(232) == "#080808")
        #expect(XtermColor.hex(244) == "#808080")  // 8 + 10·12 = 128
        #expect(XtermColor.hex(1) == "#cd0000")
    }

    @Test func theLightThemeDrawsOnWhiteWithItsOwnBands() throws {
        var g = CellGrid(width: 2, height: 1)
        g[0, 0] = Cell("▓", .band(0))
        let svg = SVGPicture(theme: .light).render(g)
        // The light theme's background is 231 (white) and its floor band 110 = 16 + 36·2 + 6·3 + 4
        // → (135, 175, 215).
        #expect(svg.contains("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"))
        #expect(svg.contains("fill=\"#87afd7\">▓</text>"))
    }

    @Test func thePictureIsXMLWithTheScreensTextAndColours() throws {
        var g = CellGrid(width: 12, height: 2)
        g.put("a<b & c", column: 0, row: 0, ink: .title)
        g.put("▓▓", column: 8, row: 0, ink: .band(0))
        g.put("!", column: 3, row: 1, ink: .statusBad)
        let svg = SVGPicture().render(g)
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.root == "svg")
        #expect(collector.attributes["svg"]?["width"] == "108")  // 12 cells × 9 px
        #expect(collector.attributes["svg"]?["height"] == "34")  // 2 cells × 17 px
        #expect(collector.texts.contains { $0.text == "a<b & c" && $0.attributes["font-weight"] == "bold" })
        // Band 0 is xterm 25 on the default background; the bad state is white on red 160.
        #expect(collector.texts.contains { $0.text == "▓▓" && $0.attributes["fill"] == "#005faf" && $0.attributes["x"] == "72" })
        // Text without a fill of its own takes the group's: the theme's text colour (231).
        let inherited = collector.attributes["g"]?["fill"]
        #expect(inherited == "#ffffff")
        #expect(collector.texts.contains { $0.text == "!" && ($0.attributes["fill"] ?? inherited) == "#ffffff" && $0.attributes["y"] == "30" })
        #expect(collector.rects.contains { $0["x"] == "27" && $0["y"] == "17" && $0["width"] == "9" && $0["fill"] == "#d70000" })
    }
}

/// Collects an SVG's root, its `<text>` elements (text and attributes) and `<rect>`s.
final class SVGCollector: NSObject, XMLParserDelegate {
    var root: String?
    var attributes: [String: [String: String]] = [:]
    var texts: [(text: String, attributes: [String: String])] = []
    var rects: [[String: String]] = []
    private var open: [String: String]?
    private var buffer = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if self.attributes[name] == nil { self.attributes[name] = attributes }
        if name == "text" {
            open = attributes
            buffer = ""
        }
        if name == "rect" { rects.append(attributes) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if open != nil { buffer += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let open {
            texts.append((buffer, open))
            self.open = nil
        }
    }
}
