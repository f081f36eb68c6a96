import DownhillCore
@testable import DownhillApp
import TestSupport
import Testing

/// The history: `,` and `.` step back and forth exactly, `{` `}` go from mark to mark, a
/// change made in the past starts a new branch. Expected rows come from `downhill run`'s
/// code path (TestSupport.runRows), which the history never touches.
@Suite struct HistoryTests {
    func rows(_ line: String, steps: Int) -> [TrajectoryPoint] { runRows(setup(line), steps: steps).rows }

    @Test(arguments: [
        "--surface valley --optimizer gd --start 1,1",
        "--surface rosenbrock --optimizer momentum",
        "--surface rosenbrock --optimizer adam",
        "--surface linear-regression --batch sgd --seed 7",
        "--surface linear-regression --batch 8 --optimizer adam --seed 3",
        "--surface bowl --optimizer rmsprop --noise 0.5 --seed 11",
    ])
    func backAndForwardRetraceTheRunExactly(line: String) {
        // 1,300 steps: past two snapshots (every 512), so restoring replays from one.
        let want = rows(line, steps: 1300)
        var m = model(line)
        m.step(1300)
        #expect(m.descent.current == want[1300])
        for _ in 0..<700 { m.press(.char(",")) }
        #expect(m.descent.current == want[600], "back 700")
        #expect(m.statusText.contains("step 600 (700 back)"))
        m.press(.char("."), .char("."))
        #expect(m.descent.current == want[602])
        // Stepping on from the past retraces the same run (here: the batch order too).
        m.step(98)
        #expect(m.descent.current == want[700])
        // Far back, then forward again to the end.
        for _ in 0..<700 { m.press(.char(",")) }
        #expect(m.descent.current == want[0])
        m.press(.char(","))
        #expect(m.notice == "at the start of the history")
    }

    @Test func aRaceGoesBackTogether() {
        let line = "--surface rosenbrock --race gd,momentum:0.0003,adam"
        var m = model(line)
        m.step(40)
        for _ in 0..<15 { m.press(.char(",")) }
        let solo = ["--optimizer gd", "--optimizer momentum --lr 0.0003", "--optimizer adam"].map {
            rows("--surface rosenbrock " + $0, steps: 25)[25]
        }
        #expect(m.tracks.map(\.descent.current) == solo)
    }

    @Test func aChangeInThePastStartsABranch() {
        // gd on valley from (1, 1): back to step 3, set η 0.1, step: y flips with |1 − 20·0.1| = 1.
        var m = model("--surface valley --start 1,1")
        m.step(10)
        for _ in 0..<7 { m.press(.char(",")) }
        #expect(m.descent.step == 3)
        m.press(.char(":"))
        m.type("lr 0.1")
        m.press(.enter)
        let y = m.descent.point.y
        #expect(m.descent.learningRate == 0.1, "\(m.notice ?? "")")
        m.step(1)
        #expect(abs(m.descent.point.y + y) < 1e-15 && m.descent.step == 4, "\(y) \(m.descent.point.y) \(m.descent.step)")
        // The old steps 4…10 are gone: the end of the history is this step.
        m.press(.char("."))
        #expect(m.descent.step == 5 && !m.statusText.contains(" of "))
        // Back before the change: the old η.
        m.press(.char(","), .char(","), .char(","))
        #expect(m.descent.learningRate == 0.08 && m.descent.step == 3)
    }

    @Test func marksBringBackAReplacedRun() {
        var m = model("--surface valley --start 1,1")
        m.step(6)
        let first = m.descent.current
        m.press(.right)  // move the start: a new run
        m.step(2)
        m.press(.char("r"))  // restart
        m.press(.char("s"))  // another surface
        #expect(m.surfaceName != "valley")
        m.press(.char("{"))
        #expect(m.descent.step == 0 && m.surfaceName == "valley")  // the restart
        m.press(.char("{"))
        #expect(m.descent.step == 0 && m.descent.start.x > 1)  // the moved start
        m.press(.char(","))
        #expect(m.descent.current == first)  // the run the arrow replaced, back
        m.press(.char("}"), .char("}"), .char("}"))
        #expect(m.surfaceName != "valley")
        m.press(.char("}"))
        #expect(m.notice == "at the end of the history")
    }
}

/// The whole path stays on screen, however long the run.
@Suite struct WholePathTests {
    @Test func aLongRunKeepsItsFirstSteps() {
        // Adam on rosenbrock, 3,000 steps: the cells of its first 1,000 steps (from `run`'s
        // rows, mapped by the screen's own viewport) still show the trail, its start and
        // its end points among them.
        var m = model("--surface rosenbrock --optimizer adam", width: 160, height: 48)
        m.step(3000)
        let rows = runRows(setup("--surface rosenbrock --optimizer adam"), steps: 1000).rows
        let lines = m.view().lines().map { Array($0) }
        let viewport = m.raster.viewport
        var covered = 0, inside = 0
        for row in rows {
            guard let cell = viewport.cell(of: row.point) else { continue }
            inside += 1
            // A trail glyph in that cell or one next to it (a segment of thinned points
            // runs within a cell of the points it skips).
            let near = (-1...1).flatMap { dr in (-1...1).map { dc in (cell.row + dr, cell.column + dc) } }
            if near.contains(where: { r, c in lines.indices.contains(r) && lines[r].indices.contains(c) && "•·○●".contains(lines[r][c]) }) {
                covered += 1
            }
        }
        #expect(inside > 100 && covered == inside, "\(covered) of \(inside)")
        #expect(m.tracks[0].trail.count <= Track.trailCapacity + Track.trailCapacity / 4)
    }
}
