import Foundation
import DownhillCore

/// The η-sweep panel (`w`, SPEC §9): the loss after K steps against η on log–log axes (a
/// linear loss axis when some loss is not positive or they span less than a factor of
/// 100), one dot column per η, joined; this η marked with a vertical line and `▲` under
/// the axis, the critical η of gd, momentum and Nesterov (at the start's curvature) with a
/// dotted line; a run that diverged is a `×` on the top edge, a run that ends above its
/// start is drawn up to the top edge (it does not set the scale).
///
/// ```
/// ─ η sweep · gd · 100 steps ─────────
///    10│⣀⣀⣀⡀           ┊    ×××××
///      │    ⠈⠑⠢⢄⡀  │    ┊⢀⠔⠁
///      │         ⠑⠢⣀│⣀⠤⠊┊
/// 1e-08│            │   ┊
///       0.0008      ▲  η       0.8
/// ▲ η 0.08  ┊ η crit 0.1  × diverged
/// ```
public struct SweepContent: SidePanel {
    public var optimizer: String
    /// K.
    public var steps: Int
    /// Every η of the sweep, increasing; ``rows`` holds the first ones computed.
    public var learningRates: [Double]
    public var rows: [SweepRow]
    /// The loss at the start (runs ending above it are blowing up).
    public var startLoss: Double
    /// This η, and the critical η where theory gives one.
    public var current: Double
    public var critical: Double?

    public init(optimizer: String, steps: Int, learningRates: [Double], rows: [SweepRow], startLoss: Double, current: Double,
                critical: Double?) {
        self.optimizer = optimizer
        self.steps = steps
        self.learningRates = learningRates
        self.rows = rows
        self.startLoss = startLoss
        self.current = current
        self.critical = critical
    }

    /// Title, three plot rows, the axis, the key.
    public static let minimumRows = 6
    public var panelName: String { "sweep" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .flexible(minimum: Self.minimumRows, preferred: 12) }

    /// True while some η is still to be computed.
    public var isComputing: Bool { rows.count < learningRates.count }

    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let progress = isComputing ? ["\(rows.count * 100 / max(1, learningRates.count))%"] : []
        SidePanels.drawTitle(["η sweep", optimizer, "\(steps) steps"] + progress, in: rect, glyphs: glyphs, into: &grid)
        let labelWidth = LossChart.labelWidth
        let plot = CellRect(left: rect.left + labelWidth + 1, top: rect.top + 1, columns: rect.columns - labelWidth - 1, rows: rect.rows - 3)
        guard plot.columns >= 6, plot.rows >= 2, let low = learningRates.first, let high = learningRates.last, high > low else { return }
        let axisRow = plot.top + plot.rows, keyRow = axisRow + 1
        for row in plot.top..<axisRow { grid[plot.left - 1, row] = Cell(glyphs.boxVertical, .border) }

        // Horizontal: log η over the plot's dot columns.
        var dots = LossChart.Dots(columns: plot.columns, rows: plot.rows, unicode: glyphs.isUnicode)
        func dotX(_ lr: Double) -> Double { log(lr / low) / log(high / low) * Double(dots.width - 1) }
        func column(_ lr: Double) -> Int? {
            let x = dotX(lr)
            guard x.isFinite, x >= -0.5, x <= Double(dots.width) - 0.5 else { return nil }
            return plot.left + Int(x.rounded()) / dots.cellWidth
        }
        // Vertical: the runs that did not blow up set the scale.
        let settled = rows.filter { $0.status != .diverged && $0.finalLoss <= startLoss }
        let scale = LossChart.Scale(values: (settled.isEmpty ? rows.filter { $0.status != .diverged } : settled).map(\.finalLoss))
        if let scale {
            let top = LossChart.label(scale.high, scale), bottom = LossChart.label(scale.low, scale)
            grid.put(top, column: plot.left - 1 - top.count, row: plot.top, ink: .statusLabel)
            grid.put(bottom, column: plot.left - 1 - bottom.count, row: axisRow - 1, ink: .statusLabel)
            var previous: (x: Int, y: Int)?
            for row in rows {
                guard row.status != .diverged else { previous = nil; continue }
                let f = scale.fraction(row.finalLoss)
                guard !f.isNaN else { previous = nil; continue }
                let x = Int(dotX(row.learningRate).rounded())
                let y = Int(((1 - min(1, max(0, f))) * Double(dots.height - 1)).rounded())
                if let (x0, y0) = previous { dots.line(x0, y0, x, y, ink: .trail(0)) } else { dots.set(x, y, ink: .trail(0)) }
                previous = f <= 1 ? (x, y) : nil
            }
        }
        for r in 0..<plot.rows {
            for c in 0..<plot.columns {
                let i = r * plot.columns + c
                guard let ink = dots.inks[i] else { continue }
                grid[plot.left + c, plot.top + r] = Cell(LossChart.glyph(dots.bits[i], unicode: glyphs.isUnicode), ink)
            }
        }
        // The lines of this η and the critical one, where no dot is.
        let currentColumn = column(current)
        for (lr, glyph, ink) in [(critical, glyphs.isUnicode ? "┊" : ":", Ink.gauge(2)), (current, glyphs.isUnicode ? "│" : "|", Ink.racer(0))] {
            guard let lr, let c = column(lr) else { continue }
            for row in plot.top..<axisRow where grid[c, row].glyph == " " { grid[c, row] = Cell(Character(glyph), ink) }
        }
        for row in rows where row.status == .diverged {
            if let c = column(row.learningRate) { grid[c, plot.top] = Cell(glyphs.isUnicode ? "×" : "x", .statusWarn) }
        }
        // The axis: the ends of the range and the mark under this η.
        let left = StatusBar.compact(low, digits: 3), right = StatusBar.compact(high, digits: 3)
        grid.put(left, column: plot.left, row: axisRow, ink: .statusLabel)
        if plot.columns > left.count + right.count + 1 {
            grid.put(right, column: plot.left + plot.columns - right.count, row: axisRow, ink: .statusLabel)
        }
        if plot.columns > left.count + right.count + 6 {
            grid.put("η", column: plot.left + plot.columns / 2, row: axisRow, ink: .statusLabel)
        }
        if let c = currentColumn { grid[c, axisRow] = Cell(glyphs.isUnicode ? "▲" : "^", .racer(0)) }
        // The key.
        var runs = [StatusBar.Run((glyphs.isUnicode ? "▲" : "^") + " η " + StatusBar.compact(current, digits: 4), .racer(0))]
        if let critical { runs.append(StatusBar.Run("  " + (glyphs.isUnicode ? "┊" : ":") + " η crit " + StatusBar.compact(critical, digits: 4), .gauge(2))) }
        if rows.contains(where: { $0.status == .diverged }) { runs.append(StatusBar.Run("  " + (glyphs.isUnicode ? "×" : "x") + " diverged", .statusWarn)) }
        SidePanels.put(runs, in: CellRect(left: rect.left, top: keyRow, columns: rect.columns, rows: 1), row: keyRow, glyphs: glyphs, into: &grid)
    }
}
