import Foundation
import DownhillCore

/// A data set as the data panel plots it: a deterministic subsample of its rows and the
/// fixed ranges of the two axes, all in data units (x, and y or the 0/1 label). Build it
/// once per data set: the axes do not move while the model does.
public struct DataScatter: Equatable, Sendable {
    /// The model's curve: a line ŷ = w·x + b, or a sigmoid ŷ = σ(w·x + b).
    public enum Shape: Equatable, Sendable {
        case line, sigmoid
    }

    /// The most rows plotted; larger data sets are subsampled evenly (every k-th row).
    public static let maximumPoints = 2000
    /// The vertical range of the sigmoid models: the labels 0 and 1 with a margin.
    public static let sigmoidRange: ClosedRange<Double> = -0.1...1.1

    public let shape: Shape
    /// The plotted rows (x, y), data units.
    public let points: [Vector2]
    /// The horizontal axis (data x) and the vertical axis (data y), data units.
    public let x: ClosedRange<Double>
    public let y: ClosedRange<Double>

    /// A scatter with explicit ranges (for tests and special plots).
    public init(shape: Shape, points: [Vector2], x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.shape = shape
        self.points = points
        self.x = x
        self.y = y
    }

    /// The scatter of a data surface's rows: at most `maximumPoints` of them (rows
    /// ⌊i·N/max⌋, so the same every time), x over the data's range padded and rounded out
    /// (``axis(_:_:)``), y likewise for linear regression and ``sigmoidRange`` for the
    /// sigmoid models. The ranges come from every row, not only the plotted ones.
    public init(kind: DataSurfaceKind, data: Dataset, maximumPoints: Int = Self.maximumPoints) {
        shape = kind == .linearRegression ? .line : .sigmoid
        let n = data.count, cap = max(1, maximumPoints)
        let rows = n <= cap ? Array(0..<n) : (0..<cap).map { $0 * n / cap }
        points = rows.map { Vector2(data.x[$0], data.y[$0]) }
        x = Self.axis(data.x.min() ?? 0, data.x.max() ?? 1)
        y = shape == .line ? Self.axis(data.y.min() ?? 0, data.y.max() ?? 1) : Self.sigmoidRange
    }

    /// An axis over [lo, hi]: padded by 2 % of the span each side, then rounded out to a
    /// 1-2-5 grid of about twenty divisions (so its labels are short); ±1 around a single
    /// value; [0, 1] when there is no finite value.
    public static func axis(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite, lo <= hi else { return 0...1 }
        guard hi > lo else { return (lo - 1)...(hi + 1) }
        let pad = 0.02 * (hi - lo)
        return LossChart.roundedOut(lo - pad, hi + pad, divisions: 20)
    }

    /// The model's prediction at `x` for parameters (w, b) = (p.x, p.y).
    public func predict(_ p: Vector2, at x: Double) -> Double {
        let z = p.x * x + p.y
        return shape == .line ? z : sigmoid(z)
    }
}

/// One model drawn on the data panel: its parameters (w, b) = the point in parameter
/// space, world units, and its ink.
public struct DataCurve: Sendable {
    public var parameters: Vector2
    public var ink: Ink
    public init(parameters: Vector2, ink: Ink) {
        self.parameters = parameters
        self.ink = ink
    }
}

/// What the data panel shows: the data and the models to draw over it, in drawing order;
/// the last (drawn on top) is the selected one, named in the title.
public struct DataContent: Sendable {
    public var scatter: DataScatter
    public var curves: [DataCurve]
    public init(scatter: DataScatter, curves: [DataCurve]) {
        self.scatter = scatter
        self.curves = curves
    }
}

/// The data panel: the data set as points (x across, y or the 0/1 label up) and the
/// current model over it, a line ŷ = w·x + b or a sigmoid ŷ = σ(w·x + b), so the point in
/// parameter space reads as a fit. Braille dots (2 × 4 a cell) in Unicode; in ASCII the
/// curve in half cells (`'` `.` `:`) and the points as `o`. The axes are the scatter's
/// fixed ranges; the curve is clipped to them.
public enum DataPanel {
    /// The fewest rows the panel is drawn in: title, four plot rows, the x axis.
    public static let minimumRows = 6
    /// The most columns of the y labels.
    static let maximumLabelWidth = 7

    /// The rows the panel would like in a sidebar `columns` wide: a plot about as tall as
    /// it is wide on screen (a cell is about twice as tall as wide), plus title and axis.
    public static func preferredRows(columns: Int) -> Int { max(minimumRows, columns / 2 + 2) }

    /// The model in words: `ŷ = 0.76x + 0.52` or `ŷ = σ(−1.5x − 0.75)`, 3 significant digits,
    /// minus signs as `−` (ASCII spells them `-`).
    public static func formula(_ p: Vector2, shape: DataScatter.Shape) -> String {
        let w = p.x < 0 ? "−" + StatusBar.compact(-p.x, digits: 3) : StatusBar.compact(p.x, digits: 3)
        let b = p.y < 0 ? "− " + StatusBar.compact(-p.y, digits: 3) : "+ " + StatusBar.compact(p.y, digits: 3)
        let z = "\(w)x \(b)"
        return shape == .line ? "ŷ = " + z : "ŷ = σ(" + z + ")"
    }

    /// The curve of parameters `p` at dot resolution: for each of `width` dot columns
    /// (column 0 at `scatter.x.lowerBound`, column width−1 at the upper bound) the dot row
    /// of the prediction, fractional, 0 at `scatter.y.upperBound` and height−1 at the
    /// lower bound (outside 0…height−1 when the curve leaves the panel; NaN when not finite).
    public static func curveRows(_ p: Vector2, scatter: DataScatter, width: Int, height: Int) -> [Double] {
        guard width > 1, height > 1 else { return [] }
        let xs = scatter.x, ys = scatter.y
        let dx = (xs.upperBound - xs.lowerBound) / Double(width - 1)
        let rowScale = Double(height - 1) / (ys.upperBound - ys.lowerBound)
        return (0..<width).map { c in
            let v = scatter.predict(p, at: xs.lowerBound + Double(c) * dx)
            return v.isFinite ? (ys.upperBound - v) * rowScale : .nan
        }
    }

    /// The dot of a data point, or nil when it lies outside the ranges.
    static func dot(_ point: Vector2, scatter: DataScatter, width: Int, height: Int) -> (x: Int, y: Int)? {
        let fx = (point.x - scatter.x.lowerBound) / (scatter.x.upperBound - scatter.x.lowerBound)
        let fy = (scatter.y.upperBound - point.y) / (scatter.y.upperBound - scatter.y.lowerBound)
        guard fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { return nil }
        return (Int((fx * Double(width - 1)).rounded()), Int((fy * Double(height - 1)).rounded()))
    }

    /// Draws the panel into `rect`: title, y labels and axis line, points, curves, x axis.
    /// Nothing is drawn outside `rect`.
    public static func draw(_ content: DataContent, in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        guard rect.columns > 0, rect.rows > 0 else { return }
        let scatter = content.scatter
        // `data · ŷ = …`; only the formula when both do not fit (ASCII spells σ `sigmoid`).
        var title = ["data"]
        if let selected = content.curves.last {
            let f = formula(selected.parameters, shape: scatter.shape)
            title = glyphs.text("data · " + f).count + 4 <= rect.columns ? ["data", f] : [f]
        }
        SidePanels.drawTitle(title, in: rect, glyphs: glyphs, into: &grid)

        // Labels: the ends of y for a regression, the labels 0 and 1 for the sigmoid models.
        let ticks: [(value: Double, text: String)] = scatter.shape == .sigmoid ? [(1, "1"), (0, "0")]
            : [scatter.y.upperBound, scatter.y.lowerBound].map { ($0, label($0)) }
        let labelWidth = min(maximumLabelWidth, ticks.map(\.text.count).max() ?? 1)
        let plot = CellRect(left: rect.left + labelWidth + 1, top: rect.top + 1,
                            columns: rect.columns - labelWidth - 1, rows: rect.rows - 2)
        guard plot.columns >= 4, plot.rows >= 2 else { return }
        let unicode = glyphs.isUnicode
        var dots = LossChart.Dots(columns: plot.columns, rows: plot.rows, unicode: unicode)
        let (width, height) = (dots.width, dots.height)

        for row in plot.top..<(plot.top + plot.rows) { grid[plot.left - 1, row] = Cell(glyphs.boxVertical, .border) }
        let rowScale = Double(height - 1) / (scatter.y.upperBound - scatter.y.lowerBound)
        for tick in ticks {
            let dotRow = ((scatter.y.upperBound - tick.value) * rowScale).rounded()
            let row = plot.top + Int(dotRow) / dots.cellHeight
            let text = String(tick.text.prefix(labelWidth))
            grid.put(text, column: plot.left - 1 - text.count, row: row, ink: .statusLabel)
        }
        let axisRow = plot.top + plot.rows
        let low = label(scatter.x.lowerBound), high = label(scatter.x.upperBound)
        if plot.columns >= low.count {
            grid.put(low, column: plot.left, row: axisRow, ink: .statusLabel)
        }
        if plot.columns > low.count + high.count + 4 {
            grid.put("x", column: plot.left + plot.columns / 2, row: axisRow, ink: .statusLabel)
        }
        if plot.columns > low.count + high.count {
            grid.put(high, column: plot.left + plot.columns - high.count, row: axisRow, ink: .statusLabel)
        }

        // Points: braille dots in Unicode; in ASCII a cell of its own (`o`), as a half-cell
        // dot would read as part of the curve.
        var pointCells = Set<Int>()
        for p in scatter.points {
            guard let (x, y) = dot(p, scatter: scatter, width: width, height: height) else { continue }
            if unicode {
                dots.set(x, y, ink: .statusText)
            } else {
                pointCells.insert((y / dots.cellHeight) * plot.columns + x / dots.cellWidth)
            }
        }
        // Curves, each joined column to column, clipped to the plot.
        for curve in content.curves {
            let rows = curveRows(curve.parameters, scatter: scatter, width: width, height: height)
            let bottom = Double(height - 1)
            for c in rows.indices {
                let y1 = rows[c]
                guard !y1.isNaN else { continue }
                if c == 0 || rows[c - 1].isNaN {
                    if y1 >= 0 && y1 <= bottom { dots.set(c, Int(y1.rounded()), ink: curve.ink) }
                    continue
                }
                let y0 = rows[c - 1]
                if (y0 < 0 && y1 < 0) || (y0 > bottom && y1 > bottom) { continue }
                let a = Int(min(bottom, max(0, y0)).rounded()), b = Int(min(bottom, max(0, y1)).rounded())
                dots.line(c - 1, a, c, b, ink: curve.ink)
            }
        }
        for r in 0..<plot.rows {
            for c in 0..<plot.columns {
                let i = r * plot.columns + c
                if let ink = dots.inks[i] {
                    grid[plot.left + c, plot.top + r] = Cell(LossChart.glyph(dots.bits[i], unicode: unicode), ink)
                } else if pointCells.contains(i) {
                    grid[plot.left + c, plot.top + r] = Cell("o", .statusText)
                }
            }
        }
    }

    /// An axis label: whole numbers from 100 to a million as they are, otherwise 3
    /// significant digits, 2 when that is too long.
    static func label(_ v: Double) -> String {
        // Whole numbers up to a million read best as they are (-1400, not -1.4e+03).
        if abs(v) >= 100 && abs(v) < 1e6 { return String(Int(v.rounded())) }
        let text = StatusBar.compact(v, digits: 3)
        return text.count <= maximumLabelWidth ? text : StatusBar.compact(v, digits: 2)
    }
}

extension DataContent: SidePanel {
    public var panelName: String { "data" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing {
        .flexible(minimum: DataPanel.minimumRows, preferred: DataPanel.preferredRows(columns: width))
    }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        DataPanel.draw(self, in: rect, glyphs: glyphs, into: &grid)
    }
}
