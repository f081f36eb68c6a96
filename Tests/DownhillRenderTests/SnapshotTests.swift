import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillRender

/// Whole screens as `play` draws them, for several surfaces, sizes and glyph sets.
/// Re-record with `SNAPSHOT_RECORD=1 swift test …` and read the files before committing.
@Suite struct SnapshotTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The command line of the run (`downhill frame` style options).
        var args: String
        var steps: Int
        var width: Int
        var height: Int
        var unicode = true
        var playing = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "bowl-gd-80x24", args: "--surface bowl", steps: 12, width: 80, height: 24),
        Case(name: "valley-gd-80x24-ascii", args: "--surface valley --lr 0.09", steps: 40, width: 80, height: 24, unicode: false),
        Case(name: "rosenbrock-momentum-120x40", args: "--surface rosenbrock --optimizer momentum", steps: 300,
             width: 120, height: 40, playing: true),
        Case(name: "himmelblau-adam-120x40-ascii", args: "--surface himmelblau --optimizer adam --start=-0.5,-0.5", steps: 60,
             width: 120, height: 40, unicode: false, playing: true),
        Case(name: "six-hump-camel-rmsprop-40x12", args: "--surface six-hump-camel --optimizer rmsprop", steps: 50,
             width: 40, height: 12),
        Case(name: "saddle-gd-40x12-ascii", args: "--surface saddle", steps: 60, width: 40, height: 12, unicode: false),
        Case(name: "linear-regression-minibatch-80x24", args: "--surface linear-regression --batch 8", steps: 30,
             width: 80, height: 24),
        Case(name: "valley-diverged-80x24", args: "--surface valley --lr 1.0 --start 1,1", steps: 200, width: 80, height: 24),
        Case(name: "beale-adagrad-200x60", args: "--surface beale --optimizer adagrad", steps: 200, width: 200, height: 60),
        Case(name: "goldstein-price-adam-80x24", args: "--surface goldstein-price --optimizer adam --start=-1,1", steps: 100,
             width: 80, height: 24),
    ]

    @Test(arguments: cases)
    func screen(_ c: Case) {
        let run = Run(c.args, steps: c.steps)
        let grid = run.screen(width: c.width, height: c.height, unicode: c.unicode, playing: c.playing)
        assertSnapshot(grid.lines(), named: c.name)
    }

    @Test func helpOverlay() {
        let rows = [HelpRow(keys: "space", action: "play / pause"), HelpRow(keys: "n", action: "one step"),
                    HelpRow(keys: "← → ↑ ↓", action: "move the start point"), HelpRow(keys: "q Ctrl-C", action: "quit")]
        let unicode = Run("--surface matyas", steps: 10).screen(width: 60, height: 16, help: rows)
        assertSnapshot(unicode.lines(), named: "help-overlay-60x16")
        let ascii = Run("--surface matyas", steps: 10).screen(width: 60, height: 16, unicode: false, help: rows)
        assertSnapshot(ascii.lines(), named: "help-overlay-60x16-ascii")
    }
}
