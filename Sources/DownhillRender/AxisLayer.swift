import Foundation
import DownhillCore

/// Tick labels along the plot's left and bottom edges, so a point's coordinates can be read
/// off the picture: values on a 1-2-5 grid (``LossChart/niceCeiling(_:)``, the loss chart's
/// helper) about every ``columnsPerTick`` columns and ``rowsPerTick`` rows, written over
/// the plot's edge cells, and the axes' names (`x`, `y`, or `w`, `b` on data surfaces) at
/// the bottom-right and top-left corners. Labels never overlap; on a plot smaller than
/// ``minimumColumns`` × ``minimumRows`` there are none.
///
/// Drawn after the descent, so a label is never broken by the path: it covers the path's
/// cells, with its blank padding; a label that would cover a mark (the start, the point, a
/// minimum, a head or an edge arrow: `keeping`) is left out, and a padding cell on a mark
/// is left off.
public enum AxisLayer {
    public static let columnsPerTick = 12.0
    public static let rowsPerTick = 5.0
    public static let minimumColumns = 24
    public static let minimumRows = 8

    /// The tick values in `range` for a step of about `span / divisions`, on a 1-2-5 grid,
    /// with their labels (no float noise: `0.3`, not `0.30000000000000004`; `0`, not `-0`).
    public static func ticks(_ range: ClosedRange<Double>, divisions: Double) -> [(value: Double, label: String)] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite, divisions >= 1 else { return [] }
        let step = LossChart.niceCeiling(span / divisions)
        // (The 1e-9 keeps an end already on the grid, like 0.3 / 0.1, on it.)
        let first = (range.lowerBound / step - 1e-9).rounded(.up), last = (range.upperBound / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        return stride(from: first, through: last, by: 1).map { k in
            let value = k * step
            var label = String(format: "%.\(decimals)f", value)
            // A 1-2-5 step of 0.05 writes 0.1 as `0.10`: trailing zeros go.
            if label.contains(".") {
                while label.hasSuffix("0") { label.removeLast() }
                if label.hasSuffix(".") { label.removeLast() }
            }
            if label.hasPrefix("-"), Double(label) == 0 { label.removeFirst() }
            return (value, label)
        }
    }

    /// Draws the labels of `viewport`'s area into `grid`, the axes named `names` (x, then y).
    /// `keeping` holds the cells (column, row) of marks no label may cover.
    public static func draw(viewport: Viewport, names: [String], glyphs: Glyphs, keeping marks: [(column: Int, row: Int)] = [],
                            into grid: inout CellGrid) {
        let area = viewport.area
        guard area.columns >= minimumColumns, area.rows >= minimumRows, names.count == 2 else { return }
        let box = viewport.box, bottom = area.top + area.rows - 1, right = area.left + area.columns - 1
        var taken: [(row: Int, from: Int, to: Int)] = []
        for mark in marks { taken.append((mark.row, mark.column + 1, mark.column - 1)) }
        func free(_ row: Int, _ from: Int, _ to: Int) -> Bool {
            from >= area.left && to <= right && !taken.contains { $0.row == row && from <= $0.to + 1 && to >= $0.from - 1 }
        }
        // A label with a blank cell each side where it fits (it then reads over the
        // shading), else bare.
        func put(_ text: String, _ column: Int, _ row: Int) {
            let text = glyphs.text(text)
            let to = column + text.count - 1
            guard free(row, column, to) else { return }
            let before = column > area.left && free(row, column - 1, to), after = to < right && free(row, column, to + 1)
            if before { grid[column - 1, row] = .blank }
            if after { grid[to + 1, row] = .blank }
            grid.put(text, column: column, row: row, ink: .statusLabel)
            taken.append((row, before ? column - 1 : column, after ? to + 1 : to))
        }
        // The names first: they win over a tick label in their corner.
        put(names[0], right, bottom)
        put(names[1], area.left, area.top)
        let y = (box.yMin + box.yMax) / 2, x = (box.xMin + box.xMax) / 2
        for tick in ticks(box.xMin...box.xMax, divisions: Double(area.columns) / columnsPerTick) {
            guard let (column, _) = viewport.cell(of: Vector2(tick.value, y)) else { continue }
            // Centred on its column, kept inside the plot.
            let start = min(right - tick.label.count + 1, max(area.left, column - tick.label.count / 2))
            put(tick.label, start, bottom)
        }
        for tick in ticks(box.yMin...box.yMax, divisions: Double(area.rows) / rowsPerTick) {
            guard let (_, row) = viewport.cell(of: Vector2(x, tick.value)), row != bottom else { continue }
            put(tick.label, area.left, row)
        }
    }
}
