import Foundation
import DownhillCore

/// A trajectory drawn in one ink with its own head glyph: a racer of race mode or a
/// learning-rate ghost. Points are world units.
public struct TrackPath: Sendable {
    /// Past points, oldest first; the last is usually `current`.
    public var trail: ArraySlice<Vector2>
    /// The point now: drawn as `head`, or as an edge arrow in `headInk` when outside the plot.
    public var current: Vector2
    public var head: Character
    public var headInk: Ink
    /// The ink of the segments (and points) of the trail.
    public var trailInk: Ink
    /// Whether the trail's points are marked as well as the segments between them.
    public var marksPoints: Bool
    /// The glyph of the trail's segments, nil for ``Glyphs/trailSegment`` (a ghost's own glyph).
    public var segmentGlyph: Character?
    /// When true, only the segments with both ends in view are drawn: a run that has left
    /// the view (a diverging ghost) shows as its edge arrow, never as lines across the plot.
    public var keepsSegmentsInView: Bool

    public init(trail: ArraySlice<Vector2>, current: Vector2, head: Character, headInk: Ink, trailInk: Ink,
                marksPoints: Bool, segmentGlyph: Character? = nil, keepsSegmentsInView: Bool = false) {
        self.segmentGlyph = segmentGlyph
        self.keepsSegmentsInView = keepsSegmentsInView
        self.trail = trail
        self.current = current
        self.head = head
        self.headInk = headInk
        self.trailInk = trailInk
        self.marksPoints = marksPoints
    }
}

/// The descent drawn over the valley: the trail of past points fading with age, the
/// segments between consecutive points (in one ink, ``segmentBucket``), the start, the
/// known minima, the current point, and an arrow on the edge of the plot for a current
/// point outside it.
///
/// All positions are world points; segments are clipped to the plot area in `Double`
/// (Liang–Barsky) before any conversion to cells, so points like (1e150, −1e150) or
/// non-finite ones are safe: a segment with a non-finite end is skipped.
public enum TrailLayer {
    /// The age buckets of the trail: a point that is `age` steps older than the newest one
    /// is in the first bucket whose bound exceeds `age`, else in the last bucket (3).
    public static let ageBounds = [16, 64, 256]

    /// The age bucket whose ink every segment is drawn in. Only the points fade: a fading
    /// segment is recoloured three times in its life, which for the long jumps of SGD was
    /// most of an animation frame's bytes (issue 15), and the points alone show the age.
    public static let segmentBucket = 2

    /// The age bucket (0 newest … 3 oldest) of a point `age` steps older than the newest.
    public static func bucket(age: Int) -> Int {
        ageBounds.firstIndex { age < $0 } ?? ageBounds.count
    }

    /// Draws the trail (oldest first, so newer points stay on top), then the minima, the
    /// start, and the current point or, when it is outside (or outside `arrowArea`), its edge
    /// arrow on the nearest cell (``edgeArrow(toward:viewport:within:)``).
    /// - Parameters:
    ///   - trail: past points, oldest first, world units; the last is usually `current`.
    ///   - start: where the run started; `current`: the point now.
    public static func draw(trail: ArraySlice<Vector2>, start: Vector2, current: Vector2, minima: [Vector2],
                            viewport: Viewport, arrowArea: CellRect? = nil, glyphs: Glyphs, into grid: inout CellGrid) {
        let newest = trail.endIndex - 1
        // Segments first, then the points on top of them.
        let segment = Cell(glyphs.trailSegment, .trail(segmentBucket))
        var index = trail.startIndex
        while index < newest {
            drawSegment(from: trail[index], to: trail[index + 1], viewport: viewport, cell: segment, into: &grid)
            index += 1
        }
        for i in trail.indices {
            if let (c, r) = viewport.cell(of: trail[i]) {
                grid[c, r] = Cell(glyphs.trailPoint, .trail(bucket(age: newest - i)))
            }
        }
        for m in minima {
            if let (c, r) = viewport.cell(of: m) { grid[c, r] = Cell(glyphs.minimum, .minimum) }
        }
        if let (c, r) = viewport.cell(of: start) { grid[c, r] = Cell(glyphs.start, .start) }
        drawHead(current, glyph: glyphs.point, ink: .point, arrowInk: .arrow, viewport: viewport, arrowArea: arrowArea,
                 glyphs: glyphs, into: &grid)
    }

    /// Draws the head of a path: `glyph` at `current`, or when it is outside the area (or
    /// outside `arrowArea`, the part of the area left in view) an edge arrow on the cell of
    /// `arrowArea` nearest it (``edgeArrow(toward:viewport:within:)``).
    public static func drawHead(_ current: Vector2, glyph: Character, ink: Ink, arrowInk: Ink, viewport: Viewport,
                                arrowArea: CellRect? = nil, glyphs: Glyphs, into grid: inout CellGrid) {
        if let arrow = edgeArrow(toward: current, viewport: viewport, within: arrowArea) {
            grid[arrow.column, arrow.row] = Cell(glyphs.arrow(degrees: arrow.degrees), arrowInk)
        } else if let (c, r) = viewport.cell(of: current) {
            grid[c, r] = Cell(glyph, ink)
        }
    }

    /// The cell of a path's head: `current`'s, or its edge arrow's when it is outside the
    /// area (as ``drawHead(_:glyph:ink:arrowInk:viewport:arrowArea:glyphs:into:)`` draws it).
    public static func headCell(_ current: Vector2, viewport: Viewport, arrowArea: CellRect? = nil) -> (column: Int, row: Int)? {
        if let arrow = edgeArrow(toward: current, viewport: viewport, within: arrowArea) { return (arrow.column, arrow.row) }
        return viewport.cell(of: current)
    }

    /// Draws several paths in their own inks (race mode's racers): every trail first, in
    /// order, then the minima and the start, then every head, so no trail hides a head;
    /// later paths are drawn over earlier ones.
    public static func draw(paths: [TrackPath], start: Vector2?, minima: [Vector2], viewport: Viewport,
                            arrowArea: CellRect? = nil, glyphs: Glyphs, into grid: inout CellGrid) {
        drawTrails(paths, viewport: viewport, glyphs: glyphs, into: &grid)
        for m in minima {
            if let (c, r) = viewport.cell(of: m) { grid[c, r] = Cell(glyphs.minimum, .minimum) }
        }
        if let start, let (c, r) = viewport.cell(of: start) { grid[c, r] = Cell(glyphs.start, .start) }
        drawHeads(paths, viewport: viewport, arrowArea: arrowArea, glyphs: glyphs, into: &grid)
    }

    /// The trails of `paths`: segments, and points where asked, in each path's trail ink.
    public static func drawTrails(_ paths: [TrackPath], viewport: Viewport, glyphs: Glyphs, into grid: inout CellGrid) {
        for path in paths {
            let segment = Cell(path.segmentGlyph ?? glyphs.trailSegment, path.trailInk)
            var index = path.trail.startIndex
            while index < path.trail.endIndex - 1 {
                let (a, b) = (path.trail[index], path.trail[index + 1])
                if !path.keepsSegmentsInView || (viewport.cell(of: a) != nil && viewport.cell(of: b) != nil) {
                    drawSegment(from: a, to: b, viewport: viewport, cell: segment, into: &grid)
                }
                index += 1
            }
            if path.marksPoints {
                let point = Cell(glyphs.trailPoint, path.trailInk)
                for p in path.trail { if let (c, r) = viewport.cell(of: p) { grid[c, r] = point } }
            }
        }
    }

    /// The heads of `paths` (or their edge arrows, in `arrowArea`), in order.
    public static func drawHeads(_ paths: [TrackPath], viewport: Viewport, arrowArea: CellRect? = nil, glyphs: Glyphs,
                                 into grid: inout CellGrid) {
        for path in paths {
            drawHead(path.current, glyph: path.head, ink: path.headInk, arrowInk: path.headInk, viewport: viewport,
                     arrowArea: arrowArea, glyphs: glyphs, into: &grid)
        }
    }

    /// Marks the cells of the segment a→b that lie inside the area (Bresenham between the
    /// clipped ends). The end cells are included; nothing is drawn for a segment that
    /// misses the area or has a non-finite end.
    public static func drawSegment(from a: Vector2, to b: Vector2, viewport: Viewport, cell: Cell,
                                   into grid: inout CellGrid) {
        let area = viewport.area
        guard !area.isEmpty else { return }
        let p = viewport.fractionalCell(of: a), q = viewport.fractionalCell(of: b)
        guard let (u0, v0, u1, v1) = clip(p.u, p.v, q.u, q.v, width: Double(area.columns), height: Double(area.rows))
        else { return }
        // Inside [0, columns] × [0, rows]: safe to convert; the far edge belongs to the last cell.
        func column(_ u: Double) -> Int { min(area.columns - 1, Int(u)) }
        func row(_ v: Double) -> Int { min(area.rows - 1, Int(v)) }
        var x = column(u0), y = row(v0)
        let x1 = column(u1), y1 = row(v1)
        let dx = abs(x1 - x), dy = -abs(y1 - y)
        let sx = x < x1 ? 1 : -1, sy = y < y1 ? 1 : -1
        var err = dx + dy
        while true {
            grid[area.left + x, area.top + y] = cell
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Liang–Barsky clipping of the segment (u0, v0)–(u1, v1) to [0, width] × [0, height];
    /// nil when it misses the box or an end is not finite.
    static func clip(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                     width: Double, height: Double) -> (Double, Double, Double, Double)? {
        guard u0.isFinite, v0.isFinite, u1.isFinite, v1.isFinite else { return nil }
        let du = u1 - u0, dv = v1 - v0
        guard du.isFinite, dv.isFinite else { return nil }
        var t0 = 0.0, t1 = 1.0
        // One edge of the box: false when the segment misses it.
        func edge(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 { if r > t1 { return false } else if r > t0 { t0 = r } }
            else { if r < t0 { return false } else if r < t1 { t1 = r } }
            return true
        }
        guard edge(-du, u0), edge(du, width - u0), edge(-dv, v0), edge(dv, height - v0) else { return nil }
        let clamp = { (x: Double, hi: Double) in min(hi, max(0, x)) }
        return (clamp(u0 + t0 * du, width), clamp(v0 + t0 * dv, height),
                clamp(u0 + t1 * du, width), clamp(v0 + t1 * dv, height))
    }

    /// The edge cell and arrow direction (degrees counter-clockwise from east, as seen on
    /// the screen) for a point outside the area: the cell nearest the point, that is the
    /// point's position clamped into `within` (by default the whole area; a part of it, such
    /// as the rows a notice leaves uncovered), pointing from that cell's side toward the
    /// point. A point beside the area (past one edge only) gets a straight arrow; one
    /// beyond a corner gets the corner cell and the direction of its overshoot past the two
    /// edges, in square screen units, which ``Glyphs/arrow(degrees:)`` rounds to a diagonal
    /// (Unicode) or the dominant direction (ASCII). Nil when the point is inside `within`, or NaN.
    /// A point in the area but outside `within` gets one too (it is hidden). Any finite
    /// point, however far, and infinite ones get an arrow; all arithmetic is in
    /// `Double`, and only the final cell, inside the area, is converted to `Int`.
    public static func edgeArrow(toward p: Vector2, viewport: Viewport,
                                 within: CellRect? = nil) -> (column: Int, row: Int, degrees: Double)? {
        let full = viewport.area
        guard !full.isEmpty, !p.x.isNaN, !p.y.isNaN else { return nil }
        let area = clipped(within ?? full, to: full)
        // The box of `area` in the area's fractional cells.
        let left = Double(area.left - full.left), top = Double(area.top - full.top)
        let right = left + Double(area.columns), bottom = top + Double(area.rows)
        let (u, v) = viewport.fractionalCell(of: p)
        guard u < left || u >= right || v < top || v >= bottom else { return nil }
        let cu = min(right, max(left, u)), cv = min(bottom, max(top, v))
        // Past the box by this much (0 along an axis the point is within; a point on the far
        // edge is just past it); infinities stay.
        let du = u >= right ? max(u - right, .leastNonzeroMagnitude) : u - cu
        let dv = v >= bottom ? max(v - bottom, .leastNonzeroMagnitude) : v - cv
        let column = full.left + min(area.left - full.left + area.columns - 1, Int(cu))
        let row = full.top + min(area.top - full.top + area.rows - 1, Int(cv))
        // The direction on screen, in square units (y up).
        var angle = atan2(-dv * Viewport.cellAspect, du) * 180 / .pi
        if angle < 0 { angle += 360 }
        return (column, row, angle)
    }

    /// `rect` cut to `area`; `area` when nothing is left.
    static func clipped(_ rect: CellRect, to area: CellRect) -> CellRect {
        let left = max(rect.left, area.left), top = max(rect.top, area.top)
        let right = min(rect.left + rect.columns, area.left + area.columns)
        let bottom = min(rect.top + rect.rows, area.top + area.rows)
        let cut = CellRect(left: left, top: top, columns: right - left, rows: bottom - top)
        return cut.isEmpty ? area : cut
    }
}
