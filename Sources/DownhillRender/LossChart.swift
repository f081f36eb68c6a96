import Foundation
import DownhillCore

/// One point of a loss history: the full loss after `step` updates.
public struct LossSample: Equatable, Sendable {
    public var step: Int
    public var loss: Double
    public init(step: Int, loss: Double) {
        self.step = step
        self.loss = loss
    }
}

/// A run's loss against step, kept at bounded size for the loss chart: every `stride`-th
/// step is sampled; when more than ``capacity`` samples pile up, every other one is dropped
/// and the stride doubles. So the whole run stays on the chart at a resolution finer than
/// the chart's (at most a few hundred dot columns), in constant memory. The newest sample
/// is always kept as ``latest``.
public struct LossHistory: Equatable, Sendable {
    /// The most samples kept before thinning.
    public static let capacity = 1024
    /// Samples at steps divisible by ``stride``, oldest first.
    public private(set) var samples: [LossSample]
    public private(set) var stride = 1
    /// The newest sample (its step may not be a multiple of the stride).
    public private(set) var latest: LossSample

    /// A history that starts with `loss` at `step`.
    public init(step: Int, loss: Double) {
        latest = LossSample(step: step, loss: loss)
        samples = [latest]
        samples.reserveCapacity(Self.capacity + 1)
    }

    /// Records the loss after `step` updates (steps increase).
    public mutating func record(step: Int, loss: Double) {
        latest = LossSample(step: step, loss: loss)
        guard step % stride == 0 else { return }
        samples.append(latest)
        if samples.count > Self.capacity {
            stride *= 2
            samples.removeAll { $0.step % stride != 0 }
        }
    }
}

/// One line of the loss chart: a run's history and its ink.
public struct LossSeries: Sendable {
    public var history: LossHistory
    public var ink: Ink
    public init(history: LossHistory, ink: Ink) {
        self.history = history
        self.ink = ink
    }

    /// True when the run is blowing up: its newest loss is above its first. Such a line is
    /// drawn but does not set the vertical range, so that it does not flatten the others;
    /// it leaves through the top edge.
    public var isBlowingUp: Bool { history.latest.loss > (history.samples.first?.loss ?? history.latest.loss) }
}

/// The loss chart: loss against step, one line per run, at braille resolution (2 × 4 dots
/// a cell) with Unicode and half-cell resolution (`'` `.` `:`) in ASCII.
///
/// The horizontal axis runs from step 0 to the next 1-2-5 number past the newest step of
/// any run, at least ``minimumStepAxis``; the vertical axis
/// covers the runs that are not blowing up (``LossSeries/isBlowingUp``; all of them when
/// every run is), logarithmic when every value is positive and they span at least
/// ``logarithmicSpan`` (then bounded by whole decades), linear otherwise (bounded on a 1-2-5
/// grid). Consecutive points are joined, so an
/// oscillating loss draws as a band, not as scattered dots.
public enum LossChart {
    /// The fewest rows the chart is drawn in: title, three plot rows, the step axis.
    public static let minimumRows = 5
    /// max/min of the values at which the axis becomes logarithmic.
    public static let logarithmicSpan = 100.0
    /// The shortest step axis: the chart's first 50 steps fill it from the left.
    public static let minimumStepAxis = 50
    /// Columns of the value labels, right-aligned, then the axis line.
    static let labelWidth = 7

    /// The vertical axis: its ends and whether it is logarithmic.
    public struct Scale: Equatable, Sendable {
        public var low: Double
        public var high: Double
        public var isLogarithmic: Bool

        /// The scale for the values: logarithmic over whole decades when all are positive
        /// and span ``logarithmicSpan``, else linear from the smallest to the largest
        /// (widened when they are all equal). Nil when no value is finite.
        public init?<Values: Sequence>(values: Values) where Values.Element == Double {
            var lo = Double.infinity, hi = -Double.infinity
            for v in values where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
            guard lo <= hi else { return nil }
            if lo > 0 && hi / lo >= LossChart.logarithmicSpan {
                isLogarithmic = true
                low = pow(10, floor(log10(lo)))
                high = pow(10, ceil(log10(hi)))
            } else {
                isLogarithmic = false
                let pad = hi > lo ? 0 : max(abs(hi) * 0.1, 1e-12)
                // Ends on a 1-2-5 grid of about four divisions, so the axis (and every
                // dot) stays put while the values move within it.
                let range = LossChart.roundedOut(lo - pad, hi + pad, divisions: 4)
                low = range.lowerBound
                high = range.upperBound
            }
        }

        /// Where `v` sits between the ends: 0 at `low`, 1 at `high` (outside for values
        /// beyond; NaN for non-positive values on a logarithmic axis).
        public func fraction(_ v: Double) -> Double {
            isLogarithmic ? log10(v / low) / log10(high / low) : (v - low) / (high - low)
        }
    }

    /// The smallest number of the form 1, 2 or 5 × 10ᵏ that is ≥ `v` (v > 0).
    public static func niceCeiling(_ v: Double) -> Double {
        guard v > 0, v.isFinite else { return 1 }
        let decade = pow(10, floor(log10(v)))
        for m in [1.0, 2, 5, 10] where m * decade >= v * (1 - 1e-12) { return m * decade }
        return 10 * decade
    }

    /// [a, b] rounded out to a 1-2-5 grid of about `divisions` steps, so that axis labels
    /// are short and the axis stays put while values move inside it; [a, b] itself when the
    /// rounding fails (non-finite ends).
    public static func roundedOut(_ a: Double, _ b: Double, divisions: Double) -> ClosedRange<Double> {
        let step = niceCeiling((b - a) / divisions)
        // (The 1e-9 keeps a value already on the grid, like 1.8 / 0.1, on it.)
        let low = (a / step + 1e-9).rounded(.down) * step
        let high = (b / step - 1e-9).rounded(.up) * step
        return low < high && low.isFinite && high.isFinite ? low...high : a...b
    }

    /// Draws the chart into `rect`: title, value labels, the lines, the step axis.
    public static func draw(_ series: [LossSeries], in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        var scaled = series.filter { !$0.isBlowingUp }
        if scaled.isEmpty { scaled = series }
        let scale = Scale(values: scaled.lazy.flatMap { $0.history.samples.lazy.map(\.loss) + [$0.history.latest.loss] })
        SidePanels.drawTitle(["loss"] + (scale?.isLogarithmic == true ? ["log scale"] : []),
                             in: rect, glyphs: glyphs, into: &grid)
        let plot = CellRect(left: rect.left + labelWidth + 1, top: rect.top + 1,
                            columns: rect.columns - labelWidth - 1, rows: rect.rows - 2)
        guard plot.columns >= 4, plot.rows >= 2 else { return }
        // The step axis ends at the next 1-2-5 number from 50 (50, 100, 200, 500, …): the
        // lines only move when the axis grows, not on every step. It starts at 50, not 10,
        // so the first seconds (20 steps a second) are not three rescales in a row, each a
        // redraw of the whole chart (up to 2.7 KB at 160×48: the frame budget of SSH).
        let lastStep = Int(niceCeiling(Double(max(Self.minimumStepAxis, series.map(\.history.latest.step).max() ?? 1))))
        // Axis line and labels.
        for row in plot.top..<(plot.top + plot.rows) { grid[plot.left - 1, row] = Cell(glyphs.boxVertical, .border) }
        if let scale {
            let top = label(scale.high, scale), bottom = label(scale.low, scale)
            grid.put(top, column: plot.left - 1 - top.count, row: plot.top, ink: .statusLabel)
            grid.put(bottom, column: plot.left - 1 - bottom.count, row: plot.top + plot.rows - 1, ink: .statusLabel)
        }
        let axisRow = plot.top + plot.rows
        let end = String(lastStep)
        grid.put("0", column: plot.left, row: axisRow, ink: .statusLabel)
        if plot.columns > end.count + 8 {
            grid.put("step", column: plot.left + (plot.columns - 4) / 2, row: axisRow, ink: .statusLabel)
        }
        if plot.columns > end.count + 2 {
            grid.put(end, column: plot.left + plot.columns - end.count, row: axisRow, ink: .statusLabel)
        }
        guard let scale else { return }

        // Dots: 2 × 4 a cell (braille) or 1 × 2 (ASCII).
        var dots = Dots(columns: plot.columns, rows: plot.rows, unicode: glyphs.isUnicode)
        let xScale = Double(dots.width - 1) / Double(lastStep), yScale = Double(dots.height - 1)
        for s in series {
            // A line that leaves the range is drawn up to the edge and resumes where it comes back.
            var previous: (x: Int, y: Int)?
            func visit(_ p: LossSample) {
                let f = scale.fraction(p.loss)
                guard !f.isNaN else { previous = nil; return }
                let x = Int((Double(p.step) * xScale).rounded())
                let y = Int(((1 - min(1, max(0, f))) * yScale).rounded())
                let inside = f >= 0 && f <= 1
                if let (x0, y0) = previous {
                    if x != x0 || y != y0 { dots.line(x0, y0, x, y, ink: s.ink) }
                } else if inside {
                    dots.set(x, y, ink: s.ink)
                }
                previous = inside ? (x, y) : nil
            }
            for p in s.history.samples { visit(p) }
            if s.history.samples.last != s.history.latest { visit(s.history.latest) }
        }
        for r in 0..<plot.rows {
            for c in 0..<plot.columns {
                let i = r * plot.columns + c
                guard let ink = dots.inks[i] else { continue }
                grid[plot.left + c, plot.top + r] = Cell(glyph(dots.bits[i], unicode: glyphs.isUnicode), ink)
            }
        }
    }

    /// The chart's dots: per cell the dot bits and the ink of the last line through it.
    struct Dots {
        let columns: Int, cellWidth: Int, cellHeight: Int, unicode: Bool
        /// The size in dots.
        let width: Int, height: Int
        var bits: [UInt8]
        var inks: [Ink?]

        init(columns: Int, rows: Int, unicode: Bool) {
            self.columns = columns
            self.unicode = unicode
            (cellWidth, cellHeight) = unicode ? (2, 4) : (1, 2)
            width = columns * cellWidth
            height = rows * cellHeight
            bits = [UInt8](repeating: 0, count: columns * rows)
            inks = [Ink?](repeating: nil, count: columns * rows)
        }

        mutating func set(_ x: Int, _ y: Int, ink: Ink) {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let i = (y / cellHeight) * columns + x / cellWidth
            bits[i] |= dotBit(x % cellWidth, y % cellHeight, unicode: unicode)
            inks[i] = ink
        }

        /// Bresenham between two dots.
        mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, ink: Ink) {
            var x = x0, y = y0
            let ax = abs(x1 - x0), ay = -abs(y1 - y0)
            let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
            var err = ax + ay
            while true {
                set(x, y, ink: ink)
                if x == x1 && y == y1 { return }
                let e2 = 2 * err
                if e2 >= ay { err += ay; x += sx }
                if e2 <= ax { err += ax; y += sy }
            }
        }
    }

    /// The bit of dot (x, y) in a cell: Unicode braille's dot numbering (1 2 3 7 down the
    /// left column, 4 5 6 8 down the right), or top/bottom half in ASCII.
    static func dotBit(_ x: Int, _ y: Int, unicode: Bool) -> UInt8 {
        guard unicode else { return y == 0 ? 1 : 2 }
        // Left column: dots 1 2 3 7 (bits 0 1 2 6); right column: dots 4 5 6 8 (bits 3 4 5 7).
        return y == 3 ? (x == 0 ? 0x40 : 0x80) : UInt8(1) << (y + 3 * x)
    }

    /// The glyph for a cell's dots: a braille pattern (U+2800 + bits), or `'` `.` `:`.
    static func glyph(_ bits: UInt8, unicode: Bool) -> Character {
        guard unicode else { return bits == 3 ? ":" : bits == 1 ? "'" : "." }
        return Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
    }

    /// A value label of at most ``labelWidth`` columns: decades on a logarithmic axis
    /// (`0.01` … `1000`, else `1e-06`), 3 significant digits on a linear one.
    static func label(_ v: Double, _ scale: Scale) -> String {
        if scale.isLogarithmic {
            let e = Int(log10(v).rounded())
            return (-2...3).contains(e) ? StatusBar.compact(v, digits: 4) : String(format: "1e%+03d", e)
        }
        let text = StatusBar.compact(v, digits: 3)
        return text.count <= labelWidth ? text : StatusBar.compact(v, digits: 1)
    }
}

/// The loss chart as a side panel: its lines in drawing order (the last on top).
public struct LossChartContent: SidePanel {
    public var series: [LossSeries]
    public init(_ series: [LossSeries]) { self.series = series }
    public var panelName: String { "chart" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .flexible(minimum: LossChart.minimumRows, preferred: nil) }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        LossChart.draw(series, in: rect, glyphs: glyphs, into: &grid)
    }
}
