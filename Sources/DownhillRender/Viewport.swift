import DownhillCore

/// A rectangle of cells on the screen.
public struct CellRect: Equatable, Hashable, Sendable {
    /// The column and row of the top-left cell, in cells from the screen's top-left.
    public var left: Int
    public var top: Int
    /// The size in cells; never negative.
    public var columns: Int
    public var rows: Int

    public init(left: Int, top: Int, columns: Int, rows: Int) {
        self.left = left
        self.top = top
        self.columns = max(0, columns)
        self.rows = max(0, rows)
    }

    public var isEmpty: Bool { columns == 0 || rows == 0 }
    public func contains(column: Int, row: Int) -> Bool {
        column >= left && column < left + columns && row >= top && row < top + rows
    }
}

/// The mapping between parameter space (world units, y up) and the cells of the plot
/// area (columns rightwards, rows downwards).
///
/// A terminal cell is about twice as tall as it is wide (``cellAspect``), so one row spans
/// twice the world distance of one column and a circle in parameter space draws as a
/// circle on the screen: twice as many columns as rows. The surface's view is fitted
/// into the area keeping its aspect and centred; the rest of the area shows more of the
/// surface around it. y is flipped in exactly one place, ``fractionalCell(of:)``'s
/// inverse pair ``world(atFractional:_:)``.
public struct Viewport: Equatable, Sendable {
    /// Height of a cell divided by its width, on a typical terminal font.
    public static let cellAspect = 2.0

    /// The cells of the plot area.
    public let area: CellRect
    /// The part of parameter space the area covers (the fitted view, grown to the area's
    /// shape), world units.
    public let box: ViewBox
    /// World units per column (x) and per row (y); `rowHeight = cellAspect · columnWidth`.
    public let columnWidth: Double
    public let rowHeight: Double

    /// Fits `view` into `area`: the largest scale at which all of `view` is visible with
    /// square world units on screen, centred on the view's centre.
    public init(fitting view: ViewBox, into area: CellRect) {
        self.area = area
        let columns = Double(max(1, area.columns)), rows = Double(max(1, area.rows))
        let w = view.width > 0 && view.width.isFinite ? view.width : 1
        let h = view.height > 0 && view.height.isFinite ? view.height : 1
        // World units per column: the tighter of the two axes decides.
        let unit = max(w / columns, h / (Self.cellAspect * rows))
        columnWidth = unit
        rowHeight = Self.cellAspect * unit
        let c = view.center
        let halfWidth = unit * columns / 2, halfHeight = rowHeight * rows / 2
        box = ViewBox(x: (c.x - halfWidth)...(c.x + halfWidth), y: (c.y - halfHeight)...(c.y + halfHeight))
    }

    /// The position of `p` in cells relative to the area's top-left corner, as fractions
    /// (`(0, 0)` is the top-left corner of the top-left cell). Never converts to `Int`, so
    /// huge or non-finite coordinates are safe; the result may be huge, infinite or NaN.
    public func fractionalCell(of p: Vector2) -> (u: Double, v: Double) {
        ((p.x - box.xMin) / columnWidth, (box.yMax - p.y) / rowHeight)  // the y flip
    }

    /// The world point at fractional cell position `(u, v)` relative to the area's
    /// top-left corner; the inverse of ``fractionalCell(of:)``.
    public func world(atFractional u: Double, _ v: Double) -> Vector2 {
        Vector2(box.xMin + u * columnWidth, box.yMax - v * rowHeight)  // the y flip, inverted
    }

    /// The screen cell `(column, row)` that contains `p`, or nil when `p` is outside the
    /// area or not finite. The bounds are checked in `Double` before any conversion.
    public func cell(of p: Vector2) -> (column: Int, row: Int)? {
        let (u, v) = fractionalCell(of: p)
        guard u >= 0, v >= 0, u < Double(area.columns), v < Double(area.rows) else { return nil }
        return (area.left + Int(u), area.top + Int(v))
    }

    /// The world point at the centre of the screen cell `(column, row)`, or nil when the
    /// cell is outside the area.
    public func world(column: Int, row: Int) -> Vector2? {
        guard area.contains(column: column, row: row) else { return nil }
        return world(atFractional: Double(column - area.left) + 0.5, Double(row - area.top) + 0.5)
    }
}
