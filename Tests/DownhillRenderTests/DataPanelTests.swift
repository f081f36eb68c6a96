import Foundation
import Testing
import DownhillCore
@testable import DownhillRender

/// The data panel: the curve's dots for known parameters, the sigmoid's crossing, the
/// fixed axes, the layout beside the other panels, and that it never draws outside its
/// rectangle.
@Suite struct DataPanelTests {
    /// (0,0), (1,1), (2,2) on axes [0, 2] × [0, 2].
    static let diagonal = DataScatter(shape: .line, points: [Vector2(0, 0), Vector2(1, 1), Vector2(2, 2)],
                                      x: 0...2, y: 0...2)

    @Test func theLineThroughTheDataIsTheDiagonal() {
        // 8 × 8 dots: column c is x = 2c/7, ŷ = x, row (2 − ŷ)·7/2 = 7 − c.
        let rows = DataPanel.curveRows(Vector2(1, 0), scatter: Self.diagonal, width: 8, height: 8)
        #expect(rows.count == 8)
        for (c, row) in rows.enumerated() { #expect(abs(row - Double(7 - c)) < 1e-12) }
        // Drawn: labels 1 column wide ("2", "0"), the axis, a plot of 4 × 2 braille cells.
        var grid = CellGrid(width: 6, height: 4)
        DataPanel.draw(DataContent(scatter: Self.diagonal, curves: [DataCurve(parameters: Vector2(1, 0), ink: .trail(0))]),
                       in: CellRect(left: 0, top: 0, columns: 6, rows: 4), glyphs: .unicode, into: &grid)
        let lines = grid.lines()
        // Curve dots (c, 7 − c); the points at dots (0, 7), (4, 4) (x = 1 → 3.5 rounds up) and
        // (7, 0). Top cell row: (4,3)+(5,2) = 0x40|0x20 = ⡠, (6,1)+(7,0) = 0x02|0x08 = ⠊.
        // Bottom: (0,7)+(1,6) = ⡠, (2,5)+(3,4) = ⠊, the point (4,4) alone = ⠁.
        #expect(lines[1] == "2│  ⡠⠊")
        #expect(lines[2] == "0│⡠⠊⠁ ")
        #expect(lines[3] == "  0  2")
        #expect(grid[2, 1] == .blank && grid[5, 1].ink == .trail(0) && grid[4, 2].ink == .statusText)
    }

    @Test func theTitleSaysTheModel() {
        #expect(DataPanel.formula(Vector2(0.76, 0.52), shape: .line) == "ŷ = 0.76x + 0.52")
        #expect(DataPanel.formula(Vector2(1.5, -0.75), shape: .sigmoid) == "ŷ = σ(1.5x − 0.75)")
        #expect(DataPanel.formula(Vector2(-2, 0), shape: .line) == "ŷ = −2x + 0")
        #expect(Glyphs.ascii.text(DataPanel.formula(Vector2(1.5, -0.75), shape: .sigmoid)) == "y^ = sigmoid(1.5x - 0.75)")
    }

    @Test func theSigmoidCrossesOneHalfAtMinusBOverW() {
        // x ∈ [−1, 3] over 9 dot columns: 0.5 per column; y ∈ [−0.1, 1.1] over 8 dot rows,
        // so ŷ = 0.5 is row (1.1 − 0.5)·7/1.2 = 3.5.
        let scatter = DataScatter(shape: .sigmoid, points: [], x: -1...3, y: DataScatter.sigmoidRange)
        let half = 3.5
        // w = 2, b = −2: −b/w = 1, column 4 exactly.
        let rows = DataPanel.curveRows(Vector2(2, -2), scatter: scatter, width: 9, height: 8)
        #expect(abs(rows[4] - half) < 1e-12)
        // Other parameters, rising and falling: above ½ on one side of −b/w, below on the other.
        for (w, b) in [(2.0, -2.0), (1.0, 0.5), (-1.5, 1.2), (4.0, -6.0)] {
            let crossing = -b / w
            let r = DataPanel.curveRows(Vector2(w, b), scatter: scatter, width: 9, height: 8)
            for (c, row) in r.enumerated() {
                let x = -1 + 0.5 * Double(c)
                guard abs(x - crossing) > 1e-9 else { continue }
                // ŷ > ½ (a row above the middle, a smaller row) exactly when w·x + b > 0.
                #expect((row < half) == (w * x + b > 0), "w \(w) b \(b) column \(c)")
            }
        }
    }

    @Test func theAxesComeFromTheDataAndStayPut() {
        // [0, 2] padded by 0.04 each side, on a grid of 0.2 (2.08/20 = 0.104 → 0.2): [−0.2, 2.2].
        let axis = DataScatter.axis(0, 2)
        #expect(abs(axis.lowerBound + 0.2) < 1e-12 && abs(axis.upperBound - 2.2) < 1e-12)
        #expect(DataScatter.axis(3, 3) == 2...4)
        #expect(DataScatter.axis(.nan, 1) == 0...1)
        // Labels: the sigmoid models use [−0.1, 1.1] whatever the data; x comes from every
        // row even when only some are plotted (10 000 rows, every fifth plotted).
        var xs = (0..<10_000).map { Double($0 % 100) / 10 }  // 0 … 9.9
        xs[3] = 50  // not a plotted row (0, 5, 10, …)
        let data = Dataset(source: "test", x: xs, y: xs.indices.map { Double($0 % 2) })
        let s = DataScatter(kind: .logisticRegression, data: data)
        #expect(s.shape == .sigmoid && s.y == DataScatter.sigmoidRange)
        #expect(s.points.count == DataScatter.maximumPoints && s.points[1] == Vector2(xs[5], 1))
        #expect(s.x.lowerBound <= 0 && s.x.upperBound >= 50)
        let small = DataScatter(kind: .linearRegression, data: Dataset(source: "t", x: [0, 1, 2], y: [0, 1, 2]))
        #expect(small.shape == .line && small.points.count == 3 && small.y == small.x)
    }

    @Test func itSharesTheSidebarWithTheLossChart() {
        let data = DataContent(scatter: Self.diagonal, curves: [DataCurve(parameters: Vector2(1, 0), ink: .trail(0))])
        let area = CellRect(left: 0, top: 0, columns: 32, rows: 21)
        // Alone: its preferred 32/2 + 2 = 18 rows.
        #expect(SidePanels.layout(Panels([data]), in: area, glyphs: .unicode).map(\.rect.rows) == [18])
        // With the chart: half of the 21 rows (10), the chart the other 11.
        let chart = LossChartContent([LossSeries(history: LossHistory(step: 0, loss: 1), ink: .trail(0))])
        let pair = Panels([data, chart])
        let both = SidePanels.layout(pair, in: area, glyphs: .unicode)
        #expect(both.map { pair.items[$0.index].panelName } == ["data", "chart"] && both.map(\.rect.rows) == [10, 11])
        // Too short for both minimums (6 + 5): the data panel is hidden, the chart stays.
        let short = SidePanels.layout(pair, in: CellRect(left: 0, top: 0, columns: 32, rows: 10), glyphs: .unicode)
        #expect(short.map { pair.items[$0.index].panelName } == ["chart"])
    }

    @Test func itNeverDrawsOutsideItsRectangle() {
        // Steep, flat, far-off and non-finite models over a regression and a sigmoid scatter.
        let sentinel = Cell("§", .plain)
        let curves = [Vector2(1e6, 0), Vector2(-1e6, 3), Vector2(0, 1e9), Vector2(.nan, 0), Vector2(1, .infinity),
                      Vector2(1, 0)].enumerated().map { DataCurve(parameters: $0.element, ink: .racer($0.offset)) }
        let points = (0..<50).map { Vector2(Double($0) / 10 - 2, Double($0 % 7) - 3) }
        let scatters = [DataScatter(shape: .line, points: points, x: -1...1, y: -2...2),
                        DataScatter(shape: .sigmoid, points: points, x: -3...3, y: DataScatter.sigmoidRange)]
        for glyphs in [Glyphs.unicode, .ascii] {
            for scatter in scatters {
                for columns in [1, 3, 6, 9, 32, 54] {
                    for rows in [1, 2, 4, 6, 18, 45] {
                        var grid = CellGrid(width: columns + 10, height: rows + 6, fill: sentinel)
                        let rect = CellRect(left: 5, top: 3, columns: columns, rows: rows)
                        DataPanel.draw(DataContent(scatter: scatter, curves: curves), in: rect, glyphs: glyphs, into: &grid)
                        for r in 0..<grid.height {
                            for c in 0..<grid.width where !rect.contains(column: c, row: r) {
                                #expect(grid[c, r] == sentinel, "\(columns)×\(rows) wrote (\(c), \(r))")
                            }
                        }
                    }
                }
            }
        }
    }
}
