import DownhillCore
import Foundation
import Testing
import TestSupport

/// The progressive η sweep and the basin map (SPEC §9).
@Suite struct LandscapeTests {
    @Test func aProgressiveSweepEndsWithTheSweepsRows() {
        let template = descent("--surface rosenbrock --optimizer momentum --momentum 0.5")
        let rates = Sweep.learningRates(from: 1e-5, to: 1e-2, points: 12)
        var work = ProgressiveSweep(template: template, learningRates: rates, steps: 50)
        // A budget of 120 updates is two runs of 50; a budget below one run still makes one.
        #expect(work.advance(budget: 120) && work.rows.count == 2)
        #expect(work.advance(budget: 10) && work.rows.count == 3)
        work.finish()
        #expect(work.isComplete && !work.advance(budget: 1000))
        #expect(work.rows == Sweep.rows(template, learningRates: rates, steps: 50))
    }

    @Test func basinsOnHimmelblauFindAllFourMinimaAndTheSharesAddUpToTheView() {
        // gd at its default η on himmelblau, 100 steps from the centre of each of 40 × 20 cells.
        let d = descent("--surface himmelblau")
        var map = BasinMap(template: d, columns: 40, rows: 20, box: Surfaces.himmelblau.defaultView, steps: 100)
        map.finish()
        let counts = map.counts
        #expect(counts.minima.count == 4 && counts.minima.allSatisfy { $0 > 0 }, "\(counts)")
        #expect(counts.minima.reduce(0, +) + counts.notArrived + counts.diverged == 40 * 20)
        // By symmetry of the picture, each basin holds a good part of the view.
        #expect(counts.minima.allSatisfy { $0 > 40 * 20 / 8 }, "\(counts)")
        // A cell's outcome is where its own run ends: the run from (3.2, 2.1) reaches (3, 2).
        #expect(map.outcome(from: Vector2(3.2, 2.1)) == .minimum(Surfaces.himmelblau.minima.firstIndex(of: Vector2(3, 2))!))
        // Diverging and not arriving: valley at η = 0.2 (gd's limit is 0.1) multiplies y by
        // −3 a step, so every start off the floor y = 0 (the middle of 3 rows) diverges,
        // and the floor's runs reach the minimum; at η = 1e-4 nothing arrives in 100 steps.
        var wild = BasinMap(template: descent("--surface valley --lr 0.2"), columns: 6, rows: 3, box: Surfaces.valley.defaultView,
                            steps: 1000)
        wild.finish()
        #expect(wild.counts.diverged == 12 && wild.counts.minima == [6])
        var slow = BasinMap(template: descent("--surface valley --lr 0.0001"), columns: 6, rows: 3, box: Surfaces.valley.defaultView,
                            steps: 100)
        slow.finish()
        #expect(slow.counts.notArrived == 18)
    }

    @Test func theMapComesCoarseFirst() {
        var map = BasinMap(template: descent("--surface himmelblau"), columns: 32, rows: 16, box: Surfaces.himmelblau.defaultView,
                           steps: 20)
        // The first pass, every 8th cell of every 8th row: 4 × 2 cells, 20 updates each.
        map.advance(budget: 8 * 20)
        #expect(map.computed == 8)
        // Already every cell shows something (its block's corner).
        #expect((0..<16).allSatisfy { r in (0..<32).allSatisfy { c in map.shown(column: c, row: r) != nil } })
        #expect(map.outcomes.compactMap { $0 }.count == 8)
        map.finish()
        #expect(map.isComplete && map.progress == 1 && map.computed == 32 * 16)
        // Each cell was computed once: the order is a permutation of the cells.
        #expect(map.outcomes.allSatisfy { $0 != nil })
    }

    @Test func theMapOnEveryCoreIsTheMapOfEachCellAlone() {
        // The cells are shared out between threads: each outcome must still be the one its
        // own run gives, in its own place. Adam on rosenbrock (some arrive, some do not) and
        // gd on valley at η = 0.2 (short diverged runs beside long ones), in uneven chunks.
        for (setup, surface) in [("--surface rosenbrock --optimizer adam --lr 0.05", Surfaces.rosenbrock as any LossSurface),
                                 ("--surface valley --lr 0.2", Surfaces.valley)] {
            var map = BasinMap(template: descent(setup), columns: 23, rows: 11, box: surface.defaultView, steps: 60)
            var chunk = 1
            while map.advance(budget: chunk * 60) { chunk = chunk % 37 + 5 }
            #expect(map.isComplete)
            for r in 0..<11 {
                for c in 0..<23 {
                    #expect(map.outcomes[r * 23 + c] == map.outcome(from: map.start(column: c, row: r)), "\(setup) (\(c), \(r))")
                }
            }
        }
    }
}
