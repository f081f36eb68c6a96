import Foundation
import DownhillCore

/// The loss surface sampled once per cell of the plot area: the band of every cell and
/// the contour line pieces between bands. Expensive to build (one loss evaluation per
/// cell), cheap to draw; build it again only when the surface or the area changes.
public struct SurfaceRaster: Sendable {
    /// Contour piece directions, indices into ``Glyphs/contours``.
    public enum Contour: UInt8, Sendable {
        case none = 255, horizontal = 0, rising = 1, vertical = 2, falling = 3
    }

    /// The surface's identity, the viewport and the levels the raster was built for.
    public let surfaceIdentity: SurfaceIdentity
    public let viewport: Viewport
    public let levels: Levels
    /// The band of each cell of the area, row-major from the area's top-left.
    public let bands: [UInt8]
    /// The contour piece of each cell, row-major; ``Contour/none`` for a filled cell.
    public let contours: [Contour]

    /// Samples `surface` (its `previewLoss`, exact for analytic surfaces) at the centre of
    /// every cell of `viewport`'s area.
    ///
    /// A cell is on a contour when a 4-neighbour is in a lower band and the opposite
    /// neighbour in the same band: each boundary is drawn once, on its higher side, and
    /// only where the band is at least two cells thick (on steep walls, where every cell
    /// would be a contour, the shading alone shows the slope). The piece's direction is perpendicular to the
    /// gradient of the normalized level there, measured in square screen units (a row is
    /// ``Viewport/cellAspect`` columns tall).
    /// True when this raster shows `surface` in `viewport` with `levels`: the one check of
    /// whether a raster must be built again.
    public func isValid(for surface: any LossSurface, viewport: Viewport, levels: Levels) -> Bool {
        self.viewport == viewport && surfaceIdentity == surface.identity && self.levels == levels
    }

    public init(surface: any LossSurface, viewport: Viewport, levels: Levels) {
        surfaceIdentity = surface.identity
        self.viewport = viewport
        self.levels = levels
        let columns = viewport.area.columns, rows = viewport.area.rows
        var t = [Double](repeating: 1, count: columns * rows)
        for r in 0..<rows {
            for c in 0..<columns {
                let p = viewport.world(atFractional: Double(c) + 0.5, Double(r) + 0.5)
                t[r * columns + c] = levels.normalized(surface.previewLoss(at: p))
            }
        }
        var bands = [UInt8](repeating: 0, count: t.count)
        for i in t.indices { bands[i] = UInt8(levels.band(normalized: t[i])) }
        var contours = [Contour](repeating: .none, count: t.count)
        for r in 0..<rows {
            for c in 0..<columns {
                let i = r * columns + c
                // On the higher side of a boundary, with the band at least two cells thick
                // across it (where bands are thinner the shading alone shows the slope).
                // A missing neighbour (off the area) is neither lower nor the same band, so
                // the edges of the area get no lines of their own.
                let b = Int(bands[i])
                let left = c > 0 ? Int(bands[i - 1]) : -1, right = c + 1 < columns ? Int(bands[i + 1]) : -1
                let above = r > 0 ? Int(bands[i - columns]) : -1, below = r + 1 < rows ? Int(bands[i + columns]) : -1
                func lower(_ n: Int) -> Bool { n >= 0 && n < b }
                let onContour = (lower(left) && right == b) || (lower(right) && left == b)
                    || (lower(above) && below == b) || (lower(below) && above == b)
                guard onContour else { continue }
                // Central differences of t, one-sided at the edges; per column and per row.
                let tLeft = t[c > 0 ? i - 1 : i], tRight = t[c + 1 < columns ? i + 1 : i]
                let up = t[r > 0 ? i - columns : i], down = t[r + 1 < rows ? i + columns : i]
                let gx = (tRight - tLeft) / Double((c > 0 ? 1 : 0) + (c + 1 < columns ? 1 : 0))
                let gy = (up - down) / Double((r > 0 ? 1 : 0) + (r + 1 < rows ? 1 : 0)) / Viewport.cellAspect
                contours[i] = Self.piece(gradientX: gx, gradientY: gy)
            }
        }
        self.bands = bands
        self.contours = contours
    }

    /// The line piece along a level line whose gradient (square units, y up) is (gx, gy):
    /// the tangent's angle picks one of four pieces. A cell's diagonal rises at
    /// atan(cellAspect) ≈ 63°, so the sectors are centred on 0°, 63°, 90° and 117°.
    static func piece(gradientX gx: Double, gradientY gy: Double) -> Contour {
        guard gx.isFinite, gy.isFinite, gx != 0 || gy != 0 else { return .horizontal }
        // The tangent (−gy, gx), folded into [0°, 180°).
        var angle = atan2(gx, -gy) * 180 / .pi
        if angle < 0 { angle += 180 }
        if angle >= 180 { angle -= 180 }
        switch angle {
        case ..<30, 150...: return .horizontal
        case ..<76.5: return .rising
        case ..<103.5: return .vertical
        default: return .falling
        }
    }

    /// The band of a screen cell, or nil outside the area.
    public func band(column: Int, row: Int) -> Int? {
        guard viewport.area.contains(column: column, row: row) else { return nil }
        return Int(bands[(row - viewport.area.top) * viewport.area.columns + column - viewport.area.left])
    }

    /// Fills the area of `grid` with the bands and contour lines.
    public func draw(into grid: inout CellGrid, glyphs: Glyphs) {
        let area = viewport.area
        let bandCells = (0..<Palette.bandCount).map { Cell(glyphs.bands[$0], .band($0)) }
        let contourCells = (0..<Palette.bandCount).map { level in
            glyphs.contours.map { Cell($0, .contour(level)) }
        }
        for r in 0..<area.rows {
            for c in 0..<area.columns {
                let i = r * area.columns + c
                let b = Int(bands[i])
                let piece = contours[i]
                grid[area.left + c, area.top + r] = piece == .none ? bandCells[b] : contourCells[b][Int(piece.rawValue)]
            }
        }
    }
}
