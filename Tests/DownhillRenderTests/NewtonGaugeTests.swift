import DownhillCore
@testable import DownhillRender
import Testing
import TestSupport

/// The stability gauge for Newton's method, whose limit is on η itself (θ ← (1 − η)θ on any
/// nonsingular quadratic): η against 2, never a critical η = 2/λmax.
@Suite struct NewtonGaugeTests {
    @Test func theGaugeComparesEtaWithTwoWhateverTheCurvature() {
        // valley at (1, 1): λmax = 20; gd's critical η would be 0.1, Newton's is 2.
        let lines = StabilityGauge.lines(curvature(Newton(), lr: 1))
        #expect(lines == ["λmax 20   η 1", "η 1 < 2 (independent of λ)", "stable iff η < 2 at any curvature"])
        #expect(!lines.joined().contains("η·λmax") && !lines.joined().contains("0.1"))
        let over = StabilityGauge.lines(curvature(Newton(), lr: 2.5))
        #expect(over[1] == "η 2.5 ≥ 2 (independent of λ)")
    }

    @Test func theBarFillsToEtaAndMarksTwo() {
        // η = 1 of a limit 2, on a 30-cell bar spanning 0…3: 10 cells filled, the mark at 20.
        let r = reading(Surfaces.valley, Newton(), lr: 1)
        var grid = CellGrid(width: 30, height: 1)
        StabilityGauge.drawBar(r, ink: StabilityGauge.level(r), in: CellRect(left: 0, top: 0, columns: 30, rows: 1),
                               row: 0, glyphs: .unicode, into: &grid)
        #expect(grid.lines()[0] == String(repeating: "━", count: 10) + String(repeating: "─", count: 10) + "┃"
                + String(repeating: "─", count: 9))
        #expect(StabilityGauge.level(r) == .gauge(0))
        #expect(StabilityGauge.level(reading(Surfaces.valley, Newton(), lr: 1.9)) == .gauge(1))
        #expect(StabilityGauge.level(reading(Surfaces.valley, Newton(), lr: 2)) == .gauge(2))
    }

    @Test func onASaddleItSaysNewtonStepsTowardIt() {
        // saddle: H = diag(2, −2); the Newton step goes to the stationary point, the saddle.
        let d = descent(Surfaces.saddle, Newton(), lr: 1, start: Vector2(1, 1))
        #expect(StabilityGauge.lines(StabilityContent(d))
                == ["λmax 2   η 1", "η 1 < 2 (independent of λ)", "stable iff η < 2 at any curvature",
                    "λmin -2 < 0: steps toward the saddle"])
        var grid = CellGrid(width: 32, height: 8)
        let content = StabilityContent(d)
        #expect(StabilityGauge.rows(content, width: 32, glyphs: .ascii) == 8)
        StabilityGauge.draw(content, in: CellRect(left: 0, top: 0, columns: 32, rows: 8), glyphs: .ascii, into: &grid)
        let lines = grid.lines().map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(lines[0].hasPrefix("- stability - newton"))
        #expect(Array(lines[1...2]) == ["lambdamax 2   lr 1", "lr 1 < 2 (independent of lambda)"])
    }
}
