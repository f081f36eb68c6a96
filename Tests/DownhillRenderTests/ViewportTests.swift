import Testing
import DownhillCore
@testable import DownhillRender

/// The plot area of an 80×24 screen: under the title line, above two status lines.
let plot80x24 = CellRect(left: 0, top: 1, columns: 80, rows: 21)

@Suite struct ViewportTests {
    @Test func layoutOf80x24() {
        let layout = ScreenLayout(width: 80, height: 24)
        #expect(layout.titleRow == 0)
        #expect(layout.plot == plot80x24)
        #expect(layout.statusRows == 22..<24)
    }

    @Test func fitsTheViewKeepingSquareUnitsAndCentresIt() {
        // bowl's [−2, 2]² into 80 × 21 cells of aspect 2: the height decides,
        // 4 / (2·21) world units per column, so x spans 80 · 4/42 = 7.619…, centred on 0.
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        let unit = 4.0 / 42.0
        #expect(abs(v.columnWidth - unit) < 1e-12)
        #expect(abs(v.rowHeight - 2 * unit) < 1e-12)
        #expect(abs(v.box.xMin + 40 * unit) < 1e-12 && abs(v.box.xMax - 40 * unit) < 1e-12)
        #expect(abs(v.box.yMin + 2) < 1e-12 && abs(v.box.yMax - 2) < 1e-12)
    }

    @Test func wideViewIsLimitedByTheWidth() {
        // [−10, 10] × [−1, 1] into 80 × 21: the width decides, 20/80 = 0.25 per column.
        let v = Viewport(fitting: ViewBox(x: -10...10, y: -1...1), into: plot80x24)
        #expect(abs(v.columnWidth - 0.25) < 1e-12)
        #expect(abs(v.box.yMax - 21 * 0.5 / 2) < 1e-12)
    }

    @Test func mapsWorldToCellsWithYUp() throws {
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        let unit = 4.0 / 42.0
        // (unit/2, 0) is half a column right of the centre line (u = 40.5) and 10.5 rows
        // below the top (v = 2 / (2·unit) = 10.5): column 40, row 1 + 10.
        let origin = try #require(v.cell(of: Vector2(unit / 2, 0)))
        #expect(origin.column == 40 && origin.row == 1 + 10)
        // One row height (2 units) more y is one row up.
        let up = try #require(v.cell(of: Vector2(unit / 2, 2 * unit)))
        #expect(up.row == origin.row - 1 && up.column == origin.column)
        // The top-left cell holds the box's top-left corner; the far corner is outside.
        let corner = try #require(v.cell(of: Vector2(v.box.xMin, v.box.yMax)))
        #expect(corner.column == 0 && corner.row == 1)
        #expect(v.cell(of: Vector2(v.box.xMax + unit / 2, 0)) == nil)
        #expect(v.cell(of: Vector2(0, v.box.yMin - unit)) == nil)
    }

    @Test func cellCentresMapBack() throws {
        let v = Viewport(fitting: ViewBox(x: -3...3, y: -1.5...1.5), into: plot80x24)
        for (c, r) in [(0, 1), (79, 21), (40, 11), (13, 5)] {
            let p = try #require(v.world(column: c, row: r))
            let back = try #require(v.cell(of: p))
            #expect(back.column == c && back.row == r)
        }
        #expect(v.world(column: 0, row: 0) == nil)   // the title line
        #expect(v.world(column: 80, row: 5) == nil)
    }

    @Test func hugeAndNonFinitePointsAreOutsideNotCrashes() {
        let v = Viewport(fitting: ViewBox(x: -2...2, y: -2...2), into: plot80x24)
        for p in [Vector2(1e150, 0), Vector2(0, -1e150), Vector2(.nan, 0), Vector2(0, .infinity),
                  Vector2(-.infinity, .nan), Vector2(.greatestFiniteMagnitude, -.greatestFiniteMagnitude)] {
            #expect(v.cell(of: p) == nil)
        }
    }
}
