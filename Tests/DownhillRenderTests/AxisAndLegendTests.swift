import DownhillCore
import DownhillRender
import Testing
import TestSupport

/// Issue 12: axes a class can read, and the legend.
@Suite struct AxisTests {
    @Test func ticksLieOnA125GridWithoutFloatNoise() {
        // 6 wide in 6 divisions: a step of 1.
        #expect(AxisLayer.ticks(-3...3, divisions: 6).map(\.label) == ["-3", "-2", "-1", "0", "1", "2", "3"])
        // 3 tall in 4 divisions: 0.75, rounded up on the 1-2-5 grid to 1.
        #expect(AxisLayer.ticks(-1.5...1.5, divisions: 4).map(\.label) == ["-1", "0", "1"])
        // 0.3 in 3 divisions: a step of 0.1, and 3 × 0.1 is written 0.3.
        #expect(AxisLayer.ticks(0...0.3, divisions: 3).map(\.label) == ["0", "0.1", "0.2", "0.3"])
        // 0.25 in 5: 0.05 — no trailing zeros (`0.1`, not `0.10`), no `-0`.
        #expect(AxisLayer.ticks(-0.05...0.2, divisions: 5).map(\.label) == ["-0.05", "0", "0.05", "0.1", "0.15", "0.2"])
        // 700 in 4: 175 → 200.
        #expect(AxisLayer.ticks(-300...400, divisions: 4).map(\.label) == ["-200", "0", "200", "400"])
        #expect(AxisLayer.ticks(1...1, divisions: 4).isEmpty)
    }

    @Test func theValleyAt80x24ShowsItsTicksAndNames() {
        let lines = screen("--surface valley", width: 80, height: 24)
        // The plot is rows 1…21 under the title; x ∈ [−3, 3] across 80 columns, a tick every
        // 80/12 ≈ 6.7 columns of 0.075 units → 0.5, but 1 fits the 1-2-5 grid as the step
        // for 6 units / 6.7 = 0.9 → 1.
        let bottom = lines[21]
        #expect(bottom.hasPrefix("-3 "), "\(bottom)")
        for label in [" -2 ", " -1 ", " 0 ", " 1 ", " 2 "] { #expect(bottom.contains(label), "\(bottom)") }
        #expect(bottom.hasSuffix(" x"))
        #expect(lines[1].hasPrefix("y "))
        // y ∈ [−1.5, 1.5] over 21 rows, 21/5 = 4.2 divisions: a step of 1; y = 0 is the middle row.
        #expect(lines[11].hasPrefix("0 ") && lines.contains { $0.hasPrefix("1 ") } && lines.contains { $0.hasPrefix("-1 ") })
    }

    @Test func dataSurfacesNameTheirAxesWAndB() {
        let lines = screen("--surface linear-regression", width: 80, height: 24)
        #expect(lines[21].hasSuffix(" w") && lines[1].hasPrefix("b "))
    }

    @Test func tinyScreensHaveNoAxes() {
        // 30×8: six plot rows (no title), fewer than the axes need.
        let lines = screen("--surface valley", width: 30, height: 8)
        #expect(!lines[5].hasSuffix(" x") && !lines[0].hasPrefix("y "), "\(lines.joined(separator: "\n"))")
    }

    @Test func thePathNeverBreaksALabelAndALabelNeverHidesAMark() {
        // valley at 80×24: y = 0 is row 11, labelled `0` in column 0 with a blank after it
        // (theValleyAt80x24ShowsItsTicksAndNames). A path from the left edge along y = 0.
        let d = descent("--surface valley")
        let path = [Vector2(-2.99, 0.5), Vector2(-2.99, 0)] + stride(from: -2.9, through: 1, by: 0.1).map { Vector2($0, 0) }
        func row11(_ trail: [Vector2], current: Vector2) -> String {
            let scene = Scene(surface: d.surface, raster: Screen.raster(for: d.surface, levels: Levels(surface: d.surface),
                                                                         width: 80, height: 24),
                              trail: trail[...], start: trail[0], current: current,
                              status: StatusInfo(descent: d, playing: false, stepsPerSecond: 20), help: nil, glyphs: .unicode)
            return Screen.render(scene, width: 80, height: 24).lines()[11]
        }
        // The path runs under the label: the label and its padding stay whole, the path
        // goes on after them.
        let under = row11(path, current: Vector2(1, 0))
        #expect(under.hasPrefix("0 •"), "\(under)")
        // The point itself on the label's cell: the mark wins and the label is left out.
        let on = row11(Array(path.prefix(2)), current: Vector2(-2.99, 0))
        #expect(on.hasPrefix("●") && !on.hasPrefix("0"), "\(on)")
    }

    func screen(_ words: String, width: Int, height: Int) -> [String] {
        let d = descent(words)
        let scene = Scene(surface: d.surface, raster: Screen.raster(for: d.surface, levels: Levels(surface: d.surface), width: width,
                                                                     height: height),
                          trail: [d.start][...], start: d.start, current: d.start,
                          status: StatusInfo(descent: d, playing: false, stepsPerSecond: 20), help: nil, glyphs: .unicode)
        return Screen.render(scene, width: width, height: height).lines()
    }
}

@Suite struct LegendTests {
    @Test func theLegendNamesEveryMarkInTheGlyphsOnScreen() {
        let rows = Legend.helpRows(glyphs: .unicode, spacing: .logarithmic)
        // The four edge arrows: a point off the view to the right, above, left, below.
        #expect(rows.map(\.keys) == ["○ ● ★", "• ·", "→↑←↓", "░▒▓"])
        #expect(rows[3].action.contains("log scale"))
        #expect(Legend.helpRows(glyphs: .unicode, spacing: .linear)[3].action.contains("equal steps"))
        #expect(Legend.line(glyphs: .ascii, spacing: .linear) == "o start  @ point  * minimum  + path  ^ off view  ,:=%# loss, linear")
    }
}
