import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// Screens of the app itself (`Model.view()`), as `downhill frame` prints them.
@Suite struct ScreenSnapshotTests {
    @Test func helpOverThePlot() {
        var m = model("--surface himmelblau --optimizer adam", paused: false)
        m.tick(0.25, times: 2)
        m.press(.char("?"))
        assertSnapshot(m.view().lines(), named: "app-help-80x24")
        m.appearance = .init(unicode: false)
        assertSnapshot(m.view().lines(), named: "app-help-80x24-ascii")
        m.update(.resize(width: 40, height: 12))
        assertSnapshot(m.view().lines(), named: "app-help-40x12")
    }

    @Test func frameAfterSteps() {
        // What `downhill frame --surface valley --steps 25` prints (valley, gd, default lr).
        var m = model("--surface valley")
        m.step(25)
        assertSnapshot(m.view().lines(), named: "app-frame-valley-25")
    }

    @Test func runningWithNoiseAtFastSpeed() {
        var m = model("--surface rastrigin --optimizer nesterov", paused: false)
        m.type("b]]]")
        m.tick(0.25, times: 4)
        m.update(.resize(width: 120, height: 40))
        assertSnapshot(m.view().lines(), named: "app-rastrigin-noise-120x40-resized")
    }
}
