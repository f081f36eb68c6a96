import Foundation
import Testing
import DownhillCore
@testable import DownhillRender

/// The terrain view's camera, projection and hidden-line removal. Expected cells are worked
/// out by hand from the projection's formulas (see ``TerrainProjection``), never read off
/// its output.
@Suite struct TerrainTests {
    static let bowlBox = ViewBox(x: -2...2, y: -2...2)
    /// 40 × 20 cells: 80 × 80 braille dots, 40 × 40 ASCII half-cells.
    static let area = CellRect(left: 0, top: 0, columns: 40, rows: 20)

    @Test func theCameraWrapsItsAzimuthAndNeverFlips() {
        let c = TerrainCamera(azimuth: 190, elevation: 120)
        #expect(c.azimuth == -170 && c.elevation == 90)
        #expect(TerrainCamera(azimuth: -180, elevation: -40) == TerrainCamera(azimuth: 180, elevation: 10))
        // Tilting past the top or under the surface stops at the ends of the range.
        #expect(TerrainCamera.standard.rotated(azimuth: 0, elevation: 500).elevation == 90)
        #expect(TerrainCamera.standard.rotated(azimuth: 0, elevation: -500).elevation == 10)
        #expect(TerrainCamera.standard.rotated(azimuth: 360, elevation: 0) == .standard)
        #expect(TerrainCamera(azimuth: .nan, elevation: .infinity) == .standard)
    }

    @Test func straightDownAtAzimuthZeroIsTheMap() {
        // A = 0, E = 90: right = X, up = Y. The box's corners span [−1, 1] both ways, so the
        // scale is 0.94 · 80 / 2 = 37.6 dots a unit and the origin is the centre (40, 40).
        let p = TerrainProjection(camera: TerrainCamera(azimuth: 0, elevation: 90), box: Self.bowlBox, area: Self.area,
                                  unicode: true)
        #expect(abs(p.scale - 37.6) < 1e-9)
        #expect(p.cell(of: Vector2(0, 0), height: 0.5)! == (20, 10))
        // (2, −2) is model (1, −1): dot (40 + 37.6, 40 + 37.6) = (77.6, 77.6), cell (38, 19).
        #expect(p.cell(of: Vector2(2, -2), height: 0)! == (38, 19))
        // (−1, 1) is model (−½, ½): dot (21.2, 21.2), cell (10, 5); its height does not move it.
        #expect(p.cell(of: Vector2(-1, 1), height: 0)! == (10, 5))
        #expect(p.cell(of: Vector2(-1, 1), height: 1)! == (10, 5))
        // Off the box's far corner and beyond: nothing.
        #expect(p.cell(of: Vector2(3, 3), height: 0) == nil)
    }

    @Test func aQuarterTurnPutsEastAtTheTop() {
        // A = 90: right = −Y, up = X. (2, 0) → right 0, up 1: dot (40, 40 − 37.6) = (40, 2.4).
        let p = TerrainProjection(camera: TerrainCamera(azimuth: 90, elevation: 90), box: Self.bowlBox, area: Self.area,
                                  unicode: true)
        #expect(p.cell(of: Vector2(2, 0), height: 0.5)! == (20, 0))
        // (0, 2) → right −1: dot (2.4, 40), cell (1, 10).
        #expect(p.cell(of: Vector2(0, 2), height: 0.5)! == (1, 10))
    }

    @Test func heightRisesOnScreenByTheCosineOfTheElevation() {
        // A = 0, E = 30: up = Y/2 + Z·cos 30°, the corners' up spans ±(0.5 + 0.4·0.866) = ±0.846,
        // right ±1: the width decides, scale 37.6, origin (40, 40). The centre at the top
        // (Z = 0.4) is up 0.3464: dot y = 40 − 13.02 = 26.98, row 6; at the floor row 13.
        let p = TerrainProjection(camera: TerrainCamera(azimuth: 0, elevation: 30), box: Self.bowlBox, area: Self.area,
                                  unicode: true)
        #expect(p.cell(of: Vector2(0, 0), height: 1)! == (20, 6))
        #expect(p.cell(of: Vector2(0, 0), height: 0)! == (20, 13))
        // The same with the area moved to (5, 2): every cell moves with it.
        let moved = TerrainProjection(camera: TerrainCamera(azimuth: 0, elevation: 30), box: Self.bowlBox,
                                      area: CellRect(left: 5, top: 2, columns: 40, rows: 20), unicode: true)
        #expect(moved.cell(of: Vector2(0, 0), height: 1)! == (25, 8))
    }

    @Test func asciiDotsAreHalfCellsAndLandInTheSameCells() {
        // ASCII: 40 × 40 dots, scale 0.94 · 40 / 2 = 18.8, origin (20, 20): (2, −2) → (38.8, 38.8).
        let p = TerrainProjection(camera: TerrainCamera(azimuth: 0, elevation: 90), box: Self.bowlBox, area: Self.area,
                                  unicode: false)
        #expect(abs(p.scale - 18.8) < 1e-9)
        #expect(p.cell(of: Vector2(2, -2), height: 0)! == (38, 19))
        #expect(p.cell(of: Vector2(-1, 1), height: 0)! == (10, 5))
    }

    /// A run along the floor at y = 1.5, x from −0.3 to 0.3, drawn on the terrain of `formula`
    /// seen from the south (azimuth 0) 20° up; the columns of the screen with trail ink.
    func trailColumns(_ formula: String) throws -> Set<Int> {
        let surface = try FormulaSurface(formula)
        let levels = Levels(spacing: .linear, floor: 0, span: 1)
        let area = CellRect(left: 0, top: 0, columns: 60, rows: 20)
        let terrain = TerrainRaster.build(surface: surface, box: ViewBox(x: -3...3, y: -3...3), levels: levels,
                                          camera: TerrainCamera(azimuth: 0, elevation: 20), area: area, unicode: true)
        let trail = stride(from: -0.3, through: 0.3, by: 0.05).map { Vector2($0, 1.5) }
        // The head is off the view, so only the trail's dots can show.
        let path = TrackPath(trail: trail[...], current: Vector2(100, 100), head: "@", headInk: .point,
                             trailInk: .trail(2), marksPoints: false)
        var grid = CellGrid(width: 60, height: 20)
        terrain.draw(into: &grid, glyphs: .unicode)
        TerrainLayer.draw(terrain, surface: surface, paths: [path], start: nil, minima: [], glyphs: .unicode, into: &grid)
        var columns = Set<Int>()
        for r in 0..<20 { for c in 0..<60 where grid[c, r].ink == .trail(2) { columns.insert(c) } }
        return columns
    }

    @Test func aPeakInFrontHidesTheCellsBehindIt() throws {
        // A peak of height 1 at (0, −1.5), in front of the run (y = 1.5) as seen from the
        // south; its top (model up 0.205) rises above the run's floor (up −0.205), so its
        // front face covers it. With the peak behind the run instead, at (0, 2.5), the run
        // is in plain view, in the middle columns (x ∈ [−0.3, 0.3] is ±0.1 model units
        // around the centre: columns 27 to 32 of 60).
        let hidden = try trailColumns("exp(-4*(x^2 + (y + 1.5)^2))")
        let shown = try trailColumns("exp(-4*(x^2 + (y - 2.5)^2))")
        #expect(hidden.isEmpty)
        #expect(!shown.isEmpty && shown.allSatisfy { (26...33).contains($0) })
    }

    @Test func theDepthBufferHoldsTheNearestSurface() throws {
        // The same peak: the floor point behind it at (0, 1.5) projects where the peak's
        // front face is nearer; the floor point in front of it, (0, −2.8), is the nearest there.
        let surface = try FormulaSurface("exp(-4*(x^2 + (y + 1.5)^2))")
        let terrain = TerrainRaster.build(surface: surface, box: ViewBox(x: -3...3, y: -3...3),
                                          levels: Levels(spacing: .linear, floor: 0, span: 1),
                                          camera: TerrainCamera(azimuth: 0, elevation: 20),
                                          area: CellRect(left: 0, top: 0, columns: 60, rows: 20), unicode: true)
        let p = terrain.projection
        func visible(_ point: Vector2) -> Bool {
            let m = p.model(point, height: surface.loss(at: point))
            let d = p.project(m.x, m.y, m.z)
            return terrain.isVisible(x: Int(d.x), y: Int(d.y), depth: d.depth)
        }
        #expect(!visible(Vector2(0, 1.5)))
        #expect(visible(Vector2(0, -2.8)))
        #expect(visible(Vector2(0, -1.5)))  // the peak's top
        #expect(visible(Vector2(2.5, 1.5)))  // behind, but beside the peak
    }

    @Test func turningTheCameraKeepsTheMesh() {
        let surface = Surfaces.rosenbrock
        let levels = Levels(surface: surface)
        let area = CellRect(left: 0, top: 1, columns: 80, rows: 21)
        let first = TerrainRaster.build(surface: surface, box: surface.defaultView, levels: levels, camera: .standard,
                                        area: area, unicode: true)
        let turned = TerrainRaster.build(surface: surface, box: surface.defaultView, levels: levels,
                                         camera: TerrainCamera.standard.rotated(azimuth: 15, elevation: 0), area: area,
                                         unicode: true, previous: first)
        #expect(turned.mesh.heights == first.mesh.heights)
        #expect(turned.bits != first.bits)
        #expect(turned.isValid(for: surface, box: surface.defaultView, levels: levels,
                               camera: TerrainCamera.standard.rotated(azimuth: 15, elevation: 0), area: area, unicode: true))
        #expect(!turned.isValid(for: surface, box: surface.defaultView, levels: levels, camera: .standard, area: area,
                                unicode: true))
        // Heights are the contour plot's normalized levels: rosenbrock's are logarithmic.
        #expect(levels.spacing == .logarithmic)
        let corner = surface.previewLoss(at: Vector2(surface.defaultView.xMin, surface.defaultView.yMin))
        #expect(first.mesh.heights[0] == levels.normalized(corner))
    }
}

@Suite struct TerrainInkTests {
    @Test func linesTakeTheContourInkOfTheirLevel() {
        // Straight down on the bowl: the centre is the floor (band 0), the corners the top
        // (band 9), every line in a contour ink; the bands seen rise from the centre outwards.
        let surface = Surfaces.bowl
        let levels = Levels(surface: surface)
        let area = CellRect(left: 0, top: 0, columns: 40, rows: 20)
        let terrain = TerrainRaster.build(surface: surface, box: surface.defaultView, levels: levels,
                                          camera: TerrainCamera(azimuth: 0, elevation: 90), area: area, unicode: true)
        var grid = CellGrid(width: 40, height: 20)
        terrain.draw(into: &grid, glyphs: .unicode)
        var bands = Set<Int>()
        for r in 0..<20 {
            for c in 0..<40 where grid[c, r] != .blank {
                guard case .contour(let k) = grid[c, r].ink else {
                    Issue.record("cell (\(c), \(r)) has ink \(grid[c, r].ink)")
                    continue
                }
                bands.insert(k)
            }
        }
        #expect(bands == Set(0..<Palette.bandCount))
        // Straight down, scale 0.94 · 80 / 2 = 37.6 dots a unit, origin (40, 40): the centre
        // of cell (c, r) is dot (2c + 1, 4r + 2), model ((x − 40)/37.6, (40 − y)/37.6), world
        // twice that. A wire cell's band is the band of the loss there, give or take the
        // one band its dots may span.
        for r in 0..<20 {
            for c in 0..<40 {
                guard case .contour(let k) = grid[c, r].ink else { continue }
                let world = Vector2(2 * (Double(2 * c + 1) - 40) / 37.6, 2 * (40 - Double(4 * r + 2)) / 37.6)
                let expected = levels.band(of: surface.loss(at: world))
                #expect(abs(k - expected) <= 1, "cell (\(c), \(r)): band \(k), the loss there is in band \(expected)")
            }
        }
    }
}
