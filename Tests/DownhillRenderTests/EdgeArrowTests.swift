import Foundation
import Testing
import DownhillCore
@testable import DownhillRender
import TestSupport

/// The edge arrow of a point off the view sits on the plot's cell nearest the point (the
/// second new-user trial). Valley's view x −3…3, y −1.5…1.5 fitted into the 80 × 21 plot
/// of an 80 × 24 screen (rows 1…21): the width decides, 6/80 = 0.075 world units a column,
/// 0.15 a row; x = −3 is the left edge, so x lies in column ⌊(x + 3)/0.075⌋.
@Suite struct EdgeArrowTests {
    /// gd on valley (L = x² + 10y²) from (2, 1): x ← x(1 − 2η), y ← y(1 − 20η).
    func run(lr: Double, steps: Int) -> (points: [Vector2], current: Vector2) {
        var d = descent(Surfaces.valley, GD(), lr: lr, start: Vector2(2, 1))
        var points = [d.point]
        for _ in 0..<steps { _ = d.advance(); points.append(d.point) }
        return (points, d.point)
    }

    func arrows(_ scene: Scene) -> [String] {
        let grid = Screen.render(scene, width: 80, height: 24)
        var out: [String] = []
        for r in 1..<22 {
            for c in 0..<80 where scene.glyphs.arrows.contains(grid[c, r].glyph) { out.append("\(grid[c, r].glyph) \(c),\(r)") }
        }
        return out
    }

    func valleyScene(_ run: (points: [Vector2], current: Vector2), glyphs: Glyphs = .unicode) -> Scene {
        scene(Surfaces.valley, current: run.current, start: Vector2(2, 1), trail: run.points, glyphs: glyphs)
    }

    @Test func fourStepsAtη015PointUpAboveX048() {
        // x = 2 · 0.7⁴ = 0.4802, y = (−2)⁴ = 16 (above y = 1.575): column ⌊3.4802/0.075⌋ =
        // ⌊46.40⌋ = 46 on the top row, not where the path's line crossed the edge.
        let r = run(lr: 0.15, steps: 4)
        #expect(abs(r.current.x - 0.4802) < 1e-12 && r.current.y == 16)
        #expect(arrows(valleyScene(r)) == ["↑ 46,1"])
        #expect(arrows(valleyScene(r, glyphs: .ascii)) == ["^ 46,1"])
    }

    @Test func twelveStepsAtη02PointUpAboveX0() {
        // x = 2 · 0.6¹² = 0.00435356…, y = (−3)¹² = 531441: column ⌊3.00435/0.075⌋ = 40.
        let r = run(lr: 0.2, steps: 12)
        #expect(abs(r.current.x - 2 * pow(0.6, 12)) < 1e-15 && abs(r.current.y / 531_441 - 1) < 1e-12)
        #expect(arrows(valleyScene(r)) == ["↑ 40,1"])
    }

    @Test func thirteenStepsAtη02PointDownEvenUnderTheNotice() {
        // x = 2 · 0.6¹³ = 0.00261…, y = (−3)¹³ = −1594323: column 40, the bottom row (21);
        // with a one-line notice over row 21 the arrow moves up to row 20, still in view.
        let r = run(lr: 0.2, steps: 13)
        #expect(abs(r.current.x - 2 * pow(0.6, 13)) < 1e-15 && abs(r.current.y / -1_594_323 - 1) < 1e-12)
        var s = valleyScene(r)
        #expect(arrows(s) == ["↓ 40,21"])
        s.notice = "diverged at step 13"
        #expect(arrows(s) == ["↓ 40,20"])
        // A caption box over the top rows (a one-line text: 3 rows, 1…3) pushes an up arrow to row 4.
        var up = valleyScene(run(lr: 0.2, steps: 12))
        up.caption = Caption(title: "t", text: "one line", footer: "f")
        #expect(arrows(up) == ["↑ 40,4"])
    }

    @Test func farPointsBeyondACornerAndBesideTheView() throws {
        let v = Viewport(fitting: Surfaces.valley.defaultView, into: plot80x24)
        // (100, 100): 1293.3 columns past the right edge ((103/0.075) − 80) and 656.2 rows
        // above the top ((100 − 1.575)/0.15), 1312 in column units: the corner (79, 1), 45.4°.
        let corner = try #require(TrailLayer.edgeArrow(toward: Vector2(100, 100), viewport: v))
        #expect(corner.column == 79 && corner.row == 1)
        #expect(Glyphs.unicode.arrow(degrees: corner.degrees) == "↗")
        // (−100, −30): 1293.3 columns left, (31.575/0.15) − 21 = 189.5 rows (379 columns)
        // below: the corner (0, 21), mostly left: ← in both sets.
        let left = try #require(TrailLayer.edgeArrow(toward: Vector2(-100, -30), viewport: v))
        #expect(left.column == 0 && left.row == 21)
        #expect(Glyphs.unicode.arrow(degrees: left.degrees) == "←" && Glyphs.ascii.arrow(degrees: left.degrees) == "<")
        // (−1e300, 0.7): beside the view, row 1 + ⌊(1.575 − 0.7)/0.15⌋ = 1 + 5 = 6, straight left.
        let beside = try #require(TrailLayer.edgeArrow(toward: Vector2(-1e300, 0.7), viewport: v))
        #expect(beside.column == 0 && beside.row == 6 && beside.degrees == 180)
        // Infinite coordinates too; NaN has none.
        let infinite = try #require(TrailLayer.edgeArrow(toward: Vector2(0, .infinity), viewport: v))
        #expect(infinite.column == 40 && infinite.row == 1 && infinite.degrees == 90)
        #expect(TrailLayer.edgeArrow(toward: Vector2(.nan, 1e9), viewport: v) == nil)
    }

    @Test func racersAndGhostsGetTheSameArrows() {
        var s = scene(Surfaces.valley, current: Vector2(0, 0))
        s.racers = [TrackPath(trail: [Vector2(0, 0), Vector2(0.4802, 16)][...], current: Vector2(0.4802, 16), head: "A",
                              headInk: .racer(0), trailInk: .racer(0), marksPoints: false)]
        #expect(arrows(s) == ["↑ 46,1"])
        var g = scene(Surfaces.valley, current: Vector2(0, 0))
        g.ghosts = [TrackPath(trail: [Vector2(2, 1), Vector2(0.0026, -1_594_323)][...], current: Vector2(0.0026, -1_594_323),
                              head: "4", headInk: .ghost, trailInk: .ghost, marksPoints: false, keepsSegmentsInView: true)]
        #expect(arrows(g) == ["↓ 40,21"])
    }
}
