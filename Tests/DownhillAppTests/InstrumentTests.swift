import Foundation
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// Race mode in the app: racers, selection, legend, drop-out, and `c` in and out.
@Suite struct RaceModeTests {
    @Test func everyRacerFollowsItsSoloRun() {
        // The app's racers, stepped with `n`, against `downhill run` of each optimizer alone
        // (Descent.run is the code path of `run`), each solo descent built by hand: the rule
        // at rosenbrock's default rate for it (gd 0.001, momentum half of that, adam 0.02).
        var m = model("--surface rosenbrock --race gd,momentum,adam --start=-1.5,2")
        m.step(150)
        #expect(m.isRacing && m.tracks.count == 3)
        let solos: [(String, Descent)] = [
            ("gd", descent(Surfaces.rosenbrock, GD(), lr: 0.001, start: Vector2(-1.5, 2))),
            ("momentum", descent(Surfaces.rosenbrock, Momentum(), lr: 0.0005, start: Vector2(-1.5, 2))),
            ("adam", descent(Surfaces.rosenbrock, Adam(), lr: 0.02, start: Vector2(-1.5, 2))),
        ]
        for (i, (name, solo)) in solos.enumerated() {
            #expect(m.tracks[i].trail == runRows(solo, steps: 150).rows.map(\.point), "\(name)")
            #expect(m.tracks[i].descent.optimizer.name == name)
        }
    }

    @Test func racersFollowSoloRunsWhenAnimatedToo() {
        var m = model("--surface himmelblau --race nesterov,rmsprop", paused: false)
        m.tick(0.05, times: 40)  // 20 steps/s × 2 s
        // By hand: himmelblau's default rates, nesterov half of gd's 0.01, rmsprop 0.1, from (0, 0).
        let solos: [(String, Descent)] = [
            ("nesterov", descent(Surfaces.himmelblau, Momentum(nesterov: true), lr: 0.005, start: .zero)),
            ("rmsprop", descent(Surfaces.himmelblau, RMSProp(), lr: 0.1, start: .zero)),
        ]
        for (i, (name, solo)) in solos.enumerated() {
            var solo = solo
            for _ in 0..<40 { solo.advance() }
            #expect(m.tracks[i].descent.optimizer.name == name)
            #expect(m.tracks[i].descent.step == 40 && m.tracks[i].descent.point == solo.point, "\(name)")
        }
    }

    @Test func aDivergedRacerDropsOutWithItsStepAndTheOthersRaceOn() {
        // η = 0.15 on valley from (1, 1): gd multiplies y by 1 − 20η = −2 a step and x by
        // 0.7, so the loss is 0.49^k + 10·4^k from L₀ = 11. Play calls it diverged once
        // L − L₀ ≥ 10¹²·11: 4^20 = 1.0995e12 falls short, 4^21 does not, so at k = 21 (the
        // point, 2^21 ≈ 2.1e6 from the centre, is not yet 10⁶ view widths of 6 away). Heavy-
        // ball momentum is stable there (ηλ = 3 < 2 + 2μ = 3.8).
        var m = model("--race gd,momentum --lr 0.15 --start 1,1")
        m.step(600)
        #expect(m.tracks[0].descent.status == .diverged(at: 21))
        #expect(m.tracks[1].descent.step == 600)
        let side = m.sidebarText
        #expect(side.contains("✗ step 21"), "\(side)")
        // Ranked: momentum first, the dropped-out gd last.
        let rows = side.split(separator: "\n").map(String.init)
        #expect(rows[2].contains("1 ▲ momentum") && rows[3].contains("2 ● gd"), "\(side)")
    }

    @Test func theAnimationGoesOnWhileARacerIsRunning() {
        // rosenbrock, η = 0.01 for both: gd runs away within a few steps (`downhill run`
        // says it is not finite at step 7); play stops it at the first step whose loss
        // has grown 10¹²-fold over the start's, found here from run's own trajectory.
        // Adam is still running after 1000 steps.
        var solo = descent(Surfaces.rosenbrock, GD(), lr: 0.01, start: Vector2(-1.5, 2))
        let l0 = solo.current.loss
        var k = 0
        while solo.current.loss - l0 < 1e12 * max(abs(l0), 1), solo.advance() != nil { k = solo.step }
        #expect(k < 7)
        var m = model("--surface rosenbrock --race gd,adam --lr 0.01", paused: false)
        m.type("]]]]]")  // 1000 steps/s
        m.tick(0.25, times: 4)
        #expect(m.tracks[0].descent.status == .diverged(at: k))
        #expect(m.tracks[1].descent.step == 1000 && m.isPlaying)
        #expect(m.statusText.hasPrefix("diverged at step \(k)"))  // the status describes the selected racer
        m.press(.tab)
        #expect(m.statusText.hasPrefix("running") && m.statusText.contains("adam"))
    }

    @Test func tabSelectsTheRacerThatPlusAndMinusAdjust() {
        var m = model("--race gd,momentum,adam")
        let rates = m.tracks.map(\.descent.learningRate)
        #expect(m.selected == 0)
        m.press(.tab, .char("+"))
        #expect(m.selected == 1)
        // momentum's default on valley, 0.04, is a rung of the ladder; the next is 0.05.
        #expect(rates[1] == 0.04 && m.tracks[1].descent.learningRate == 0.05)
        #expect(m.tracks[0].descent.learningRate == rates[0])
        #expect(m.tracks[2].descent.learningRate == rates[2])
        #expect(m.statusText.contains("momentum") && m.statusText.contains("racer ▲"))
        m.press(.backTab, .backTab)
        #expect(m.selected == 2)
        m.press(.tab)
        #expect(m.selected == 0)
        // The selected racer is marked in the legend.
        #expect(m.sidebarText.contains("▸"))
    }

    /// Behaviour change: a digit no longer selects the racer that uses its rule, and `o`
    /// no longer skips rules other racers use; both change the selected racer's rule (the
    /// same rule may race more than once).
    @Test func digitsAndOChangeTheSelectedRacersRule() {
        var m = model("--race gd,momentum,adam")
        m.type("nnn")
        m.press(.char("6"))  // adam: the selected racer (gd) becomes a second adam, point kept
        #expect(m.selected == 0 && m.tracks.map(\.descent.optimizer.name) == ["adam", "momentum", "adam"])
        #expect(m.tracks[0].descent.step == 3 && m.tracks[0].descent.optimizer.hasFreshState)
        m.press(.char("4"))  // adagrad
        #expect(m.selected == 0 && m.tracks[0].descent.optimizer.name == "adagrad")
        #expect(m.tracks[0].descent.step == 3 && m.tracks[0].descent.optimizer.hasFreshState)
        // o and O step through every rule in order: after adagrad comes rmsprop, then adam
        // (which racer 2 uses too).
        m.press(.char("o"))
        #expect(m.tracks[0].descent.optimizer.name == "rmsprop")
        m.press(.char("o"))
        #expect(m.tracks[0].descent.optimizer.name == "adam")
        m.press(.char("O"), .char("O"), .char("O"))  // rmsprop, adagrad, then nesterov
        #expect(m.tracks[0].descent.optimizer.name == "nesterov")
        // The other racers are untouched.
        #expect(m.tracks.map(\.descent.optimizer.name) == ["nesterov", "momentum", "adam"])
        #expect(m.tracks.allSatisfy { $0.descent.step == 3 })
    }

    @Test func cStartsARaceFromTheStartAndLeavesItWithTheSelectedRacer() {
        var m = model("--surface rosenbrock --optimizer nesterov --lr 0.0003")
        m.type("nnnn")
        m.press(.char("c"))
        // The default lineup and the current optimizer with its learning rate, from the start.
        #expect(m.isRacing)
        #expect(m.tracks.map(\.descent.optimizer.name) == Model.defaultRace + ["nesterov"])
        #expect(m.selected == 4 && m.descent.learningRate == 0.0003)
        #expect(m.tracks.allSatisfy { $0.descent.step == 0 && $0.descent.point == Surfaces.rosenbrock.defaultStart })
        #expect(m.tracks[0].descent.learningRate == Surfaces.rosenbrock.defaultLearningRate(for: GD()))
        m.type("nn")
        m.press(.tab)  // gd
        m.press(.char("c"))
        #expect(!m.isRacing && m.tracks.count == 1)
        #expect(m.descent.optimizer.name == "gd" && m.descent.step == 2 && m.trail.count == 3)
        // Back into the race: the remembered racers, with nesterov's learning rate.
        m.press(.char("c"))
        #expect(m.tracks.map(\.descent.optimizer.name) == Model.defaultRace + ["nesterov"])
        #expect(m.tracks[4].descent.learningRate == 0.0003)
        #expect(m.selected == 0)
    }

    @Test func restartsMovesSurfacesAndTheGradientSourceApplyToEveryRacer() {
        var m = model("--surface linear-regression --race gd,adam")
        m.type("nnn")
        m.press(.char("r"))
        #expect(m.tracks.allSatisfy { $0.descent.step == 0 && $0.trail.count == 1 })
        m.press(.right)
        #expect(m.tracks[0].descent.start == m.tracks[1].descent.start)
        m.press(.char("b"))
        #expect(m.tracks.allSatisfy { $0.descent.source.mode == .mini(size: 8) })
        m.press(.char("s"))
        #expect(m.surfaceName == "logistic-regression")
        #expect(m.tracks.map(\.descent.optimizer.name) == ["gd", "adam"])
        #expect(m.tracks.allSatisfy { $0.descent.surface.name == "logistic-regression" && $0.descent.source.mode == .mini(size: 8) })
    }

    @Test func spaceReplaysARaceWhenEveryRacerHasFinished() {
        // bowl with η = 0.5 reaches the minimum in one step for gd; momentum, η = 0.5, too.
        var m = model("--surface bowl --race gd,momentum --lr 0.5 --start 1,1", paused: false)
        m.tick(0.05)
        #expect(m.tracks.allSatisfy { $0.descent.status == .converged })
        #expect(!m.isPlaying)
        m.press(.char(" "))
        #expect(m.isPlaying && m.tracks.allSatisfy { $0.descent.step == 0 })
    }

    @Test func ghostsAreForSoloRuns() {
        var m = model("--race gd,momentum")
        m.press(.char("v"))
        #expect(m.ghosts.isEmpty && m.notice != nil)
        #expect(m.screen.contains("leaves the race, then v"))
        m.press(.char("n"))
        #expect(m.notice == nil)
    }
}

/// The instruments' text on screen against hand values.
@Suite struct InstrumentReadoutTests {
    @Test func theGaugeShowsLambdaMaxAndTheCriticalLearningRate() {
        // valley: Hessian diag(2, 20), so λmax = 20 everywhere; gd is stable iff η·20 < 2,
        // η < 0.1; at the default η = 0.08, η·λmax = 1.6.
        var m = model("--surface valley")
        m.press(.char("i"))
        let side = m.sidebarText
        for needle in ["stability · gd", "λmax 20", "η 0.08", "η·λmax 1.6 < 2", "stable iff η < 0.1"] {
            #expect(side.contains(needle), "missing '\(needle)' in\n\(side)")
        }
        // Heavy-ball momentum, μ = 0.9: limit 2 + 2μ = 3.8, η < 3.8/20 = 0.19.
        m.press(.char("2"))
        #expect(m.sidebarText.contains("< 3.8 = 2+2μ") && m.sidebarText.contains("η < 0.19"))
        // gd at η = 0.11: 2.2 ≥ 2.
        var over = model("--surface valley --lr 0.11")
        over.press(.char("i"))
        #expect(over.sidebarText.contains("η·λmax 2.2 ≥ 2"))
    }

    @Test func theGaugeShowsAdaptiveStepSizes() {
        // AdaGrad after one step on valley from (0.1, 0.1): g = (0.2, 2), s = g², so the
        // step sizes η/(√s + ε) are 0.05/0.2 = 0.25 and 0.05/2 = 0.025.
        var m = model("--surface valley --optimizer adagrad --lr 0.05 --start 0.1,0.1")
        m.press(.char("i"))
        #expect(m.sidebarText.contains("after the first step"))
        m.press(.char("n"))
        let side = m.sidebarText
        #expect(side.contains("step size · adagrad") && side.contains("x 0.25   y 0.025"), "\(side)")
    }

    static func regimeAfter(_ steps: Int, surface: String = "valley", lr: Double, start: String) -> String {
        var m = model("--surface \(surface) --lr \(lr) --start \(start)")
        m.step(steps)
        return m.statusText
    }

    @Test func theRegimeIsInTheStatus() {
        // y ← (1 − 20η)y on valley: η = 0.05 leaves y at 0 after one step (monotonic),
        // 0.095 flips its sign with |·| = 0.9 (oscillating), 0.11 flips it with |·| = 1.2
        // (the loss grows: diverging, though still finite).
        #expect(Self.regimeAfter(10, lr: 0.05, start: "1,1").contains("monotonic descent"))
        #expect(Self.regimeAfter(10, lr: 0.095, start: "1,1").contains("oscillating across the valley"))
        #expect(Self.regimeAfter(10, lr: 0.11, start: "1,1").contains("diverging"))
        // saddle x² − y² from (1, 0.001), η = 0.1: x ← 0.8x dies out, y ← 1.2y grows.
        #expect(Self.regimeAfter(12, surface: "saddle", lr: 0.1, start: "1,0.001").contains("escaping a saddle"))
        // Before four rows there is nothing to read yet.
        #expect(Self.regimeAfter(1, lr: 0.05, start: "1,1").contains("starting"))
    }

    @Test func theMathsPanelShowsTheLastStep() {
        // gd on valley from (1, 1), η = 0.05: g = ∇f = (2x, 20y) = (2, 20), Δθ = −ηg = (−0.1, −1).
        var m = model("--surface valley --lr 0.05 --start 1,1")
        m.press(.char("m"))
        #expect(m.sidebarText.contains("no step yet"))
        m.press(.char("n"))
        var side = m.sidebarText
        #expect(side.contains("last step · gd t 1") && side.contains("θ ← θ − η·g"), "\(side)")
        #expect(side.contains("g                2          20"), "\(side)")
        #expect(side.contains("Δθ            -0.1          -1"), "\(side)")
        // Heavy-ball momentum, μ = 0.9, η = 0.01, two steps from (1, 1): b₁ = g₁ = (2, 20),
        // θ₁ = (0.98, 0.8); g₂ = (1.96, 16), b₂ = 0.9·b₁ + g₂ = (3.76, 34), Δθ = −ηb₂.
        var h = model("--surface valley --optimizer momentum --lr 0.01 --start 1,1")
        h.type("mnn")
        side = h.sidebarText
        #expect(side.contains("b ← μ·b + g; θ ← θ − η·b"), "\(side)")
        for needle in ["g             1.96          16", "b             3.76          34", "Δθ         -0.0376       -0.34"] {
            #expect(side.contains(needle), "missing '\(needle)' in\n\(side)")
        }
        // Adam, one step from (1, 1), η = 0.1: m = 0.1g, v = 0.001g², m̂ = g, v̂ = g², and
        // Δθ = −η·m̂/(√v̂ + ε) ≈ −η·sign(g).
        var a = model("--surface valley --optimizer adam --lr 0.1 --start 1,1")
        a.type("mn")
        side = a.sidebarText
        for needle in ["m              0.2           2", "v            0.004         0.4", "m_hat            2          20",
                       "v_hat            4         400", "Δθ            -0.1        -0.1"] {
            #expect(side.contains(needle), "missing '\(needle)' in\n\(side)")
        }
    }

    @Test func theMathsPanelRecordsTheNoisyGradientActuallyUsed() {
        // With gradient noise the step uses ĝ, not ∇f: for gd, Δθ = −η·ĝ exactly.
        var m = model("--surface bowl --lr 0.1 --noise 1 --seed 3")
        m.type("mnnn")
        let record = m.tracks[0].lastStep!
        let g = record.gradient!
        #expect(abs(record.delta.x + 0.1 * g.x) < 1e-15 && abs(record.delta.y + 0.1 * g.y) < 1e-15)
        #expect(g != m.trail[2] * 2)  // not the exact gradient 2θ at the previous point
    }

    @Test func ghostsRunAtMultiplesOfTheLearningRateFromTheSameStart() {
        var m = model("--surface valley --lr 0.04 --start 1,1")
        m.type("nnnnn")
        m.press(.char("v"))
        #expect(m.ghosts.count == 4)
        // Switched on mid-run, they replay to the descent's step; each is its own solo run.
        for (ghost, factor) in zip(m.ghosts, Model.ghostFactors) {
            var solo = descent(Surfaces.valley, GD(), lr: 0.04 * factor, start: Vector2(1, 1))
            for _ in 0..<5 { solo.advance() }
            #expect(ghost.descent.step == 5 && ghost.descent.point == solo.point, "×\(factor)")
        }
        // They step with the descent, and follow a live change of η.
        m.press(.char("n"), .char("+"))
        #expect(m.ghosts.allSatisfy { $0.descent.step == 6 })
        let lr = m.descent.learningRate
        for (ghost, factor) in zip(m.ghosts, Model.ghostFactors) {
            #expect(abs(ghost.descent.learningRate - lr * factor) < 1e-15)
        }
        // Each ghost by its glyph and its own η: 0.05 (the rung after 0.04) × ¼, ½, 2, 4.
        #expect(lr == 0.05 && m.statusText.contains("ghosts ¼:0.0125 ½:0.025 2:0.1 4:0.2"), "\(m.statusText)")
        #expect(m.screen.contains("¼") || m.screen.contains("½"))
        // r restarts them with the descent; v switches them off.
        m.press(.char("r"))
        #expect(m.ghosts.allSatisfy { $0.descent.step == 0 })
        m.press(.char("v"))
        #expect(m.ghosts.isEmpty && !m.statusText.contains("ghosts"))
    }

    @Test func theLossChartKeepsTheWholeRun() {
        var m = model("--surface rosenbrock", paused: false)
        m.press(.char("g"))
        m.type(String(repeating: "]", count: 20))
        m.tick(0.25, times: 8)  // 10 000 steps
        let history = m.tracks[0].losses
        #expect(history.samples.first?.step == 0 && history.latest.step == 10_000)
        #expect(history.samples.count <= LossHistory.capacity)
        #expect(m.sidebarText.contains("10000"))
    }
}

/// The sidebar and the plot.
@Suite struct SidebarKeyTests {
    @Test func panelKeysMakeRoomBesideThePlotAndGiveItBack() {
        var m = model()
        #expect(m.raster.viewport.area.columns == 80)
        m.press(.char("g"))
        #expect(m.isOpen("chart") && m.raster.viewport.area.columns == 46)
        m.press(.char("i"), .char("m"))
        #expect(m.isOpen("gauge") && m.isOpen("maths") && m.raster.viewport.area.columns == 46)
        m.press(.char("g"), .char("i"), .char("m"))
        #expect(!m.isOpen("chart") && !m.isOpen("gauge") && !m.isOpen("maths") && m.raster.viewport.area.columns == 80)
        #expect(m.sidebarText.isEmpty)
    }

    @Test func clicksOnTheSidebarAreIgnoredAndThePlotStillMapsClicks() {
        // valley at 80 × 24 with the sidebar: the plot is 46 × 21 from row 1, 6/46 world
        // units a column (the width decides). Column 23's centre is half a column right of
        // the middle; row 11 is plot row 10, whose centre (10.5 rows down) is the middle of
        // 21 rows: y = 0.
        var m = model()
        m.press(.char("i"))
        let start = m.descent.start
        m.update(.click(column: 60, row: 10))
        #expect(m.descent.start == start)
        m.update(.click(column: 23, row: 11))
        // Half of 6/46 is 0.0652173…; a click lands on four digits of the column's 0.1304… (10⁻⁴): 0.0652.
        #expect(m.descent.start.x == 0.0652)
        #expect(abs(m.descent.start.y) < 1e-12)
    }

    @Test func aNarrowScreenShowsThePanelFullWidth() {
        var m = model(width: 60, height: 20)
        m.press(.char("g"))
        #expect(m.isOpen("chart") && m.notice == nil && m.screen.contains("─ loss"))
        #expect(m.view().lines().allSatisfy { $0.count == 60 })
        m.update(.resize(width: 74, height: 20))
        #expect(m.raster.viewport.area.columns == 40 && !m.sidebarText.isEmpty)
    }
}

/// The command line that reproduces the screen (`p`, and the exit message).
@Suite struct ReproduceTests {
    @Test func pShowsTheCommandLine() {
        var m = model("--surface valley --optimizer momentum --lr 0.05 --start 1,1")
        m.press(.char("p"))
        let command = "downhill --surface valley --optimizer momentum --lr 0.05 --start=1,1"
        #expect(m.reproduceCommand == command)
        #expect(m.notice == command && m.screen.contains(command))
        m.press(.char("+"))
        #expect(m.notice == nil && m.reproduceCommand.contains("--lr 0.063 "))  // the ladder's rung after 0.05
    }

    /// The line comes from the codec: racers at their surface's default η are written by
    /// name alone, a racer with its own η as NAME:LR (a shared --lr becomes each racer's).
    @Test func aRaceReproducesAsARace() {
        var m = model("--surface rosenbrock --race gd,momentum,adam")
        // Every racer at its surface default: names alone.
        #expect(m.reproduceCommand == "downhill --surface rosenbrock --race gd,momentum,adam --start=-1.5,2")
        m.press(.tab, .char("-"))  // momentum's own rate
        // The ladder's rung below 0.0005.
        #expect(m.reproduceCommand == "downhill --surface rosenbrock --race gd,momentum:0.0004,adam --start=-1.5,2")
        // The printed line builds the same race.
        let again = resolved(String(m.reproduceCommand.dropFirst("downhill ".count)))
        #expect(again.isRace && again.descents.map(\.optimizer.name) == ["gd", "momentum", "adam"])
        #expect(again.descents.map(\.learningRate) == m.tracks.map(\.descent.learningRate))
        // One shared rate: each racer's.
        let shared = model("--race gd,momentum --lr 0.15 --start 1,1")
        #expect(shared.reproduceCommand == "downhill --surface valley --race gd:0.15,momentum:0.15 --start=1,1")
    }

    @Test func aFormulaAndQuadraticsOptionsAreReproduced() {
        let f = Model(resolved: resolved(setup(words: ["--surface", "(x-1)^2+3*(y+2)^2", "--lr", "0.1"])),
                      appearance: .init(unicode: true), width: 100, height: 30)
        #expect(f.reproduceCommand == "downhill --surface '(x - 1)^2 + 3*(y + 2)^2' --optimizer gd --lr 0.1 --start=-2.4,2.4")
        #expect(f.screen.contains("formula  f(x,y) = (x - 1)^2 + 3*(y + 2)^2"))
        let again = resolved(setup(words: ["--surface", "(x - 1)^2 + 3*(y + 2)^2", "--lr", "0.1", "--start=-2.4,2.4"]))
        #expect(again.surface.identity == f.descent.surface.identity)
        let q = model("--surface quadratic --condition 100 --angle -30")
        // η at the surface's default (0.008 here, from the condition) is left out: the same options give it back.
        #expect(q.descent.learningRate == 0.008)
        #expect(q.reproduceCommand == "downhill --surface quadratic --condition 100 --angle -30 --optimizer gd --start=-2.5,1")
        // At its defaults the options are left out.
        #expect(model("--surface quadratic").reproduceCommand.hasPrefix("downhill --surface quadratic --optimizer gd"))
    }

    @Test func theGaugeShowsTheConditionNumberOfAQuadratic() {
        var q = model("--surface quadratic --condition 100", width: 100, height: 30)
        q.press(.char("i"))
        #expect(q.screen.contains("λmax 200   κ 100   η 0.008"))
        var v = model("--surface rosenbrock", width: 100, height: 30)
        v.press(.char("i"))
        #expect(!v.screen.contains("κ"))
    }

    @Test func theDataPathIsKeptForItsSurface() throws {
        try withTemporaryFile("x,y\n0,1\n1,3\n2,5\n") { file in
            var m = Model(resolved: resolved(setup(words: ["--surface", "linear-regression", "--data", file.path])),
                          appearance: .init(unicode: true), width: 80, height: 24)
            #expect(m.reproduceCommand.contains("--data \(file.path)"))
            m.press(.char("s"))  // another surface: built-in data
            #expect(!m.reproduceCommand.contains("--data"))
        }
    }
}

@Suite struct LearningRateLimitNoticeTests {
    @Test func aRateBeyondTheKeysRangeIsDescribedAsItIs() {
        var m = model("--surface bowl --optimizer gd --lr 5000", paused: true)
        m.press(.char("+"))
        #expect(m.descent.learningRate == 5000)
        #expect(m.view().lines().joined().contains("learning rate 5000 is already above what + reaches (1000)"))
    }

    @Test func belowTheSidebarsWidthAPanelCoversThePlotUntilItsKeyAgain() {
        // 60×20, a projector's font: the chart is drawn full-width over the plot.
        var m = model("--surface bowl --optimizer gd", width: 100, height: 30, paused: true)
        m.press(.char("g"))
        m.update(.resize(width: 60, height: 20))
        var lines = m.view().lines()
        #expect(lines.contains { $0.contains("─ loss ─") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.joined().contains("★") && !lines.joined().contains("the panels need"))
        m.press(.char("g"))
        lines = m.view().lines()
        #expect(!lines.contains { $0.contains("─ loss ─") } && lines.joined().contains("★"))
        // A race keeps its plot: the legend does not cover it, and a note says where it went.
        var race = model("--race gd,adam", width: 60, height: 20)
        race.press(.char("r"))
        #expect(race.view().lines().joined().contains("★"))
    }
}

@Suite struct OtherKeyTests {
    @Test func anUnboundKeyClosesTheHelpAndDoesNothingElse() {
        var m = model("--surface bowl", paused: true)
        m.press(.char("?"))
        #expect(m.isHelpVisible)
        let before = m.descent.current
        m.press(.other)
        #expect(!m.isHelpVisible)
        #expect(m.descent.current == before && !m.isPlaying)
    }
}
