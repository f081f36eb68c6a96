import DownhillCore
@testable import DownhillApp
import DownhillRender
import Testing
import TestSupport

/// The η-sweep panel (`w`) and the basin map (`a`) in the app: computed a chunk per tick,
/// started again when what they show changes.
@Suite struct LandscapeAppTests {
    @Test func theSweepPanelIsComputedAChunkPerTickEvenWhilePaused() {
        var m = model("--surface valley", width: 100, height: 30, paused: true)
        #expect(!m.needsTicks)
        m.press(.char("w"))
        #expect(m.isOpen("sweep") && m.hasPendingWork && m.needsTicks && m.frameInterval == 1.0 / 30.0)
        // A tick does at most the budget (whole runs of K steps), never all of a big job at once.
        m.tick(1.0 / 30.0)
        let rows = m.sweepWork!.rows.count
        #expect(rows >= 1 && rows <= max(1, m.workBudget / Model.instrumentSteps))
        while m.hasPendingWork { m.tick(1.0 / 30.0) }
        #expect(m.sweepWork!.isComplete && !m.needsTicks)
        // Its rows are the sweep of this run: gd on valley from its start, K = 100 steps.
        let work = m.sweepWork!
        #expect(work.rows == Sweep.rows(m.descent, learningRates: work.learningRates, steps: Model.instrumentSteps))
        // The panel marks this η and gd's critical η (2/λmax = 0.1 on valley).
        #expect(m.screen.contains("▲ η 0.08  ┊ η crit 0.1"))
        // The descent itself did not move.
        #expect(m.descent.step == 0)
    }

    @Test func theSweepStartsAgainWhenTheRunChangesButNotForAnotherRateInItsRange() {
        var m = model("--surface valley", width: 100, height: 30)
        m.press(.char("w"))
        m.finishInstruments()
        m.press(.char("+"))  // η within the range: the same sweep, the mark moves
        #expect(m.sweepWork!.isComplete)
        m.press(.char("o"))  // another rule
        #expect(!m.sweepWork!.isComplete && m.sweepWork!.template.optimizer.name == "momentum")
        m.finishInstruments()
        m.press(.right)  // another start
        #expect(!m.sweepWork!.isComplete && m.sweepWork!.template.start == m.descent.start)
        m.press(.char("w"))
        #expect(m.sweepWork == nil && !m.hasPendingWork)
    }

    @Test func theBasinMapFollowsTheRateButNotTheStart() {
        var m = model("--surface himmelblau", width: 100, height: 30)
        m.press(.char("a"))
        let viewport = m.raster.viewport
        #expect(m.basinWork!.columns == viewport.area.columns && m.basinWork!.rows == viewport.area.rows)
        m.finishInstruments()
        m.press(.left)  // the map does not depend on the start
        #expect(m.basinWork!.isComplete)
        m.press(.char("-"))  // it does on η
        #expect(!m.basinWork!.isComplete && m.basinWork!.template.learningRate == m.descent.learningRate)
        m.finishInstruments()
        // All four minima are reached, their shares and the rest add up to the plot.
        let counts = m.basinWork!.counts
        #expect(counts.minima.allSatisfy { $0 > 0 })
        #expect(counts.minima.reduce(0, +) + counts.notArrived + counts.diverged == viewport.area.columns * viewport.area.rows)
        // The legend lists the four minima; the plot is lettered by basin.
        let screen = m.screen
        for line in ["a (3, 2)", "b (-2.805, 3.131)", "c (-3.779, -3.283)", "d (3.584, -1.848)"] {
            #expect(screen.contains(line), "\(line)")
        }
        #expect(m.view().lines()[5].contains("bbbb"))
    }

    @Test func aKeyIsHandledAtOnceWhileTheMapIsComputed() {
        var m = model("--surface rosenbrock", width: 160, height: 48, paused: true)
        m.press(.char("a"))
        m.tick(1.0 / 30.0)
        #expect(m.hasPendingWork)
        // The key acts now; the map goes on from where it was (it does not depend on the start).
        let computed = m.basinWork!.computed
        m.press(.char("n"))
        #expect(m.descent.step == 1 && m.basinWork!.computed == computed)
    }

    @Test func workMessagesFinishTheInstrumentsWithoutTimePassing() {
        // The loop sends `.work` whenever no input waits: the map finishes at the speed of
        // the machine, not of the frame rate, and nothing else moves.
        var m = model("--surface himmelblau", width: 100, height: 30, paused: true)
        #expect(m.update(.work).isEmpty)  // nothing to compute: nothing to draw
        m.press(.char("a"))
        m.press(.char("w"))
        var messages = 0
        while m.hasPendingWork {
            #expect(m.update(.work) == .redraw)
            messages += 1
        }
        var reference = m.basinWork!
        reference.finish()
        #expect(m.basinWork!.outcomes == reference.outcomes && m.sweepWork!.isComplete)
        // Chunks of the work budget: the map's cells of 100 updates each and the sweep's 40
        // runs of 100 need at least that many chunks.
        #expect(messages >= (m.basinWork!.columns * m.basinWork!.rows + 40) * 100 / m.workBudget)
        #expect(m.descent.step == 0 && m.update(.work).isEmpty)
    }
}
