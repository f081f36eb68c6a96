import DownhillCore
@testable import DownhillApp
import DownhillRender
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// Issue 12: numbers a class can read (the η ladder, no float noise, fixed-width status
/// numbers), the parameters' names on data, and play calling a run-away descent at once.
@Suite struct LearningRateLadderTests {
    @Test func oneDecadeIsTheRoundedRenardSeries() {
        // ISO 3's R′10, written down in DECISIONS.md; each rung within 1.2 % of 10^(k/10).
        let written: [Double] = [1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8]
        #expect((0..<10).map(LearningRateLadder.rung) == written)
        for k in 0..<10 { #expect(abs(written[k] / pow(10, Double(k) / 10) - 1) < 0.012, "rung \(k)") }
        // Other decades: the same mantissas times a power of ten, as written in decimal.
        #expect(LearningRateLadder.rung(-10) == 0.1 && LearningRateLadder.rung(-9) == 0.125 && LearningRateLadder.rung(-1) == 0.8)
        #expect(LearningRateLadder.rung(-25) == 0.0032 && LearningRateLadder.rung(10) == 10 && LearningRateLadder.rung(25) == 320)
    }

    @Test func tenPressesOfPlusFromATenthGiveExactlyOne() {
        // bowl, x² + y²: λ = 2, so at η = 1 exactly η·λ = 2, gd's limit: it oscillates
        // (x ← −x) and does not diverge; 1.0000000000000004 was labelled diverging.
        var m = model("--surface bowl --lr 0.1 --start 1,1", paused: false)
        m.type(String(repeating: "+", count: 10))
        #expect(m.descent.learningRate == 1)
        #expect(m.reproduceCommand == "downhill --surface bowl --optimizer gd --lr 1 --start=1,1")
        m.tick(0.05, times: 6)
        #expect(m.statusText.contains("lr 1 ") && m.statusText.contains("oscillating"), "\(m.statusText)")
        #expect(!m.statusText.contains("diverg"))
    }

    @Test func twentyPressesOfMinusFromATenthGiveExactlyAThousandth() {
        var m = model("--surface valley --lr 0.1")
        var seen: [Double] = []
        for _ in 0..<20 {
            m.type("-")
            seen.append(m.descent.learningRate)
        }
        #expect(m.descent.learningRate == 0.001)
        #expect(Array(seen.prefix(10)) == [0.08, 0.063, 0.05, 0.04, 0.032, 0.025, 0.02, 0.016, 0.0125, 0.01])
        // Every rate walked prints as written: no float noise.
        for lr in seen { #expect(formatNumber(lr).filter(\.isNumber).drop { $0 == "0" }.count <= 3, "\(formatNumber(lr))") }
    }

    @Test func aRateBetweenRungsGoesToTheNearestRungThatWay() {
        var m = model("--surface valley --lr 0.095")
        m.type("+")
        #expect(m.descent.learningRate == 0.1)
        var n = model("--surface valley --lr 0.095")
        n.type("-")
        #expect(n.descent.learningRate == 0.08)
        // On a rung within rounding (0.1 + 0.2 is 0.30000000000000004): the next rung.
        #expect(LearningRateLadder.next(after: 0.1 + 0.2, up: true) == 0.32)
        #expect(LearningRateLadder.next(after: 0.32 * (1 + 1e-12), up: false) == 0.25)
    }
}

@Suite struct HonestNumberTests {
    @Test func fixedNumbersHaveNoTrailingPoint() {
        #expect(StatusBar.fixed(129658.4, 6) == "129658")
        #expect(StatusBar.fixed(-0.5, 6) == "-0.500000")
        #expect(StatusBar.fixed(2, 5) == "2.0000")
        #expect(StatusBar.fixed(12345.6, 5) == "12346")
    }

    @Test func dataSurfacesNameTheirParametersWAndB() {
        var m = model("--surface linear-regression")
        m.press(.char("m"))
        m.step(3)
        let status = m.statusText
        #expect(status.contains(" w ") && status.contains(" b ") && !status.contains(" x ") && !status.contains(" y "), "\(status)")
        let analytic = model("--surface valley").statusText
        #expect(analytic.contains(" x ") && analytic.contains(" y "))
        #expect(m.screen.contains(" w ") && m.screen.contains(" b "))
    }

    @Test func statusNumbersKeepTheirColumns() {
        // SGD jumps: the point and loss change at every step, their labels stay put.
        // (The step count widens at 10, 100, …: from step 10 on it is two digits.)
        var m = model("--surface linear-regression --batch sgd --seed 3", width: 100)
        m.step(9)
        var columns: Set<[Int]> = []
        for _ in 0..<40 {
            m.step(1)
            let line = m.view().lines().last ?? ""
            let chars = Array(line)
            func column(_ label: String) -> Int {
                let l = Array(label)
                return (0...(chars.count - l.count)).first { Array(chars[$0..<($0 + l.count)]) == l } ?? -1
            }
            columns.insert([column(" b "), column("loss "), column("|∇| ")])
        }
        #expect(columns.count == 1, "\(columns)")
    }
}

@Suite struct PromptDivergenceTests {
    @Test func valleyAtPointElevenIsCalledAtTheStepTheoryPredicts() {
        // gd on x² + 10y² from (−2.5, 1): x ← (1 − 2η)x, y ← (1 − 20η)y, so at η = 0.11
        // x_k = −2.5·0.78^k, y_k = (−1.2)^k and L_k = 6.25·0.6084^k + 10·1.44^k, L₀ = 16.25.
        // Play calls it once L_k − L₀ ≥ 10¹²·16.25, i.e. 1.44^k ≳ 1.625e12:
        // k ≥ ln(1.625e12)/ln(1.44) = 28.1165/0.36464 = 77.1, so K = 78 (3.9 s at 20 steps/s).
        // The point (|y| = 1.2^78 ≈ 1.5e6) is far from 10⁶ view widths (6e6) then.
        var m = model("--surface valley --lr 0.11 --start=-2.5,1", paused: false)
        m.tick(0.05, times: 77)
        #expect(m.descent.status == .running && m.descent.step == 77)
        m.tick(0.05)
        #expect(m.descent.status == .diverged(at: 78) && m.descent.step == 78)
        #expect(!m.isPlaying)
        m.tick(0.05, times: 10)
        #expect(m.descent.step == 78)
        #expect(m.statusText.hasPrefix("diverged at step 78"), "\(m.statusText)")
        #expect(m.screen.contains("diverged at step 78: the loss grew 10¹²-fold over its start"), "\(m.screen)")
        // `run` keeps SPEC §5: the same descent goes on while its numbers are finite.
        let (rows, summary) = runRows(descent(Surfaces.valley, GD(), lr: 0.11, start: Vector2(-2.5, 1)), steps: 200)
        #expect(rows.count == 201 && summary.status == .maxSteps)
    }

    @Test func aPointFarAwayIsCalledEvenWhenTheLossFalls() {
        // saddle x² − y² from (0, 0.001) at η = 0.5: y ← (1 + 2η)y = 2y, the loss −y² falls.
        // The view is [−2, 2]², 4 wide: 10⁶ widths is 4e6 = 0.001·2^k at k = log2(4e9) = 31.9,
        // so the call comes at K = 32.
        var m = model("--surface saddle --lr 0.5 --start=0,0.001", paused: false)
        m.tick(0.05, times: 31)
        #expect(m.descent.status == .running)
        m.tick(0.05)
        #expect(m.descent.status == .diverged(at: 32))
        #expect(m.screen.contains("diverged at step 32: the point is 10⁶ view widths away"), "\(m.screen)")
    }
}

@Suite struct NeuronMinimumTests {
    @Test func theNeuronMarksItsLowestPointInTheView() throws {
        let surface = descent("--surface neuron").surface
        let m = try #require(surface.minima.first)
        // A minimum: no gradient, curving up both ways, and nowhere on a fine grid over the
        // view lower (the full loss, not the preview the search started from).
        #expect(surface.gradient(at: m).norm < 1e-8)
        #expect(surface.hessian(at: m).eigenvalues.min > 0)
        let view = surface.defaultView, n = 60
        for j in 0...n {
            for i in 0...n {
                let p = Vector2(view.xMin + Double(i) / Double(n) * view.width, view.yMin + Double(j) / Double(n) * view.height)
                #expect(surface.loss(at: p) >= surface.loss(at: m) - 1e-12, "\(p)")
            }
        }
        var m2 = model("--surface neuron")
        m2.step(0)
        #expect(m2.screen.contains("★"))
    }

    @Test func theHelpListsTheLegendOnALargeScreen() {
        var m = model("--surface valley", width: 160, height: 48)
        m.press(.char("?"))
        #expect(m.screen.contains("the start, the point now, a minimum") && m.screen.contains("off the view"), "\(m.screen)")
        // And the title carries the one-line legend.
        let title = model("--surface valley", width: 160, height: 48).view().lines()[0]
        #expect(title.contains("○ start  ● point  ★ minimum"))
        #expect(!model("--surface valley").view().lines()[0].contains("○ start"))
    }
}

@Suite struct NoticeWrapTests {
    @Test func theReproduceLineNeverBreaksInsideANumberOrAName() {
        // A lineup longer than the notice's line, on a narrow screen.
        var m = model("--surface rosenbrock --race gd:0.0005,momentum:0.00025,adam:0.05,nesterov:0.00025:momentum=0.5",
                      width: 40, height: 20)
        m.press(.char("p"))
        let command = m.reproduceCommand
        let shown = m.view().lines().filter { !$0.contains("step ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        // Every token of the command (cut at spaces and at , : = /) is whole on one line.
        let separators = Set(" ,:=/")
        let tokens = command.split { separators.contains($0) }.map(String.init).filter { $0.count > 1 }
        for token in tokens { #expect(shown.contains { $0.contains(token) }, "\(token) is broken in:\n\(shown.joined(separator: "\n"))") }
    }
}

@Suite struct ReproduceQuotingTests {
    @Test func pGivesALineAShellReadsBackOverAwkwardFileNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("downhill-quoting-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["bob's data.csv", "data(1).csv", "price$HOME.csv", "`date`.csv", "naïve ★ données.csv", "a \"b\" \\c.csv"] {
            let path = dir.appendingPathComponent(name).path
            try "x,y\n0,1\n1,3\n2,5\n".write(toFile: path, atomically: true, encoding: .utf8)
            let words = ["--surface", "linear-regression", "--data", path, "--lr", "0.1"]
            var m = Model(resolved: resolved(setup(words: words)), appearance: .init(unicode: true), width: 200, height: 40, paused: true)
            m.press(.char("p"))
            let line = m.reproduceCommand
            // A real POSIX shell splits the line back into exactly the codec's words.
            let split = try shellWords(String(line.dropFirst("downhill ".count)))
            #expect(split.contains(path), "\(line)")
            #expect(split == SetupCodec.words(try SetupCodec.parse(split)), "\(line)")
        }
    }

}

@Suite struct GhostLabelTests {
    @Test func ghostsSwitchedOnLateStopWhereTheyWouldHaveStoppedLive() {
        // valley from (1, 1) at η = 0.04: the 4× ghost has η = 0.16, y ← (1 − 3.2)y = −2.2y,
        // L_k ≈ 10·4.84^k from L₀ = 11: 10¹²-fold at 4.84^k ≥ 1.1e12, k ≥ 12.04/0.6848 = 17.6,
        // so step 18, whether it ran live or was replayed when `v` came after 30 steps.
        var live = model("--surface valley --lr 0.04 --start 1,1")
        live.press(.char("v"))
        live.step(30)
        var late = model("--surface valley --lr 0.04 --start 1,1")
        late.step(30)
        late.press(.char("v"))
        #expect(live.ghosts[3].descent.status == .diverged(at: 18))
        #expect(late.ghosts[3].descent.status == .diverged(at: 18))
        #expect(live.ghosts.map(\.descent.learningRate) == [0.01, 0.02, 0.08, 0.16])
        // The other three stay in the view and run on.
        #expect(live.ghosts.prefix(3).allSatisfy { $0.descent.step == 30 })
    }
}

@Suite struct GhostArrowTests {
    @Test func aGhostThatLeavesTheViewIsAnEdgeArrowNotLinesAcross() {
        // valley from (1, 1) at η = 0.04: the 4× ghost (η 0.16) multiplies y by −2.2, so after
        // one step it is at y = −2.2, below the 80×24 plot's y ∈ [−1.575, 1.575]; it never
        // comes back. None of its segments has both ends in view: no `×` is drawn, and its
        // head is an arrow on the plot's edge in the ghosts' ink.
        var m = model("--surface valley --lr 0.04 --start 1,1")
        m.press(.char("v"))
        m.step(6)
        let grid = m.view()
        let plot = ScreenLayout(width: 80, height: 24).plot
        var crosses = 0, arrows: [(Int, Int)] = []
        for row in plot.top..<(plot.top + plot.rows) {
            for column in plot.left..<(plot.left + plot.columns) {
                let cell = grid[column, row]
                if cell.glyph == "×" { crosses += 1 }
                if cell.ink == .ghost, "→↗↑↖←↙↓↘".contains(cell.glyph) { arrows.append((column, row)) }
            }
        }
        #expect(crosses == 0)
        #expect(arrows.count == 1)
        if let (column, row) = arrows.first {
            let edge = column == plot.left || column == plot.left + plot.columns - 1 || row == plot.top || row == plot.top + plot.rows - 1
            #expect(edge, "\(column),\(row)")
        }
        // The three ghosts in view keep their heads, and the status names all four by their η.
        let text = m.screen
        #expect(text.contains("¼") && text.contains("½"))
        #expect(m.statusText.contains("ghosts ¼:0.01 ½:0.02 2:0.08 4:0.16"), "\(m.statusText)")
    }
}

@Suite struct ScriptRunawayTests {
    @Test func runWithAScriptKeepsSpecSectionFive() throws {
        // valley, gd, η = 1 from (1, 1): play calls it at step 5 (10¹²-fold growth), but `run
        // --script` follows SPEC §5 like `run`: y = (−19)^k, L = 1 + 10·361^k first overflows
        // at k = 121 (log10(1.8e308/10)/log10(361) = 120.3), so rows up to step 120.
        let text = """
            steps = 200
            [setup]
            surface = "valley"
            lr = 1
            start = [1, 1]
            """
        let script = try SessionScript.parse(text)
        var rows: [TrajectoryPoint] = []
        _ = try Model.replayRows(script, resolved: try script.setup.resolve()) { rows.append($0) }
        #expect(rows.last?.step == 120)
        var m = model("--surface valley --lr 1 --start 1,1", paused: false)
        m.tick(0.05, times: 10)
        #expect(m.descent.status == .diverged(at: 5))
    }
}
