import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// The data panel in the app: `d` opens and closes it on a data-backed surface, says why
/// not on an analytic one, and the curve follows the point in parameter space.
@Suite struct DataPanelAppTests {
    @Test func dTogglesThePanelOnADataBackedSurface() {
        var m = model("--surface linear-regression")
        #expect(KeyBindings.action(for: .char("d")) == .togglePanel("data"))
        #expect(KeyBindings.helpRows.contains { $0.keys == "d" })
        m.press(.char("d"))
        #expect(m.isOpen("data") && m.notice == nil && m.panels(order: [0]).data != nil)
        #expect(m.screen.contains("data · ŷ = "))
        m.press(.char("d"))
        #expect(!m.isOpen("data") && m.panels(order: [0]).data == nil && !m.screen.contains("data · "))
    }

    @Test func anAnalyticSurfaceGetsANotice() {
        var m = model("--surface valley")
        m.press(.char("d"))
        #expect(!m.isOpen("data") && m.panels(order: [0]).data == nil)
        #expect(m.notice == "the data panel needs a data-backed surface (linear-regression, logistic-regression, neuron)")
        #expect(m.screen.contains("the data panel needs a data-backed surface"))
    }

    @Test func theTitleFollowsThePointAndTheSurface() {
        var m = model("--surface logistic-regression")
        m.press(.char("d"))
        m.step(15)
        let p = m.descent.point
        #expect(m.screen.contains("data · " + DataPanel.formula(p, shape: .sigmoid)))
        // To an analytic surface and back: hidden there (no sidebar), shown again after.
        let analytic = Surfaces.all.first { !$0.isDataBacked }!.name
        _ = m.switchSurface(to: analytic)
        #expect(m.isOpen("data") && m.panels(order: [0]).data == nil && !m.wantsSidebar)
        _ = m.switchSurface(to: "linear-regression")
        #expect(m.panels(order: [0]).data?.scatter.shape == .line && m.wantsSidebar)
    }

    @Test func inARaceTheSelectedRacerIsNamedAndEveryRacerDrawn() {
        var m = model("--surface linear-regression --race gd,adam")
        m.press(.char("d"))
        m.step(10)
        let order = m.tracks.indices.filter { $0 != m.selected } + [m.selected]
        let data = m.panels(order: order).data!
        #expect(data.curves.count == 2 && data.curves.last!.parameters == m.descent.point)
        #expect(m.screen.contains(DataPanel.formula(m.descent.point, shape: .line)))
        m.press(.tab)
        #expect(m.screen.contains(DataPanel.formula(m.descent.point, shape: .line)))
    }
}

extension PanelSnapshotTests {
    @Test func dataPanel() {
        // linear-regression with SGD after 30 steps: the line under way to the fit.
        var m = model("--surface linear-regression --batch sgd")
        m.press(.char("d"))
        m.step(30)
        snapshotBothSizes(m, "data-linear")
        m.appearance = .init(unicode: false)
        snapshotBothSizes(m, "data-linear-ascii")
        // logistic regression: labels 0/1 and the sigmoid, with the loss chart below.
        var l = model("--surface logistic-regression")
        l.type("dg")
        l.step(30)
        snapshotBothSizes(l, "data-logistic-chart")
        l.appearance = .init(unicode: false)
        snapshotBothSizes(l, "data-logistic-chart-ascii")
        // The neuron in a race: each racer's sigmoid in its ink, the selected one named.
        var r = model("--surface neuron --race gd,momentum,adam")
        r.press(.char("d"))
        r.step(60)
        snapshotBothSizes(r, "data-neuron-race")
    }
}
