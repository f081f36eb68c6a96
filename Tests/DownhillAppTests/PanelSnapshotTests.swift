import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// The teaching panels as `play` draws them, each at 80×24 and 160×48 (and where it
/// matters 40×12 and ASCII). Re-record with `SNAPSHOT_RECORD=1` and read every file.
@Suite struct PanelSnapshotTests {
    /// Snapshots `m` at 80×24 and 160×48 as `name-80x24` and `name-160x48`.
    func snapshotBothSizes(_ m: Model, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var m = m
        for (w, h) in [(80, 24), (160, 48)] {
            m.update(.resize(width: w, height: h))
            let lines = m.view().lines()
            #expect(lines.count == h && lines.allSatisfy { $0.count == w }, sourceLocation: sourceLocation)
            assertSnapshot(lines, named: "panel-\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
        }
    }

    @Test func raceLegend() {
        var m = model("--surface rosenbrock --race gd,momentum,adam")
        m.step(120)
        snapshotBothSizes(m, "race")
    }

    @Test func raceWithADropOut() {
        // rosenbrock at one shared η = 0.01: gd diverges at step 7, the others race on.
        var m = model("--surface rosenbrock --race gd,nesterov,rmsprop,adam --lr 0.01")
        m.press(.char("g"))
        m.step(300)
        snapshotBothSizes(m, "race-dropout-chart")
    }

    @Test func stabilityGauge() {
        // valley, gd, η = 0.095 from (1, 1): η·λmax = 1.9, just under 2, oscillating.
        var m = model("--surface valley --lr 0.095 --start 1,1")
        m.press(.char("i"))
        m.step(12)
        snapshotBothSizes(m, "stability-gd")
        var a = model("--surface beale --optimizer adam")
        a.press(.char("i"))
        a.step(40)
        snapshotBothSizes(a, "stability-adam")
    }

    @Test func mathsTable() {
        var m = model("--surface himmelblau --optimizer adam")
        m.press(.char("m"))
        m.step(20)
        snapshotBothSizes(m, "maths-adam")
        var b = model("--surface rosenbrock --optimizer momentum")
        b.press(.char("m"))
        b.step(50)
        b.appearance = .init(unicode: false)
        snapshotBothSizes(b, "maths-momentum-ascii")
    }

    @Test func lossChart() {
        // adam on rosenbrock: the loss falls from 12.5 to 3.3, a linear axis.
        var m = model("--surface rosenbrock --optimizer adam")
        m.press(.char("g"))
        m.step(400)
        snapshotBothSizes(m, "chart")
        m.appearance = .init(unicode: false)
        snapshotBothSizes(m, "chart-ascii")
    }

    @Test func ghosts() {
        // valley from (2.5, 1) at η = 0.04: ¼× and ½× crawl, 2× (0.08) is quick, 4× (0.16)
        // is beyond 2/λmax = 0.1 and diverges.
        var m = model("--surface valley --lr 0.04 --start 2.5,1")
        m.type("vg")
        m.step(30)
        snapshotBothSizes(m, "ghosts")
    }

    @Test func reproduceNotice() {
        var m = model("--surface linear-regression --optimizer rmsprop --batch 8 --seed 42")
        m.press(.char("p"))
        snapshotBothSizes(m, "reproduce")
    }

    @Test func everythingAtOnce() {
        // The benchmark scene: eight racers (the first eight rules) with trails, the loss chart, gauge and maths.
        var m = try! Model.raceOfAllOptimizers(steps: 300)
        m.type("im")
        snapshotBothSizes(m, "all")
        // At 40×12 the sidebar does not fit: the plot keeps the screen, nothing overflows.
        m.update(.resize(width: 40, height: 12))
        assertSnapshot(m.view().lines(), named: "panel-all-40x12")
    }
}

extension PanelSnapshotTests {
    @Test func zoomedIn() {
        // Adam on rosenbrock after 300 steps, zoomed in twice around the point: the last
        // approach to ★ a few cells wide at the default view, now the whole plot.
        var m = model("--surface rosenbrock --optimizer adam")
        m.step(300)
        m.press(.char("z"), .char("z"))
        snapshotBothSizes(m, "zoom-adam-rosenbrock")
        m.press(.char("f"))
        snapshotBothSizes(m, "zoom-fit-adam-rosenbrock")
    }
}
