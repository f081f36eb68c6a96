import Foundation
import Testing
import DownhillCore
@testable import DownhillRender
import TestSupport

/// A scene on `surface` with the point at `current`, a one-point trail and no help.
func scene(_ surface: any LossSurface, current: Vector2, start: Vector2? = nil, trail: [Vector2]? = nil,
           width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> Scene {
    let run = descent(surface, GD(), lr: 0.1, start: start ?? current)
    return Scene(surface: surface,
                 raster: Screen.raster(for: surface, levels: Levels(surface: surface), width: width, height: height),
                 trail: (trail ?? [current])[...], start: start ?? current, current: current,
                 status: StatusInfo(descent: run, playing: false, stepsPerSecond: 20), help: nil, glyphs: glyphs)
}

/// Cells of `grid` whose glyph is `glyph`.
func cells(of glyph: Character, in grid: CellGrid) -> [(column: Int, row: Int)] {
    var out: [(Int, Int)] = []
    for r in 0..<grid.height { for c in 0..<grid.width where grid[c, r].glyph == glyph { out.append((c, r)) } }
    return out
}

@Suite struct RasterTests {
    @Test func aCircleOnTheBowlSpansTwiceAsManyColumnsAsRows() {
        // bowl is x² + y²: every level line is a circle. Take the region below the level
        // of band 3 (a disc of radius √threshold) and measure its extent in cells.
        let surface = Surfaces.bowl
        let levels = Levels(surface: surface)
        #expect(levels.spacing == .linear)
        let raster = Screen.raster(for: surface, levels: levels, width: 120, height: 40)
        let area = raster.viewport.area
        var columns = Set<Int>(), rows = Set<Int>()
        for r in area.top..<(area.top + area.rows) {
            for c in 0..<area.columns where raster.band(column: c, row: r)! < 3 {
                columns.insert(c)
                rows.insert(r)
            }
        }
        let width = columns.max()! - columns.min()! + 1, height = rows.max()! - rows.min()! + 1
        #expect(height >= 10)
        #expect(abs(width - 2 * height) <= 2, "disc spans \(width) columns × \(height) rows")
        // And its size matches the radius: 2r / rowHeight rows.
        let radius = levels.threshold(ofBand: 3).squareRoot()
        #expect(abs(Double(height) - 2 * radius / raster.viewport.rowHeight) <= 1.5)
    }

    @Test func levelsAreLogarithmicWhereTheLossSpansDecades() {
        for s in [Surfaces.rosenbrock, Surfaces.beale, Surfaces.himmelblau, Surfaces.goldsteinPrice] as [any LossSurface] {
            #expect(Levels(surface: s).spacing == .logarithmic, "\(s.name)")
        }
        for s in [Surfaces.bowl, Surfaces.valley, Surfaces.rastrigin, Surfaces.saddle] as [any LossSurface] {
            #expect(Levels(surface: s).spacing == .linear, "\(s.name)")
        }
    }

    @Test func negativeSurfacesAreShiftedNeverLogged() {
        // six-hump-camel goes down to −1.0316 and saddle is unbounded below.
        for s in [Surfaces.sixHumpCamel, Surfaces.saddle] as [any LossSurface] {
            let levels = Levels(surface: s)
            #expect(levels.floor < 0)
            for loss in [-1e9, -1.0316, levels.floor, 0, 1, 1e9, .infinity, .nan, -.infinity] {
                let t = levels.normalized(loss)
                #expect(t >= 0 && t <= 1, "\(s.name) \(loss) → \(t)")
            }
            #expect(levels.band(of: levels.floor) == 0)
        }
    }

    @Test func thresholdsRiseAndMatchTheBands() {
        for s in [Surfaces.bowl, Surfaces.rosenbrock] as [any LossSurface] {
            let levels = Levels(surface: s)
            for k in 1..<Palette.bandCount {
                let below = levels.threshold(ofBand: k) * (1 - 1e-9) - 1e-12
                let above = levels.threshold(ofBand: k) * (1 + 1e-9) + 1e-12
                #expect(levels.threshold(ofBand: k) > levels.threshold(ofBand: k - 1))
                #expect(levels.band(of: below) == k - 1 && levels.band(of: above) == k, "\(s.name) band \(k)")
            }
        }
    }

    @Test func linearThresholdsAreEqualSteps() {
        let levels = Levels(spacing: .linear, floor: -2, span: 10)
        #expect(levels.threshold(ofBand: 3) == -2 + 3)
        #expect(levels.band(of: 0.5) == 2)
    }
}

@Suite struct TrailLayerTests {
    @Test func minimaMarkersSitOnTheirCells() {
        // himmelblau's view [−5, 5]² in 80 × 21 cells: the height decides, 10/42 per
        // column, so x spans ±40·10/42 = ±9.5238 and y ±5; a row is 20/42 high.
        // (3, 2): u = (3 + 9.5238)/0.238095 = 52.6, v = (5 − 2)/0.47619 = 6.3 → (52, 1 + 6).
        // (−2.805118, 3.131312): u = 28.2, v = 3.92 → (28, 4).
        // (−3.779310, −3.283186): u = 24.1, v = 17.39 → (24, 18).
        // (3.584428, −1.848126): u = 55.05, v = 14.38 → (55, 15).
        let grid = Screen.render(scene(Surfaces.himmelblau, current: Vector2(0, 0)), width: 80, height: 24)
        let stars = cells(of: "★", in: grid).map { "\($0.column),\($0.row)" }.sorted()
        #expect(stars == ["24,18", "28,4", "52,7", "55,15"])
    }

    @Test func asciiMinimaAndPoint() {
        // As above: himmelblau's (3, 2) is at (52, 7).
        let stars = Screen.render(scene(Surfaces.himmelblau, current: Vector2(0, 0), glyphs: .ascii), width: 80, height: 24)
        #expect(stars[52, 7].glyph == "*")
        // bowl, 4/42 per column: (1, 1) is at u = 40 + 1/(4/42) = 50.5, v = 10.5 − 1/(8/42) = 5.25 → (50, 1 + 5).
        let grid = Screen.render(scene(Surfaces.bowl, current: Vector2(1, 1), glyphs: .ascii), width: 80, height: 24)
        #expect(grid[50, 6].glyph == "@")
    }

    @Test func pointsOutsideTheViewBecomeEdgeArrowsPointingAtThem() {
        let cases: [(Vector2, Character)] = [
            (Vector2(100, 0), "→"), (Vector2(-100, 0), "←"), (Vector2(0, 50), "↑"), (Vector2(0, -50), "↓"),
            (Vector2(40, 20), "↗"), (Vector2(-40, 20), "↖"), (Vector2(-40, -20), "↙"), (Vector2(40, -20), "↘"),
            (Vector2(1e150, 0), "→"), (Vector2(0, -1e150), "↓"), (Vector2(.infinity, 0), "→"),
            (Vector2(-.greatestFiniteMagnitude, 0), "←"),
        ]
        for (p, arrow) in cases {
            let grid = Screen.render(scene(Surfaces.bowl, current: p, start: Vector2(0.5, 0.5), trail: []), width: 80, height: 24)
            let found = cells(of: arrow, in: grid)
            #expect(found.count == 1, "\(p): expected one \(arrow)")
            guard let (c, r) = found.first else { continue }
            // On the border of the plot (rows 1…21, columns 0…79) on the side it points to.
            switch arrow {
            case "→": #expect(c == 79)
            case "←": #expect(c == 0)
            case "↑": #expect(r == 1)
            case "↓": #expect(r == 21)
            default: #expect(c == 0 || c == 79 || r == 1 || r == 21)
            }
        }
    }

    @Test func asciiArrows() {
        let grid = Screen.render(scene(Surfaces.bowl, current: Vector2(0, 1e150), trail: [], glyphs: .ascii), width: 80, height: 24)
        // (The title line spells x² as x^2.)
        #expect(cells(of: "^", in: grid).filter { $0.row >= 1 }.map { "\($0.column),\($0.row)" } == ["40,1"])
    }

    @Test func aPointBeyondACornerGetsTheCornerCell() throws {
        // (100, 10) on [−2, 2]² in 80 × 21: a column is 4/42 wide, a row 8/42 high; x = 100 is
        // 1050 columns right of centre (1010 past the right edge), y = 10 is 42 rows above the
        // top edge (y = 2): the top-right cell (79, 1), pointing atan2(2·42, 1010) ≈ 4.8° (→).
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        let arrow = try #require(TrailLayer.edgeArrow(toward: Vector2(100, 10), viewport: v))
        #expect(arrow.column == 79)
        #expect(arrow.row == 1)
        #expect(abs(arrow.degrees - atan2(84, 1010) * 180 / .pi) < 1e-9)
    }

    @Test func nonFiniteAndHugePointsDoNotCrash() {
        let huge: [Vector2] = [Vector2(1e150, -1e150), Vector2(.nan, .nan), Vector2(.infinity, -.infinity),
                               Vector2(.nan, 1), Vector2(-1e308, 1e308), Vector2(0, 0)]
        for p in huge {
            let trail = [Vector2(0.5, 0.5), p, Vector2(1, 1), p]
            for glyphs in [Glyphs.unicode, .ascii] {
                let grid = Screen.render(scene(Surfaces.bowl, current: p, start: Vector2(0.5, 0.5), trail: trail, glyphs: glyphs),
                                         width: 80, height: 24)
                #expect(grid.width == 80 && grid.height == 24)
            }
        }
    }

    @Test func aStepLeavingTheViewIsClippedAtTheBorder() {
        // From (0, 0.05) straight right to 1e150: every cell of row 11 from column 40 to
        // the right edge is on the segment, and nothing else is drawn.
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        var grid = CellGrid(width: 80, height: 24)
        TrailLayer.drawSegment(from: Vector2(0.01, 0.05), to: Vector2(1e150, 0.05), viewport: v,
                               cell: Cell("x"), into: &grid)
        let marked = cells(of: "x", in: grid)
        #expect(marked.count == 40)
        #expect(marked.allSatisfy { $0.row == 11 && $0.column >= 40 })
    }

    @Test func segmentsThatMissTheViewDrawNothing() {
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        var grid = CellGrid(width: 80, height: 24)
        TrailLayer.drawSegment(from: Vector2(10, 10), to: Vector2(1e150, 1e150), viewport: v, cell: Cell("x"), into: &grid)
        TrailLayer.drawSegment(from: Vector2(0, 0), to: Vector2(.nan, 0), viewport: v, cell: Cell("x"), into: &grid)
        #expect(cells(of: "x", in: grid).isEmpty)
    }

    @Test func theTrailFadesWithAge() {
        #expect(TrailLayer.bucket(age: 0) == 0)
        #expect(TrailLayer.bucket(age: 15) == 0)
        #expect(TrailLayer.bucket(age: 16) == 1)
        #expect(TrailLayer.bucket(age: 100) == 2)
        #expect(TrailLayer.bucket(age: 5000) == 3)
        // 300 points along a line: the newest drawn in bucket 0, the oldest in bucket 3.
        let trail = (0..<300).map { Vector2(-1.5 + 3 * Double($0) / 299, -1) }
        let grid = Screen.render(scene(Surfaces.bowl, current: trail.last!, start: trail[0], trail: trail), width: 80, height: 24)
        let inks = Set((0..<80).map { grid[$0, 16].ink })
        #expect(inks.contains(.trail(0)) && inks.contains(.trail(3)))
    }
}
