import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import Foundation
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

/// Issue 12: the screen in every theme at a projector's 60×20, the common 80×24 and a large
/// 160×48, as `frame --color always --theme T` writes it (text with the theme's SGR colours).
@Suite struct ThemeSnapshotTests {
    @Test("every theme at 60×20, 80×24 and 160×48", arguments: ["dark", "light", "mono"])
    func themed(name: String) throws {
        let theme = try #require(Theme.named(name))
        for (width, height) in [(60, 20), (80, 24), (160, 48)] {
            var m = model("--surface valley --lr 0.095 --start -2.5,1", width: width, height: height)
            m.appearance = .init(unicode: true, theme: theme)
            // The gauge where the sidebar fits; at 60×20 the plot alone.
            if width >= ScreenLayout.sidebarMinimumWidth { m.press(.char("i")) }
            m.step(14)
            let lines = ansiLines(m.view(), depth: .full, theme: m.appearance.theme)
            assertSnapshot(lines, named: "theme-\(name)-\(width)x\(height)")
            // The colours change nothing of the text.
            #expect(lines.map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) } == m.view().lines())
        }
    }
}
