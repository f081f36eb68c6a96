import DownhillCore
@testable import DownhillApp
import DownhillRender
import DownhillSetup
import Foundation
import TestSupport
import Testing

/// The new-user trial of 2026-11-30: a reproduce line without float noise after arrows and
/// zoom, `p` after zoom drawing the same screen, and `:lr` and `+` agreeing on η's range.
@Suite struct NewUserTrialTests {
    /// The numbers of `text` (runs of digits, `.` and `e`), for the float-noise check.
    func numbers(_ text: String) -> [String] {
        text.split { !($0.isNumber || $0 == "." || $0 == "e") }.map(String.init).filter { $0.contains { $0.isNumber } }
    }

    /// The model of a printed reproduce line, split as `/bin/sh` splits it, at the same size.
    func relaunched(_ line: String, width: Int = 80, height: Int = 24) throws -> Model {
        let words = try shellWords(String(line.dropFirst("downhill ".count)))
        return Model(resolved: resolved(setup(words: words)), appearance: .init(unicode: true), width: width, height: height, paused: true)
    }

    @Test func arrowsLandOnTheStepsDecimalGrid() throws {
        // The trial's formula: its view is [−3, 3]², its start (−2.4, 2.4), moves of 6/20 = 0.3.
        var f = Model(resolved: resolved(setup(words: ["--surface", "x^2 + 3*y^2 + sin(3*x)"])), appearance: .init(unicode: true),
                      width: 80, height: 24, paused: true)
        #expect(f.descent.start == Vector2(-2.4, 2.4))
        f.press(.right, .right, .up)
        #expect(f.descent.start == Vector2(-1.8, 2.7))  // −2.4 + 0.3 + 0.3 in doubles is −1.7999999999999996
        // valley: a 6 × 3 view, moves of 0.3 and 0.15 from (−2.5, 1); rosenbrock steps of its own.
        var v = model("--surface valley")
        v.press(.right, .right, .char("l"), .up, .up, .char("k"), .down)
        #expect(v.descent.start == Vector2(-1.6, 1.3))
        for _ in 0..<7 { v.press(.left) }
        #expect(v.descent.start.x == -3.7)
        // A start off the grid keeps its place to the step's thousandth: 1.23456 + 0.3 → 1.535.
        var o = model("--surface valley --start 1.23456,0")
        o.press(.right)
        #expect(o.descent.start == Vector2(1.535, 0))
    }

    @Test func pAfterArrowsAndZoomPrintsShortNumbersThatReadBackToTheSameSetup() throws {
        for words in [["--surface", "x^2 + 3*y^2 + sin(3*x)"], ["--surface", "valley"], ["--surface", "rosenbrock"],
                      ["--surface", "himmelblau", "--race", "gd,adam"]] {
            var m = Model(resolved: resolved(setup(words: words)), appearance: .init(unicode: true), width: 100, height: 30, paused: true)
            m.press(.right, .right, .up, .char("z"), .char("z"), .char("Z"))
            m.type("nnnnn")
            for step in [[Key.char("z")], [.char("f")], [.char("z"), .char("z"), .char("z"), .char("z"), .char("z"), .char("f"), .char("Z")]] {
                m.press(contentsOf: step)
                m.press(.char("p"))
                let line = try #require(m.notice)
                #expect(line == m.reproduceCommand)
                // No number of 15 or more digits (−1.7999999999999996 has 17).
                for n in numbers(line) { #expect(n.filter(\.isNumber).count < 15, "\(n) in \(line)") }
                // Read back by the codec: the same setup, view included, to the last bit.
                let back = try relaunched(line, width: 100, height: 30)
                #expect(back.currentSetup == m.currentSetup, "\(line)")
                #expect(back.plotView == m.plotView && back.descent.start == m.descent.start)
            }
        }
    }

    @Test func aZoomedViewIsRoundedOutToFourDigitsOfItsSize() {
        // By hand: the box around (0.123456, −0.0654321) of size 0.0128 × 0.00888 to 4 digits
        // of 0.0128 (units of 10⁻⁵), low bounds down and high bounds up.
        let box = ViewBox(x: (0.123456 - 0.0064)...(0.123456 + 0.0064), y: (-0.0654321 - 0.00444)...(-0.0654321 + 0.00444))
        let r = Model.readable(box)
        #expect(r.xMin == 0.11705 && r.xMax == 0.12986 && r.yMin == -0.06988 && r.yMax == -0.06099)
        // Bounds already on the grid stay (2.01 / 0.01 is 200.99999999999997 in doubles).
        #expect(Model.readable(ViewBox(x: -5.61...2.01, y: 0.4...4.4)) == ViewBox(x: -5.61...2.01, y: 0.4...4.4))
        #expect(SetupCodec.viewText(Model.readable(ViewBox(x: -5.61...(0.67 * 3), y: 0.4...4.4))) == "-5.61:2.01,0.4:4.4")
    }

    @Test func aClickStartsOnAShortNumberInTheClickedCell() {
        // valley at 80 × 24: 0.075 per column, 0.15 per row (see clickStartsAtTheClickedCell);
        // cell (13, 4): x = −3 + 13.5 · 0.075 = −1.9875, y = 1.575 − 3.5 · 0.15 = 1.05.
        var m = model()
        m.update(.click(column: 13, row: 4))
        #expect(m.descent.start == Vector2(-1.9875, 1.05))
        #expect(m.reproduceCommand.contains("--start=-1.9875,1.05"))
    }

    @Test func aZoomedScreenAndTheScreenOfItsPrintedViewAreTheSame() throws {
        // Built-in surfaces: the levels are the surface's (its default view) whether the view
        // came from z/Z/f or from --view, so the printed line draws the very same screen.
        for words in ["--surface valley", "--surface rosenbrock --optimizer adam", "--surface himmelblau --race gd,momentum"] {
            var m = model(words, width: 100, height: 30)
            m.press(.right, .up)
            for keys in ["zz", "zzZ", "ZZ", "f"] {
                m.type(keys)
                let line = m.reproduceCommand
                let back = try relaunched(line, width: 100, height: 30)
                #expect(back.levels == m.levels)
                #expect(back.view().lines() == m.view().lines(), "\(words) after \(keys): \(line)")
            }
        }
    }

    @Test func lrAndPlusAgreeOnTheRangeOfTheRate() {
        // `:lr` (and --lr) take any finite η > 0; + and - walk 1e-9…1000. A rate beyond that is
        // said at once, named as typed; + then says it is already above, and - walks it down.
        var m = model("--surface valley")
        m.press(.char(":"))
        m.type("lr 123456.789")
        m.press(.enter)
        #expect(m.descent.learningRate == 123456.789)
        #expect(m.notice == "learning rate 123456.789 is above what + reaches (1000); - walks it back")
        m.press(.char("+"))
        #expect(m.descent.learningRate == 123456.789)
        #expect(m.notice == "learning rate 123456.789 is already above what + reaches (1000)")
        #expect(m.screen.contains("learning rate 123456.789 is already above what + reaches (1000)"))
        m.press(.char("-"))
        #expect(m.descent.learningRate == 100_000 && m.notice == nil)  // the rung below: 1 × 10⁵
        // The command line's rate the same.
        var c = model("--surface valley --lr 123456.789")
        c.press(.char("+"))
        #expect(c.notice == "learning rate 123456.789 is already above what + reaches (1000)")
        // Below the range, the other way round; at the bound itself, "at its maximum".
        var b = model("--surface valley")
        b.press(.char(":"))
        b.type("lr 1e-12")
        b.press(.enter)
        #expect(b.notice == "learning rate 1e-12 is below what - reaches (1e-09); + walks it back")
        var at = model("--surface valley --lr 1000")
        at.press(.char("+"))
        #expect(at.notice == "learning rate at its maximum 1000")
    }
}

extension Model {
    mutating func press(contentsOf keys: [Key]) { for k in keys { update(.key(k)) } }
}
