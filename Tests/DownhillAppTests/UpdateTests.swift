import Foundation
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

@Suite struct StateTests {
    @Test(arguments: State.allCases)
    func theStatesAreWhatTheyClaim(_ state: State) {
        let m = state.make()
        switch state {
        case .running: #expect(m.isPlaying && m.runState == .running)
        case .paused: #expect(!m.isPlaying && m.runState == .paused && m.descent.step == 3)
        case .converged: #expect(!m.isPlaying && m.runState == .converged && m.descent.step == 1)
        case .diverged: #expect(!m.isPlaying && m.runState == .diverged(at: 5))
        case .help: #expect(m.isHelpVisible)
        case .racing: #expect(m.isRacing && m.isPlaying && m.tracks.allSatisfy { $0.descent.step == 5 })
        case .instruments:
            #expect(m.isOpen("chart") && m.isOpen("gauge") && m.isOpen("maths") && m.ghosts.count == 4 && m.descent.step == 3)
        }
    }

    @Test(arguments: State.allCases)
    func qAndControlCQuitInEveryState(_ state: State) {
        var m = state.make()
        m.press(.char("q"))
        #expect(m.shouldQuit)
        var c = state.make()
        c.press(.control("c"))
        #expect(c.shouldQuit)
    }

    @Test(arguments: State.allCases)
    func everyBoundKeyWorksInEveryStateAndTheScreenKeepsItsSize(_ state: State) {
        let keys = KeyBindings.table.flatMap { $0.keys.map(\.key) } + [.enter, .backspace, .char("z")]
        for key in keys {
            var m = state.make()
            m.press(key)
            m.tick(0.1)
            let grid = m.view()
            #expect(grid.width == 80 && grid.height == 24, "\(state) \(key)")
            // `?` opens the help, or on an open help of more pages shows its next page.
            #expect(!m.isHelpVisible || key == .char("?") && (state != .help || m.helpPage == 1),
                    "\(state) \(key) left the help open")
            #expect(m.shouldQuit == (key == .char("q") || key == .control("c")), "\(state) \(key)")
        }
    }
}

@Suite struct KeyTests {
    @Test(arguments: State.allCases)
    func plusMultipliesTheLearningRateAndKeepsTheOptimizerState(_ state: State) {
        var m = state.make()
        let before = m.descent.optimizer
        m.press(.char("+"))
        let after = m.descent.optimizer
        // One rung up the ladder: the next of 1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8 (× 10ᵏ),
        // a factor of 1.25 to 1.28 (10^0.1 = 1.259 within 2 %).
        #expect(after.learningRate == LearningRateLadder.next(after: before.learningRate, up: true))
        let ratio = after.learningRate / before.learningRate
        #expect(ratio >= 1.25 - 1e-12 && ratio <= 1.28 + 1e-12, "\(before.learningRate) → \(after.learningRate)")
        // The state is the optimizer's own: the same step count, the same state rows, the same rule.
        #expect(after.t == before.t && after.mathsRows.description == before.mathsRows.description)
        #expect(after.rule.isEqual(to: before.rule))
        m.press(.char("-"))
        // Every state's rate is a rung (a surface default), so `-` comes back to it exactly.
        #expect(m.descent.learningRate == before.learningRate)
    }

    @Test func tenPressesAreTimesTen() {
        var m = model("--optimizer momentum --lr 0.01")
        m.type("nn")
        let state = m.descent.optimizer.mathsRows
        #expect(m.descent.optimizer.t == 2)
        m.type(String(repeating: "+", count: 10))
        #expect(abs(m.descent.learningRate - 0.1) < 1e-12)
        #expect(m.descent.optimizer.t == 2 && m.descent.optimizer.mathsRows == state)
        #expect(m.statusText.contains("lr 0.1 "))
    }

    @Test(arguments: State.allCases.filter { $0 != .racing })  // race mode: see RaceModeTests
    func oSwitchesTheOptimizerKeepingThePoint(_ state: State) {
        var m = state.make()
        let point = m.descent.point, step = m.descent.step
        m.press(.char("o"))
        #expect(m.descent.optimizer.name == "momentum")
        #expect(m.descent.point == point && m.descent.step == step)
        #expect(m.descent.optimizer.hasFreshState)
        m.press(.char("O"))
        #expect(m.descent.optimizer.name == "gd")
        m.press(.tab, .tab, .backTab)
        #expect(m.descent.optimizer.name == "momentum")
        m.press(.backTab, .backTab)
        #expect(m.descent.optimizer.name == UpdateRules.names.last!)  // wraps round
    }

    @Test func digitsChooseOptimizersInSpecOrder() {
        var m = model()
        // SPEC §6: digits 1…9 choose the first nine rules; the rest only by o/O.
        for (i, rule) in UpdateRules.all.prefix(9).enumerated() {
            m.press(.char(Character(String(i + 1))))
            #expect(m.descent.optimizer.name == rule.name)
            #expect(m.statusText.contains("  \(rule.name)  "))
        }
    }

    @Test func switchingFamiliesTakesTheSurfaceDefaultRateUnlessTheUserChangedIt() {
        var m = model("--surface rosenbrock")
        #expect(m.descent.learningRate == 0.001)
        m.press(.char("6"))  // adam: rosenbrock's adaptive default
        #expect(m.descent.learningRate == 0.02)
        m.press(.char("+"), .char("1"))
        #expect(m.descent.learningRate == 0.025)  // the rung after 0.02, kept: the user chose it
    }

    @Test func nStepsOnceWhilePausedAndPausesWhilePlaying() {
        var m = model(paused: true)
        let expected = {
            var d = m.descent
            d.advance()
            return d.point
        }()
        m.press(.char("n"))
        #expect(m.descent.step == 1 && m.descent.point == expected)
        #expect(m.trail.count == 2)
        var playing = model(paused: false)
        playing.press(.char("n"))
        #expect(!playing.isPlaying && playing.descent.step == 1)
    }

    @Test func frameSteps() {
        // `downhill frame --steps N`: paused, N × n.
        var m = model("--surface rosenbrock --optimizer adam")
        m.step(250)
        var d = m.descent
        d.restart()
        for _ in 0..<250 { d.advance() }
        #expect(m.descent.step == 250 && m.descent.point == d.point)
        #expect(m.statusText.contains("step 250"))
    }

    @Test(arguments: State.allCases)
    func rRestartsToStepZero(_ state: State) {
        var m = state.make()
        let start = m.descent.start
        m.press(.char("r"))
        #expect(m.descent.step == 0 && m.descent.point == start)
        #expect(m.trail == [start])
        #expect(m.descent.status == .running)
    }

    @Test func spacePlaysAndPausesAndReplaysAFinishedRun() {
        var m = model(paused: true)
        m.press(.char(" "))
        #expect(m.isPlaying)
        m.press(.char(" "))
        #expect(!m.isPlaying)
        var done = State.converged.make()
        done.press(.char(" "))
        #expect(done.isPlaying && done.descent.step == 0)
    }

    @Test func arrowsAndVimKeysMoveTheStartByATwentiethOfTheView() {
        // valley's view is 6 × 3: moves of 0.3 in x and 0.15 in y.
        var m = model("--start 1,1")
        m.type("nn")
        m.press(.right)
        #expect(m.descent.step == 0)
        #expect(abs(m.descent.start.x - 1.3) < 1e-12 && m.descent.start.y == 1)
        m.press(.up, .char("k"))
        #expect(abs(m.descent.start.y - 1.3) < 1e-12)
        m.press(.left, .char("h"), .char("h"), .down, .char("j"), .char("l"))
        #expect(abs(m.descent.start.x - 0.7) < 1e-12 && abs(m.descent.start.y - 1.0) < 1e-12)
        #expect(m.trail == [m.descent.start])
    }

    @Test func clickStartsAtTheClickedCell() {
        // valley at 80 × 24: plot rows 1…21, 0.075 per column (6 / 80), 0.15 per row;
        // x from −3, y from 21 · 0.15 / 2 = 1.575 down. Cell (40, 11) is plot row 10:
        // centre x = −3 + 40.5 · 0.075 = 0.0375, y = 1.575 − 10.5 · 0.15 = 0.
        var m = model()
        m.type("nnn")
        m.update(.click(column: 40, row: 11))
        #expect(m.descent.step == 0)
        #expect(abs(m.descent.start.x - 0.0375) < 1e-12 && abs(m.descent.start.y) < 1e-12)
        // Clicks on the title or the status lines are ignored.
        let start = m.descent.start
        m.update(.click(column: 10, row: 0))
        m.update(.click(column: 10, row: 23))
        m.update(.click(column: 500, row: 5))
        #expect(m.descent.start == start)
    }

    @Test func helpOpensListsEveryKeyAndAnyKeyClosesIt() {
        // Every row of the binding table, on a screen where the whole help fits: its keys
        // followed by what they do, on one line of the box.
        var big = model(width: 100, height: 40, paused: true)
        big.press(.char("?"))
        #expect(big.isHelpVisible)
        let lines = big.view().lines()
        #expect(!lines.joined().contains("enlarge"), "the help does not fit at 100×40")
        #expect(KeyBindings.helpRows.count == KeyBindings.table.count)
        for row in KeyBindings.helpRows {
            let listed = lines.contains { line in
                guard let keys = line.range(of: "│ " + row.keys + " ") else { return false }
                let rest = line[keys.upperBound...].drop { $0 == " " }
                return rest.hasPrefix(row.action) || row.short.map { rest.hasPrefix($0) } == true
            }
            #expect(listed, "help lacks '\(row.keys)  \(row.action)'\n\(lines.joined(separator: "\n"))")
        }
        var m = model(paused: true)
        m.press(.char("?"))
        #expect(m.isHelpVisible)
        // At 80×24 the help has two pages: `?` shows the second, then closes it.
        m.press(.char("?"))
        #expect(m.isHelpVisible && m.helpPage == 1)
        m.press(.char("?"))
        #expect(!m.isHelpVisible)
        m.press(.char("?"), .escape)
        #expect(!m.isHelpVisible)
        // Any other key closes it and does its job.
        let lr = m.descent.learningRate
        m.press(.char("?"), .char("+"))
        #expect(!m.isHelpVisible && m.descent.learningRate > lr)
        // A click closes it without moving the start.
        let start = m.descent.start
        m.press(.char("?"))
        m.update(.click(column: 40, row: 11))
        #expect(!m.isHelpVisible && m.descent.start == start)
    }

    @Test func theHelpListsExactlyTheBoundKeys() {
        let shown = KeyBindings.helpRows.map(\.keys)
        #expect(shown.contains("space") && shown.contains("1…9") && shown.contains("q Ctrl-C") && shown.contains("o O")
                && shown.contains("Tab ⇧Tab") && shown.contains("? Esc"))
        for binding in KeyBindings.table {
            for (key, action) in binding.keys {
                #expect(KeyBindings.action(for: key) == action, "\(key)")
            }
        }
    }
}

@Suite struct SurfaceKeyTests {
    @Test func sGoesToTheNextSurfaceWithItsDefaultsKeepingOptimizerAndHyperparameters() {
        var m = model("--surface valley --optimizer momentum --momentum 0.5 --seed 7")
        m.type("nnn+")
        m.press(.char("s"))
        #expect(m.surfaceName == "rosenbrock")
        #expect(m.descent.surface.name == "rosenbrock")
        #expect(m.descent.step == 0 && m.descent.point == Surfaces.rosenbrock.defaultStart)
        #expect(m.descent.optimizer.name == "momentum")
        #expect(m.descent.learningRate == Surfaces.rosenbrock.defaultLearningRate(for: Momentum()))
        #expect(m.descent.optimizer.rule.value(of: "momentum") == .real(0.5))
        #expect(m.descent.source.seed == 7)
        #expect(m.trail == [m.descent.point])
        m.press(.char("S"), .char("S"))
        #expect(m.surfaceName == "bowl")
        m.press(.char("S"))
        #expect(m.surfaceName == Surfaces.names.last)
    }

    @Test func everySurfaceDrawsAt80x24And40x12() {
        var m = model(paused: false)
        for _ in Surfaces.all {
            m.press(.char("s"))
            m.tick(0.25, times: 4)
            #expect(m.view().lines().count == 24)
            m.update(.resize(width: 40, height: 12))
            #expect(m.view().lines().allSatisfy { $0.count == 40 })
            m.update(.resize(width: 80, height: 24))
        }
    }

    @Test func bCyclesTheGradientSourceOnDataBackedSurfaces() {
        var m = model("--surface linear-regression")
        #expect(m.descent.source.mode == .full)
        m.press(.char("b"))
        #expect(m.descent.source.mode == .mini(size: 8))
        #expect(m.statusText.contains("mini-batch 8"))
        m.type("nnnnnnnnnnnnnn")  // 14 batches: one epoch of 13, then one more
        #expect(m.statusText.contains("epoch 2") && m.statusText.contains("batch 1/13"))
        m.press(.char("b"))
        #expect(m.descent.source.mode == .stochastic)
        #expect(m.statusText.contains("SGD"))
        m.press(.char("b"))
        #expect(m.descent.source.mode == .full)
        #expect(m.statusText.contains("full batch"))
    }

    @Test func theBatchModeIsKeptAcrossDataBackedSurfaces() {
        var m = model("--surface linear-regression --batch sgd")
        m.press(.char("s"))
        #expect(m.surfaceName == "logistic-regression")
        #expect(m.descent.source.mode == .stochastic)
        m.press(.char("s"), .char("s"))  // neuron, then the first analytic surface
        #expect(m.surfaceName == "bowl")
        #expect(m.descent.source.mode == .full)
    }

    @Test func bTogglesNoiseOnAnalyticSurfaces() {
        var m = model("--surface bowl")
        #expect(m.descent.source.noise == 0)
        m.press(.char("b"))
        // A quarter of |∇f| at bowl's default start (1.5, 1.2): 0.25 · 2·√(1.5² + 1.2²).
        let expected = 0.25 * 2 * (1.5 * 1.5 + 1.2 * 1.2).squareRoot()
        #expect(abs(m.descent.source.noise - expected) < 1e-12)
        #expect(m.statusText.contains("noise 0.9605"))
        m.press(.char("b"))
        #expect(m.descent.source.noise == 0)
    }
}

@Suite struct TimeTests {
    @Test func ticksAdvanceStepsPerSecondTimesSeconds() {
        var m = model("--surface rosenbrock", paused: false)
        #expect(m.stepsPerSecond == 20 && abs(m.frameInterval - 0.05) < 1e-12)
        m.tick(0.05, times: 20)
        #expect(m.descent.step == 20)
        m.tick(0.01, times: 3)  // 0.6 of a step: carried
        #expect(m.descent.step == 20)
        m.tick(0.02)  // 1.0
        #expect(m.descent.step == 21)
        m.press(.char("]"))  // 50 steps/s
        #expect(m.stepsPerSecond == 50 && abs(m.frameInterval - 1.0 / 30) < 1e-12)
        m.tick(1.0)  // a stall: at most 0.25 s counts, 12.5 steps
        #expect(m.descent.step == 33)
        m.tick(0.01)  // 0.5 carried + 0.5
        #expect(m.descent.step == 34)
    }

    @Test func speedRunsFromOneToThousandsOfStepsPerSecond() {
        var m = model(paused: false)
        m.type("[[[[[[[[")
        #expect(m.stepsPerSecond == 1 && m.frameInterval == 0.25)
        m.type(String(repeating: ">", count: 20))
        #expect(m.stepsPerSecond == 5000)
        #expect(m.statusText.contains("5000 steps/s"))
        var fast = model("--surface rosenbrock --optimizer adam", paused: false)
        fast.type(String(repeating: "]", count: 20))
        fast.tick(1.0 / 30)
        #expect(fast.descent.step == 166)  // 5000 / 30 = 166.7
    }

    @Test func ticksDoNothingWhilePaused() {
        var m = model(paused: true)
        m.tick(1, times: 5)
        #expect(m.descent.step == 0)
    }

    @Test func valleyAtLearningRateOneIsCalledDivergedAtStep5() {
        // GD on x² + 10y² multiplies y by 1 − 2·10·η = −19 a step and x by −1: from (1, 1)
        // L_k = 1 + 10·361^k, L₀ = 11. Play calls it once L − L₀ ≥ 10¹²·11, i.e.
        // 361^k ≥ 1.1e12: k ≥ 12.04/2.558 = 4.71, so at step 5 (it would overflow at 121).
        var m = model("--lr 1.0 --start 1,1", paused: false)
        m.tick(0.05, times: 200)
        #expect(m.descent.status == .diverged(at: 5))
        #expect(m.descent.step == 5)  // the run keeps its last (finite) row
        #expect(!m.isPlaying)
        #expect(m.statusText.contains("diverged at step 5"))
        // Nothing flies away: the view is still valley's default view, and r recovers.
        #expect(m.screen.contains("★"))
        m.press(.char("r"))  // restarts, and plays on as it did before diverging
        #expect(m.descent.step == 0 && m.runState == .running && m.isPlaying)
        m.press(.char(" "))
        #expect(!m.isPlaying)
    }

    @Test func aRunStoppedByZeroOverZeroSaysSoOnScreen() {
        // Adam with ε = 0 from (1, 0) on the bowl: g_y = 0, so v̂_y = 0 and m̂_y/(√v̂_y + ε) is 0/0 at step 1.
        var m = model("--surface bowl --optimizer adam --eps 0 --start 1,0", width: 100, height: 30)
        m.step(1)
        #expect(m.descent.status == .diverged(at: 1))
        let screen = m.screen.replacingOccurrences(of: "\n", with: " ")
        #expect(screen.contains("0/0"), "\(m.screen)")
        #expect(screen.contains("ε = 0") && screen.contains("--eps"), "\(m.screen)")
        // A key clears notices, not this: it stays as long as the run is stopped; r restarts.
        m.press(.char("+"))
        #expect(m.screen.contains("0/0"))
        m.press(.char("r"))
        #expect(!m.screen.contains("0/0"))
        // An ordinary overflow has no such line.
        var v = model("--lr 1.0 --start 1,1", paused: false)
        v.tick(0.05, times: 200)
        #expect(v.descent.status == .diverged(at: 5) && !v.screen.contains("0/0"))
    }

    /// The step on the status line.
    static func statusStep(_ m: Model) -> Int? {
        m.view().lines().last { $0.hasPrefix("step ") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    @Test func whileAnimatingTheReadoutsCatchUpFiveTimesASecond() {
        // 20 steps/s in ticks of 0.05 s: one step a tick. The point moves every tick; the
        // status shows the step of the last refresh, every 0.2 s of ticks (4 ticks).
        var m = model(paused: false)
        var shown: [Int] = []
        for _ in 0..<8 {
            m.tick(0.05)
            shown.append(Self.statusStep(m) ?? -1)
        }
        #expect(m.descent.step == 8)
        #expect(shown == [0, 0, 0, 4, 4, 4, 4, 8], "\(shown)")
        // Any key shows every number as it is now.
        m.tick(0.05)
        #expect(Self.statusStep(m) == 8)
        m.press(.char("+"))
        #expect(Self.statusStep(m) == 9)
    }

    @Test func aRunThatStopsShowsItsLastNumbersAtOnce() {
        // valley, gd, η = 1 from (1, 1) is called diverged at step 5 (above): the status says
        // so in the frame where it happens, not up to a fifth of a second later.
        var m = model("--lr 1.0 --start 1,1", paused: false)
        while m.descent.status == .running { m.tick(0.05) }
        #expect(m.statusText.contains("diverged at step 5"))
        #expect(Self.statusStep(m) == 5)
    }

    @Test func pastedTextIsNotKeys() {
        var m = model(paused: true)
        let before = m.descent
        m.update(.paste("see https://example.org/quiz"))
        #expect(!m.shouldQuit && m.descent.step == before.step && m.descent.optimizer.name == "gd" && m.surfaceName == "valley")
        #expect(m.notice == "pasted text ignored (28 characters): keys are commands here; : takes a setting")
        // The notice goes with the next key, as any notice does.
        m.press(.char("n"))
        #expect(m.notice == nil && m.descent.step == 1)
        // In the `:` line a paste is typed there, line breaks as spaces.
        m.press(.char(":"))
        m.update(.paste("lr\n0.1"))
        m.press(.enter)
        #expect(m.descent.learningRate == 0.1 && m.notice == nil)
    }

    @Test func convergenceStopsTheAnimation() {
        let m = State.converged.make()
        #expect(!m.isPlaying)
        #expect(m.statusText.hasPrefix("converged"))
    }

    @Test func resizeKeepsTheTrailAndRedrawsAtTheNewSize() {
        var m = model("--surface rosenbrock", paused: false)
        m.tick(0.25, times: 8)
        let trail = m.trail
        m.update(.resize(width: 120, height: 40))
        #expect(m.trail == trail)
        #expect(m.view().width == 120 && m.view().height == 40)
        m.update(.resize(width: 10, height: 4))
        #expect(m.screen.contains("too small"))
        m.update(.resize(width: 80, height: 24))
        #expect(m.statusText.contains("rosenbrock"))
    }

    @Test func theTrailIsBounded() {
        var m = model("--surface rosenbrock", paused: false)
        m.type(String(repeating: "]", count: 20))
        m.tick(0.25, times: 8)  // 10 000 steps
        #expect(m.descent.step == 10000)
        #expect(m.trail.count <= Model.trailCapacity + Model.trailCapacity / 4)
        #expect(m.trail.last == m.descent.point)
    }
}

/// Notices: where they go, how long they stay, and the keys that had no effect.
@Suite struct NoticeTests {
    @Test func noticesExpireAfterAFewSecondsOfTicksEvenWhilePaused() {
        var m = model(paused: true)
        #expect(!m.needsTicks)
        m.press(.char("p"))
        #expect(m.notice != nil && m.needsTicks && m.frameInterval == 0.25)
        m.tick(0.25, times: Int(Model.commandNoticeSeconds / 0.25) - 1)
        #expect(m.notice != nil && m.descent.step == 0)
        m.tick(0.25)
        #expect(m.notice == nil && !m.needsTicks)
        // An ordinary notice: four seconds, also while playing; a stall counts as 0.25 s.
        m = model("--race gd,momentum", paused: false)
        m.press(.char("v"))
        m.tick(10)
        #expect(m.notice != nil)
        m.tick(0.25, times: Int(Model.noticeSeconds / 0.25) - 2)
        #expect(m.notice != nil)
        m.tick(0.25)
        #expect(m.notice == nil && m.isPlaying)
    }

    @Test func inARaceVSaysWhyAndTheNoticeLeavesThePanelsAlone() {
        var m = model("--race gd,momentum,adam", paused: true)
        m.press(.char("g"))
        let sidebar = m.sidebarText
        let before = m.view().lines()
        m.press(.char("v"))
        #expect(m.ghosts.isEmpty)
        let after = m.view().lines()
        #expect(m.sidebarText == sidebar)
        // The notice sits at the bottom of the 46-column plot, above the status lines.
        let plot = after.map { String($0.prefix(46)) }
        #expect(plot[20] == " ghosts compare learning rates of one run: c  ")
        #expect(plot[21] == " leaves the race, then v                      ")
        #expect(after[22] == before[22] && after[23] == before[23])
    }

    @Test func learningRateKeysSayWhenTheyAreAtTheirLimit() {
        var m = model("--lr 900")
        m.press(.char("+"))
        #expect(m.descent.learningRate == 1000 && m.notice == nil)
        m.press(.char("+"))
        #expect(m.descent.learningRate == 1000)
        #expect(m.notice == "learning rate at its maximum 1000" && m.screen.contains("learning rate at its maximum 1000"))
        m.press(.char("-"))
        #expect(m.notice == nil && m.descent.learningRate < 1000)
        m = model("--lr 1.1e-9")
        m.press(.char("-"))
        #expect(m.descent.learningRate == 1e-9 && m.notice == nil)
        m.press(.char("_"))
        #expect(m.descent.learningRate == 1e-9 && m.notice == "learning rate at its minimum 1e-09")
        // A rate given beyond the limit is not pulled back by a press the other way.
        m = model("--lr 5000")
        m.press(.char("+"))
        #expect(m.descent.learningRate == 5000 && m.notice != nil)
    }
}

/// The help overlay at every size from the minimum up, in both glyph sets.
@Suite struct HelpSizeTests {
    @Test func helpAlwaysShowsHowToQuitAndNeverCutsAWordingAt40ColumnsOrMore() {
        for unicode in [true, false] {
            let ellipsis = unicode ? "…" : "..."
            for (w, h) in [(160, 48), (80, 24), (70, 20), (57, 19), (40, 12), (20, 6)] {
                var m = model(width: w, height: h, unicode: unicode)
                m.press(.char("?"))
                let lines = m.view().lines()
                let text = lines.joined(separator: "\n")
                let label = "\(w)×\(h) \(unicode ? "unicode" : "ascii")"
                #expect(text.contains("q Ctrl-C  quit") || text.contains("q Ctrl-C        quit")
                        || text.contains("q Ctrl-C               quit"), "\(label)\n\(text)")
                #expect(text.contains("? Esc"), "\(label)")
                if h >= 16 {
                    #expect(lines[0].hasSuffix("? help  q quit "), "\(label): the title's hint is covered")
                }
                if w >= 40 {
                    // Inside the box (between its side lines) nothing is cut.
                    let boxRows = lines.filter { $0.contains(unicode ? "│ " : "| ") }
                    #expect(!boxRows.contains { $0.replacingOccurrences(of: "1\(ellipsis)9", with: "").contains(ellipsis) },
                            "\(label)\n\(text)")
                }
                // A help that leaves rows for later pages says so (and where it fits, how).
                let all = KeyBindings.helpRows.count
                let shown = KeyBindings.helpRows.filter { row in text.contains(Glyphs.forTerminal(unicode: unicode).text(row.keys)) }.count
                #expect((shown < all) == (m.helpPageCount > 1), "\(label)")
                #expect(m.helpPageCount == 1 || text.contains("? 1/\(m.helpPageCount)") || text.contains("? more: 1/"), "\(label)\n\(text)")
            }
        }
    }

    @Test func theHelpReadsWellInAscii() {
        // 30 rows: the b row is below the legend's marks and shading in priority.
        var m = model(width: 70, height: 30, unicode: false)
        m.press(.char("?"))
        let text = m.screen
        #expect(text.contains("| + - = _         lr up / down: 1 1.25 1.6 2 2.5 3.2 4 5 6.3 8 "))
        #expect(text.contains("| b               noise on/off; data: full -> mini-batch -> SGD "))
        #expect(!text.contains("x / /"))
    }
}

/// Rprop reads η only at its first step (torch's `step_size.fill_(lr)`): a later change of
/// η is said to change nothing until a restart, for `+`/`-` and for `:lr`.
@Suite struct RpropLearningRateNoteTests {
    @Test func aChangeOfTheRateAfterTheFirstStepSaysRpropIgnoresIt() {
        var m = model("--surface bowl", "--optimizer", "rprop")
        m.press(.char("+"))  // before the first step: η is what it will use, nothing to say
        #expect(m.notice == nil)
        m.press(.char("n"), .char("n"), .char("+"))
        #expect(m.notice?.hasPrefix("rprop uses η only at step 1") == true)
        m.press(.char(":"))
        m.type("lr 0.01")
        m.press(.enter)
        #expect(m.descent.learningRate == 0.01 && m.notice?.hasPrefix("rprop uses η only at step 1") == true)
        // Any other rule reads η at every step: no such note.
        var gd = model("--surface bowl")
        gd.press(.char("n"), .char("+"))
        #expect(gd.notice == nil)
    }
}
