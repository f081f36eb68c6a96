import SnapshotSupport
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// The terrain view in the app: `t`, the rotation keys in every state, the drag, `F`, the
/// fallback on small screens, and snapshots read by eye.
@Suite struct TerrainAppTests {
    static let turned = TerrainCamera.standard.rotated(azimuth: Model.azimuthStep, elevation: 0)

    /// The states the rotation keys must work in.
    enum RotationState: String, CaseIterable, Sendable {
        case paused, running, help, prompt, race

        func make() -> Model {
            var m: Model
            switch self {
            case .paused: m = model("--surface bowl", paused: true)
            case .running: m = model("--surface bowl", paused: false)
            case .help: m = model("--surface bowl", paused: false)
            case .prompt: m = model("--surface bowl", paused: true)
            case .race: m = model("--surface bowl --race gd,adam", paused: false)
            }
            m.press(.char("t"))
            if self == .help { m.press(.char("?")) }
            if self == .prompt { m.press(.char(":")) }
            return m
        }
    }

    @Test(arguments: RotationState.allCases)
    func rotationKeysTurnTheCameraInEveryState(_ state: RotationState) {
        var m = state.make()
        m.tick(0.1)
        let step = m.descent.step
        m.press(.char("Y"))
        if state == .prompt {
            // The `:` line takes every printable key as text: Y is typed, the camera stays;
            // a drag still turns it.
            #expect(m.camera == .standard)
            #expect(m.prompt?.text == "Y")
            let area = ScreenLayout(width: 80, height: 24, terrain: true).terrain!
            m.update(.click(column: area.left + 10, row: area.top + 5))
            m.update(.drag(column: area.left + 15, row: area.top + 5))
            #expect(m.camera == TerrainCamera.standard.rotated(azimuth: 5 * Model.dragDegreesPerColumn, elevation: 0))
            #expect(m.prompt != nil)
            return
        }
        #expect(m.camera == Self.turned)
        #expect(!m.isHelpVisible)
        m.press(.char("y"), .char("e"), .char("e"), .char("E"))
        #expect(m.camera == TerrainCamera.standard.rotated(azimuth: 0, elevation: -Model.elevationStep))
        // Turning is not a step and not a restart.
        #expect(m.descent.step >= step)
        #expect(m.isPlaying == (state == .running || state == .race || state == .help))
        #expect(m.terrain?.projection.camera == m.camera)
    }

    @Test func theCameraNeverFlipsAndSaysWhyAtTheEnds() {
        var m = model("--surface valley")
        m.press(.char("t"))
        for _ in 0..<20 { m.press(.char("E")) }
        #expect(m.camera.elevation == 90)
        m.press(.char("E"))
        #expect(m.notice?.contains("straight down") == true)
        for _ in 0..<20 { m.press(.char("e")) }
        #expect(m.camera.elevation == 10)
        m.press(.char("e"))
        #expect(m.notice?.contains("as low as it goes") == true)
        // Twelve quarter-turns of 15° come back to the start.
        for _ in 0..<24 { m.press(.char("Y")) }
        #expect(m.camera.azimuth == TerrainCamera.standard.azimuth)
    }

    @Test func viewResetPutsTheCameraBack() {
        var m = model("--surface rosenbrock")
        m.press(.char("t"), .char("Y"), .char("E"), .char("F"))
        #expect(m.camera == .standard)
        #expect(m.terrain?.projection.camera == .standard)
    }

    @Test func turningWhileTheTerrainIsOffSaysHowToSeeIt() {
        var m = model("--surface bowl")
        m.press(.char("Y"))
        #expect(m.camera == Self.turned)
        #expect(m.notice == "turned the terrain's camera: t shows the terrain")
        m.press(.char("t"))
        #expect(m.terrain?.projection.camera == Self.turned)
    }

    @Test func aDragOnTheTerrainTurnsItAndNeverMovesTheStart() {
        var m = model("--surface bowl", width: 160, height: 48)
        m.press(.char("t"))
        let layout = ScreenLayout(width: 160, height: 48, terrain: true)
        let area = layout.terrain!
        #expect(layout.isTerrainBeside)
        let start = m.descent.start
        // Press on the terrain, move 4 right and 2 down: 4 · 3° of azimuth, 2 · 5° of elevation.
        m.update(.click(column: area.left + 20, row: area.top + 10))
        #expect(m.descent.start == start)
        m.update(.drag(column: area.left + 24, row: area.top + 12))
        #expect(m.camera == TerrainCamera.standard.rotated(azimuth: 12, elevation: 10))
        m.update(.drag(column: area.left + 22, row: area.top + 12))
        #expect(m.camera == TerrainCamera.standard.rotated(azimuth: 6, elevation: 10))
        // A drag that starts on the contour plot beside it turns nothing; that press restarts there.
        m.update(.click(column: 10, row: 10))
        #expect(m.descent.start != start)
        let camera = m.camera
        m.update(.drag(column: 14, row: 12))
        #expect(m.camera == camera)
    }

    @Test func smallScreensFallBackToTheContourPlotWithANotice() {
        // 40 × 10: the plot is 8 rows, under the terrain's 10.
        var m = model("--surface bowl", width: 40, height: 10)
        m.press(.char("t"))
        #expect(m.isOpen("terrain"))
        #expect(m.terrain == nil)
        #expect(m.notice?.hasPrefix("the terrain view needs a plot of 30×10 cells") == true)
        let contour = model("--surface bowl", width: 40, height: 10).view().lines()
        #expect(Array(m.view().lines().dropLast(3).prefix(4)) == Array(contour.dropLast(3).prefix(4)))
        // The window grows: the terrain comes.
        m.update(.resize(width: 80, height: 24))
        #expect(m.terrain != nil)
        #expect(m.notice == nil)
        #expect(m.view().lines()[5] != model("--surface bowl").view().lines()[5])
        // And goes again with a notice when it shrinks.
        m.update(.resize(width: 40, height: 10))
        #expect(m.terrain == nil && m.notice != nil)
    }

    @Test func theHelpListsTheRotationKeys() {
        let rows = KeyBindings.helpRows
        #expect(rows.contains { $0.keys == "y Y e E" && $0.action.contains("turn / tilt") })
        #expect(rows.contains { $0.keys == "t" && $0.action.contains("terrain") })
    }

    /// Snapshots of the terrain after 30 steps, at 80×24 (in the contour plot's place) and
    /// 160×48 (beside it). Read them: the bowl is a round-bottomed dish with its rim at the
    /// corners highest, the valley a trough along x, rosenbrock a curved floor in steep
    /// walls, himmelblau four hollows.
    @Test(arguments: ["bowl", "valley", "rosenbrock", "himmelblau"])
    func snapshots(_ surface: String) {
        var m = model("--surface \(surface)")
        m.press(.char("t"))
        m.step(30)
        for (w, h) in [(80, 24), (160, 48)] {
            m.update(.resize(width: w, height: h))
            let lines = m.view().lines()
            #expect(lines.count == h && lines.allSatisfy { $0.count == w })
            assertSnapshot(lines, named: "terrain-\(surface)-\(w)x\(h)")
        }
    }

    @Test func raceAndGhostsOnTheTerrain() {
        var race = model("--surface rosenbrock --race gd,momentum,adam")
        race.press(.char("t"))
        race.step(120)
        assertSnapshot(race.view().lines(), named: "terrain-race-rosenbrock-80x24")
        var ghosts = model("--surface valley --lr 0.05 --start -2.5,1")
        ghosts.press(.char("t"), .char("v"))
        ghosts.step(12)
        ghosts.appearance = .init(unicode: false)
        ghosts.update(.resize(width: 80, height: 24))
        assertSnapshot(ghosts.view().lines(), named: "terrain-ghosts-valley-ascii-80x24")
    }
}
