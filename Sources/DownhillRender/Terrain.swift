import Foundation
import DownhillCore

/// Where the terrain view's camera stands: turned `azimuth` degrees about the vertical axis
/// (counter-clockwise seen from above; 0 has +x to the right and +y away from the viewer)
/// and looking down at `elevation` degrees above the horizon. The elevation is clamped to
/// ``elevationRange``, so the camera never passes under the surface or over the top and the
/// picture never turns upside down; the azimuth wraps to (−180°, 180°].
public struct TerrainCamera: Equatable, Sendable {
    /// The elevations the camera may take, degrees: 90 is straight down (the contour map's
    /// view when the azimuth is 0), 10 is nearly side on.
    public static let elevationRange: ClosedRange<Double> = 10...90
    /// The camera `t` opens with and `F` goes back to: from the south-south-west, 35° up.
    public static let standard = TerrainCamera(azimuth: -30, elevation: 35)

    /// Degrees, in (−180, 180].
    public let azimuth: Double
    /// Degrees, in ``elevationRange``.
    public let elevation: Double

    /// A camera at these angles (degrees): the azimuth wrapped, the elevation clamped; a
    /// non-finite angle is taken as the standard camera's.
    public init(azimuth: Double, elevation: Double) {
        var a = azimuth.isFinite ? azimuth.truncatingRemainder(dividingBy: 360) : -30
        if a <= -180 { a += 360 }
        if a > 180 { a -= 360 }
        self.azimuth = a
        let range = Self.elevationRange
        self.elevation = elevation.isFinite ? min(range.upperBound, max(range.lowerBound, elevation)) : 35
    }

    /// This camera turned by `da` degrees of azimuth and `de` of elevation (clamped).
    public func rotated(azimuth da: Double, elevation de: Double) -> TerrainCamera {
        TerrainCamera(azimuth: azimuth + da, elevation: elevation + de)
    }
}

/// The terrain view's orthographic projection: model space (the view box scaled so its
/// longer side spans [−1, 1], heights in [−``heightScale``/2, ``heightScale``/2]) to
/// dots of the area (braille: 2 × 4 dots a cell; ASCII: 1 × 2), which are square on a
/// terminal whose cells are twice as tall as wide.
///
/// With azimuth A and elevation E, a model point (X, Y, Z) goes to
/// - right = X·cos A − Y·sin A,
/// - back = X·sin A + Y·cos A,
/// - up = back·sin E + Z·cos E (on screen), depth = back·cos E − Z·sin E (larger is farther);
///
/// dot x = originX + scale·right, dot y = originY − scale·up (the y flip). The scale and the
/// origin fit what is drawn (the surface's samples; the box's eight corners at the floor
/// and the top when no mesh is given) into the area with ``margin``, centred: the picture
/// fills the area at every angle (so a turn zooms a little).
public struct TerrainProjection: Equatable, Sendable {
    /// The height of the model, in the units where the view's longer side is 2.
    public static let heightScale = 0.8
    /// The share of the area the picture may fill.
    public static let margin = 0.94

    public let camera: TerrainCamera
    /// The part of the plane shown, world units.
    public let box: ViewBox
    /// The cells drawn into.
    public let area: CellRect
    /// Dots per cell across and down: 2 × 4 (Unicode braille) or 1 × 2 (ASCII).
    public let dotsPerColumn: Int
    public let dotsPerRow: Int
    /// Dots per model unit, and the dot position of the model's origin.
    public let scale: Double
    public let originX: Double, originY: Double
    let cosA: Double, sinA: Double, cosE: Double, sinE: Double
    /// Half the box's width and height in model units (the longer is 1).
    let halfX: Double, halfY: Double

    /// The projection for `camera` into `area`, fitted to the box's eight corners at the
    /// floor and the top, or, with `mesh`, to the surface's samples (what is drawn).
    public init(camera: TerrainCamera, box: ViewBox, area: CellRect, unicode: Bool, fitting mesh: TerrainMesh? = nil) {
        self.camera = camera
        self.box = box
        self.area = area
        (dotsPerColumn, dotsPerRow) = unicode ? (2, 4) : (1, 2)
        let a = camera.azimuth * .pi / 180, e = camera.elevation * .pi / 180
        (cosA, sinA, cosE, sinE) = (cos(a), sin(a), cos(e), sin(e))
        let longer = max(box.width, box.height)
        halfX = longer > 0 ? box.width / longer : 1
        halfY = longer > 0 ? box.height / longer : 1
        let width = Double(area.columns * dotsPerColumn), height = Double(area.rows * dotsPerRow)
        // The points fitted, projected at scale 1: their extents decide the scale and the
        // centre, so the picture fills the area at every angle.
        var (loX, hiX, loY, hiY) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        let (ca, sa, ce, se) = (cosA, sinA, cosE, sinE)
        func include(_ x: Double, _ y: Double, _ z: Double) {
            let right = x * ca - y * sa
            let up = (x * sa + y * ca) * se + z * ce
            (loX, hiX, loY, hiY) = (min(loX, right), max(hiX, right), min(loY, up), max(hiY, up))
        }
        if let mesh, mesh.countX > 1, mesh.countY > 1 {
            for j in 0..<mesh.countY {
                let y = -halfY + 2 * halfY * Double(j) / Double(mesh.countY - 1)
                for i in 0..<mesh.countX {
                    let x = -halfX + 2 * halfX * Double(i) / Double(mesh.countX - 1)
                    include(x, y, Self.heightScale * (mesh.heights[j * mesh.countX + i] - 0.5))
                }
            }
        } else {
            for x in [-halfX, halfX] {
                for y in [-halfY, halfY] {
                    for z in [-Self.heightScale / 2, Self.heightScale / 2] { include(x, y, z) }
                }
            }
        }
        if !(loX < hiX) { (loX, hiX) = (-1, 1) }
        if !(loY < hiY) { (loY, hiY) = (-1, 1) }
        scale = Self.margin * min(width / max(1e-9, hiX - loX), height / max(1e-9, hiY - loY))
        originX = width / 2 - scale * (loX + hiX) / 2
        originY = height / 2 + scale * (loY + hiY) / 2
    }

    /// The area's size in dots.
    public var dotWidth: Int { area.columns * dotsPerColumn }
    public var dotHeight: Int { area.rows * dotsPerRow }

    /// Model coordinates of a world point at normalized height `t` (0 the floor, 1 the top).
    @inline(__always) public func model(_ p: Vector2, height t: Double) -> (x: Double, y: Double, z: Double) {
        let c = box.center
        let unit = max(box.width, box.height) / 2
        return ((p.x - c.x) / unit, (p.y - c.y) / unit, Self.heightScale * (t - 0.5))
    }

    /// The dot position (x right, y down, from the area's top-left corner, fractional) and
    /// the depth (model units, larger is farther) of a model point.
    @inline(__always) public func project(_ x: Double, _ y: Double, _ z: Double) -> (x: Double, y: Double, depth: Double) {
        let right = x * cosA - y * sinA
        let back = x * sinA + y * cosA
        let up = back * sinE + z * cosE
        return (originX + scale * right, originY - scale * up, back * cosE - z * sinE)
    }

    /// The screen cell of a world point at normalized height `t`, or nil when it falls
    /// outside the area or is not finite.
    public func cell(of p: Vector2, height t: Double) -> (column: Int, row: Int)? {
        let m = model(p, height: t)
        let d = project(m.x, m.y, m.z)
        guard d.x.isFinite, d.y.isFinite, d.x >= 0, d.y >= 0, d.x < Double(dotWidth), d.y < Double(dotHeight) else { return nil }
        return (area.left + Int(d.x) / dotsPerColumn, area.top + Int(d.y) / dotsPerRow)
    }
}

/// The surface sampled on a grid over the view for the terrain view: heights as normalized
/// levels (``Levels/normalized(_:)``, so a logarithmic surface stands on a logarithmic
/// height scale). Built when the surface, the view or the area's size changes; turning the
/// camera reuses it.
public struct TerrainMesh: Sendable {
    /// Samples between two wire lines.
    public static let wireStride = 3
    public let surfaceIdentity: SurfaceIdentity
    public let box: ViewBox
    public let levels: Levels
    /// Samples along x and y (corners included); heights row-major, y rising.
    public let countX: Int, countY: Int
    public let heights: [Double]

    /// Samples `surface` over `box` with about `lines` wire lines along the box's longer side
    /// (at least 4 along each), ``wireStride`` samples apart.
    public init(surface: any LossSurface, box: ViewBox, levels: Levels, lines: Int) {
        surfaceIdentity = surface.identity
        self.box = box
        self.levels = levels
        let longer = max(box.width, box.height)
        countX = Self.count(lines: lines, ratio: box.width / longer)
        countY = Self.count(lines: lines, ratio: box.height / longer)
        var heights = [Double](repeating: 1, count: countX * countY)
        for j in 0..<countY {
            let y = box.yMin + Double(j) / Double(countY - 1) * box.height
            for i in 0..<countX {
                let x = box.xMin + Double(i) / Double(countX - 1) * box.width
                heights[j * countX + i] = levels.normalized(surface.previewLoss(at: Vector2(x, y)))
            }
        }
        self.heights = heights
    }

    /// The wire lines wanted along the longer side for an area `dotWidth` dots wide: one
    /// every 7 dots or so, 8 to 40.
    public static func lines(forDotWidth dotWidth: Int) -> Int { min(30, max(6, dotWidth / 10)) }

    /// True when this mesh samples `surface` over `box` with `levels` at `lines` lines.
    public func isValid(for surface: any LossSurface, box: ViewBox, levels: Levels, lines: Int) -> Bool {
        surfaceIdentity == surface.identity && self.box == box && self.levels == levels
            && countX == Self.count(lines: lines, ratio: box.width / max(box.width, box.height))
            && countY == Self.count(lines: lines, ratio: box.height / max(box.width, box.height))
    }

    /// Samples along a side that is `ratio` of the longer one: at least 4 wire lines.
    static func count(lines: Int, ratio: Double) -> Int {
        max(4, Int((Double(lines) * (ratio.isFinite ? ratio : 1)).rounded())) * wireStride + 1
    }
}

/// The terrain as the camera sees it: a depth buffer of the surface at dot resolution and
/// the visible dots of its wire lines (every ``TerrainMesh/wireStride``-th sample line along
/// x and y), each cell inked with the band of the frontmost wire dot in it. Hidden lines
/// are removed with the depth buffer: the mesh's triangles are filled into it first (the
/// nearest depth per dot), then a wire dot is drawn only where it is no farther than the
/// buffer plus a small tolerance (a line lies on the surface it bounds). Pure; rebuilt when
/// the camera turns (cheap: the mesh is kept).
public struct TerrainRaster: Sendable {
    public let mesh: TerrainMesh
    public let projection: TerrainProjection
    /// The nearest surface depth at each dot, row-major (`.infinity` where none).
    public let depth: [Double]
    /// Per cell of the area, row-major: the wire dots (braille bits, or ASCII halves) and
    /// the band of the frontmost one (255: no dot).
    public let bits: [UInt8]
    public let bands: [UInt8]

    /// How far behind the buffer a dot may be and still be drawn, model units: a base plus
    /// the depth a 45° slope gains over a dot and a half.
    public var tolerance: Double { Self.tolerance(scale: projection.scale) }
    static func tolerance(scale: Double) -> Double { 0.02 + 1.5 / max(1, scale) }

    public init(mesh: TerrainMesh, projection: TerrainProjection) {
        self.mesh = mesh
        self.projection = projection
        let w = projection.dotWidth, h = projection.dotHeight
        let nx = mesh.countX, ny = mesh.countY
        // Every sample projected once.
        var px = [Double](repeating: 0, count: nx * ny), py = px, pd = px
        for j in 0..<ny {
            let y = -projection.halfY + 2 * projection.halfY * Double(j) / Double(ny - 1)
            for i in 0..<nx {
                let x = -projection.halfX + 2 * projection.halfX * Double(i) / Double(nx - 1)
                let k = j * nx + i
                let z = TerrainProjection.heightScale * (mesh.heights[k] - 0.5)
                (px[k], py[k], pd[k]) = projection.project(x, y, z)
            }
        }
        var depth = [Double](repeating: .infinity, count: w * h)
        if w > 0 && h > 0 {
            for j in 0..<(ny - 1) {
                for i in 0..<(nx - 1) {
                    let a = j * nx + i, b = a + 1, c = a + nx, d = c + 1
                    Self.fill(a, b, d, px, py, pd, width: w, height: h, into: &depth)
                    Self.fill(a, d, c, px, py, pd, width: w, height: h, into: &depth)
                }
            }
        }
        let columns = projection.area.columns, rows = projection.area.rows
        var bits = [UInt8](repeating: 0, count: columns * rows)
        var bands = [UInt8](repeating: 255, count: columns * rows)
        var front = [Double](repeating: .infinity, count: columns * rows)
        let tolerance = Self.tolerance(scale: projection.scale)
        let cw = projection.dotsPerColumn, ch = projection.dotsPerRow, unicode = cw == 2
        let levels = mesh.levels
        // One wire segment between samples k0 and k1, dot by dot.
        func segment(_ k0: Int, _ k1: Int) {
            let x0 = px[k0], y0 = py[k0], x1 = px[k1], y1 = py[k1]
            guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
            let n = max(1, Int(max(abs(x1 - x0), abs(y1 - y0)).rounded(.up)))
            for s in 0...n {
                let f = Double(s) / Double(n)
                let x = x0 + (x1 - x0) * f, y = y0 + (y1 - y0) * f
                guard x >= 0, y >= 0, x < Double(w), y < Double(h) else { continue }
                let dx = Int(x), dy = Int(y)
                let dd = pd[k0] + (pd[k1] - pd[k0]) * f
                guard dd <= depth[dy * w + dx] + tolerance else { continue }
                let cell = (dy / ch) * columns + dx / cw
                bits[cell] |= LossChart.dotBit(dx % cw, dy % ch, unicode: unicode)
                if dd < front[cell] {
                    front[cell] = dd
                    let t = mesh.heights[k0] + (mesh.heights[k1] - mesh.heights[k0]) * f
                    bands[cell] = UInt8(levels.band(normalized: t))
                }
            }
        }
        let stride = TerrainMesh.wireStride
        for j in Swift.stride(from: 0, to: ny, by: stride) {
            for i in 0..<(nx - 1) { segment(j * nx + i, j * nx + i + 1) }
        }
        for i in Swift.stride(from: 0, to: nx, by: stride) {
            for j in 0..<(ny - 1) { segment(j * nx + i, (j + 1) * nx + i) }
        }
        self.depth = depth
        self.bits = bits
        self.bands = bands
    }

    /// Fills triangle (a, b, c) into the depth buffer: every dot whose centre lies inside
    /// keeps the nearer of its depth and the triangle's there (barycentric interpolation).
    @inline(__always)
    static func fill(_ a: Int, _ b: Int, _ c: Int, _ px: [Double], _ py: [Double], _ pd: [Double],
                     width: Int, height: Int, into depth: inout [Double]) {
        let ax = px[a], ay = py[a], bx = px[b], by = py[b], cx = px[c], cy = py[c]
        let area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay)
        guard area != 0, area.isFinite else { return }
        let minX = max(0, Int((min(ax, bx, cx) - 0.5).rounded(.up)))
        let maxX = min(width - 1, Int((max(ax, bx, cx) - 0.5).rounded(.down)))
        let minY = max(0, Int((min(ay, by, cy) - 0.5).rounded(.up)))
        let maxY = min(height - 1, Int((max(ay, by, cy) - 0.5).rounded(.down)))
        guard minX <= maxX, minY <= maxY else { return }
        let inverse = 1 / area
        let da = pd[a], db = pd[b], dc = pd[c]
        for y in minY...maxY {
            let sy = Double(y) + 0.5
            for x in minX...maxX {
                let sx = Double(x) + 0.5
                let wa = ((bx - sx) * (cy - sy) - (cx - sx) * (by - sy)) * inverse
                let wb = ((cx - sx) * (ay - sy) - (ax - sx) * (cy - sy)) * inverse
                let wc = 1 - wa - wb
                guard wa >= 0, wb >= 0, wc >= 0 else { continue }
                let d = wa * da + wb * db + wc * dc
                let i = y * width + x
                if d < depth[i] { depth[i] = d }
            }
        }
    }

    /// True when this raster shows `surface` over `box` with `levels`, seen by `camera` in
    /// `area` with this glyph set: the one check of whether it must be built again.
    public func isValid(for surface: any LossSurface, box: ViewBox, levels: Levels, camera: TerrainCamera, area: CellRect,
                        unicode: Bool) -> Bool {
        projection.camera == camera && projection.area == area && projection.box == box
            && (projection.dotsPerColumn == 2) == unicode
            && mesh.isValid(for: surface, box: box, levels: levels, lines: TerrainMesh.lines(forDotWidth: projection.dotWidth))
    }

    /// The raster for `surface` over `box` seen by `camera` in `area`, reusing `previous`'s
    /// mesh when it still fits (a turn of the camera samples nothing).
    public static func build(surface: any LossSurface, box: ViewBox, levels: Levels, camera: TerrainCamera, area: CellRect,
                             unicode: Bool, previous: TerrainRaster? = nil) -> TerrainRaster {
        let lines = TerrainMesh.lines(forDotWidth: area.columns * (unicode ? 2 : 1))
        let mesh: TerrainMesh
        if let previous, previous.mesh.isValid(for: surface, box: box, levels: levels, lines: lines) {
            mesh = previous.mesh
        } else {
            mesh = TerrainMesh(surface: surface, box: box, levels: levels, lines: lines)
        }
        let projection = TerrainProjection(camera: camera, box: box, area: area, unicode: unicode, fitting: mesh)
        return TerrainRaster(mesh: mesh, projection: projection)
    }

    /// Draws the wire lines into the area of `grid` (blank where there are none), inked as
    /// the contour lines of their band.
    public func draw(into grid: inout CellGrid, glyphs: Glyphs) {
        let area = projection.area
        for r in 0..<area.rows {
            for c in 0..<area.columns {
                let i = r * area.columns + c
                grid[area.left + c, area.top + r] = bits[i] == 0 ? .blank
                    : Cell(LossChart.glyph(bits[i], unicode: glyphs.isUnicode), .contour(Int(bands[i])))
            }
        }
    }

    /// True when a point at dot (x, y) and `depth` is not hidden by the surface.
    func isVisible(x: Int, y: Int, depth d: Double, slack: Double = 1) -> Bool {
        let w = projection.dotWidth
        guard x >= 0, y >= 0, x < w, y < projection.dotHeight else { return false }
        return d <= depth[y * w + x] + slack * tolerance
    }
}

/// The runs drawn on the terrain: trails at their loss height as dots (hidden behind hills
/// like the wire lines, with twice the tolerance, as the path lies between the mesh's
/// samples) and, for paths that mark them, their points as `•` (`+`), then the minima, the
/// start and the heads as whole-cell glyphs, always on top so the point is never lost
/// behind a hill. Points outside the view are not drawn.
public enum TerrainLayer {
    /// Draws `paths` (trails first, in order; then the minima and the start; then the heads).
    public static func draw(_ terrain: TerrainRaster, surface: any LossSurface, paths: [TrackPath], start: Vector2?,
                            minima: [Vector2], glyphs: Glyphs, into grid: inout CellGrid) {
        let projection = terrain.projection
        let area = projection.area
        let levels = terrain.mesh.levels
        let box = projection.box
        let cw = projection.dotsPerColumn, ch = projection.dotsPerRow, unicode = glyphs.isUnicode
        var bits = [UInt8](repeating: 0, count: area.columns * area.rows)
        var inks = [Ink?](repeating: nil, count: area.columns * area.rows)
        func dot(_ p: Vector2) -> (x: Double, y: Double, depth: Double)? {
            guard box.contains(p) else { return nil }
            let m = projection.model(p, height: levels.normalized(surface.previewLoss(at: p)))
            return projection.project(m.x, m.y, m.z)
        }
        // Each path's points projected once (nil outside the view), for its dots and its marks.
        let projected = paths.map { $0.trail.map(dot) }
        for (path, points) in zip(paths, projected) {
            var previous: (x: Double, y: Double, depth: Double)?
            for here in points {
                if let a = previous, let b = here {
                    let n = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
                    for s in 0...n {
                        let f = Double(s) / Double(n)
                        let x = Int((a.x + (b.x - a.x) * f).rounded(.down)), y = Int((a.y + (b.y - a.y) * f).rounded(.down))
                        guard terrain.isVisible(x: x, y: y, depth: a.depth + (b.depth - a.depth) * f, slack: 2) else { continue }
                        let cell = (y / ch) * area.columns + x / cw
                        bits[cell] |= LossChart.dotBit(x % cw, y % ch, unicode: unicode)
                        inks[cell] = path.trailInk
                    }
                } else if let b = here, terrain.isVisible(x: Int(b.x), y: Int(b.y), depth: b.depth, slack: 2) {
                    let (x, y) = (Int(b.x), Int(b.y))
                    let cell = (y / ch) * area.columns + x / cw
                    bits[cell] |= LossChart.dotBit(x % cw, y % ch, unicode: unicode)
                    inks[cell] = path.trailInk
                }
                previous = here
            }
        }
        for i in inks.indices {
            guard let ink = inks[i] else { continue }
            grid[area.left + i % area.columns, area.top + i / area.columns] = Cell(LossChart.glyph(bits[i], unicode: unicode), ink)
        }
        // The points of paths that mark them, as whole cells (`•`, `+`), so a path reads apart
        // from the wire lines without colour too; the solo trail's fade with age.
        for (path, points) in zip(paths, projected) where path.marksPoints {
            let newest = points.count - 1
            for (i, d) in points.enumerated() {
                guard let d, d.x >= 0, d.y >= 0, terrain.isVisible(x: Int(d.x), y: Int(d.y), depth: d.depth, slack: 2)
                else { continue }
                var ink = path.trailInk
                if case .trail = ink { ink = .trail(TrailLayer.bucket(age: newest - i)) }
                grid[area.left + Int(d.x) / cw, area.top + Int(d.y) / ch] = Cell(glyphs.trailPoint, ink)
            }
        }
        func mark(_ p: Vector2, _ cell: Cell) {
            guard box.contains(p), let (c, r) = projection.cell(of: p, height: levels.normalized(surface.previewLoss(at: p))) else { return }
            grid[c, r] = cell
        }
        for m in minima { mark(m, Cell(glyphs.minimum, .minimum)) }
        if let start { mark(start, Cell(glyphs.start, .start)) }
        for path in paths { mark(path.current, Cell(path.head, path.headInk)) }
    }
}
