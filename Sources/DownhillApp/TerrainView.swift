import DownhillCore
import DownhillRender

extension Model {
    /// Degrees of azimuth one press of `y`/`Y` turns the terrain's camera.
    public static let azimuthStep = 15.0
    /// Degrees of elevation one press of `e`/`E` tilts it.
    public static let elevationStep = 10.0
    /// Degrees a drag turns the camera per column (azimuth) and per row (elevation): rows
    /// are about twice as tall as columns are wide.
    public static let dragDegreesPerColumn = 3.0
    public static let dragDegreesPerRow = 5.0

    /// The notice while the terrain view is on but the plot is too small for it.
    static let terrainTooSmallNotice = "the terrain view needs a plot of \(ScreenLayout.terrainMinimumColumns)×"
        + "\(ScreenLayout.terrainMinimumRows) cells: showing the contour plot until the window grows"
    /// Its shorter wordings for small screens, longest first (``Model/shownNotice``).
    static let terrainTooSmallShortNotices = [
        "terrain: needs a plot of \(ScreenLayout.terrainMinimumColumns)×\(ScreenLayout.terrainMinimumRows) cells; enlarge the window",
        "terrain needs \(ScreenLayout.terrainMinimumColumns)×\(ScreenLayout.terrainMinimumRows) cells",
        "terrain: too small",
    ]

    /// The terrain view's cells on the current screen, or nil while it is off or has no room.
    var terrainArea: CellRect? {
        guard isOpen("terrain") else { return nil }
        return ScreenLayout(width: width, height: height, sidebar: wantsSidebar, terrain: true).terrain
    }

    /// Builds the terrain for the current surface, view, size and camera when the view is
    /// on and has room (the mesh is reused when only the camera changed); drops it otherwise.
    mutating func rebuildTerrain() {
        guard let area = terrainArea else {
            terrain = nil
            return
        }
        let surface = descent.surface
        let box = plotView ?? surface.defaultView
        if let terrain, terrain.isValid(for: surface, box: box, levels: levels, camera: camera, area: area,
                                        unicode: appearance.unicode) {
            return
        }
        terrain = TerrainRaster.build(surface: surface, box: box, levels: levels, camera: camera, area: area,
                                      unicode: appearance.unicode, previous: terrain)
    }

    /// `y Y e E`: turns the camera by `azimuth` and tilts it by `elevation` degrees. At the
    /// end of the elevation's range a tilt further says so; while the view is off the
    /// camera still turns (for when `t` shows it) and a notice says how to see it.
    mutating func rotateTerrain(azimuth: Double, elevation: Double) -> Effects {
        let turned = camera.rotated(azimuth: azimuth, elevation: elevation)
        if elevation != 0 && turned.elevation == camera.elevation && azimuth == 0 {
            let range = TerrainCamera.elevationRange
            show(elevation > 0 ? "the camera looks straight down (\(Int(range.upperBound))°)"
                 : "the camera is as low as it goes (\(Int(range.lowerBound))° above the surface)")
            return .redraw
        }
        camera = turned
        if !isOpen("terrain") {
            show("turned the terrain's camera: t shows the terrain")
        } else if terrainArea == nil {
            noteHiddenPanels()
        }
        rebuildTerrain()
        return .redraw
    }

    /// A move of the mouse with button 1 held: from a press on the terrain, the camera turns
    /// with the move (right: the near side goes right; down: the camera rises). A drag
    /// that did not start on the terrain does nothing.
    mutating func drag(to column: Int, row: Int) -> Effects {
        guard let from = dragFrom, terrainArea != nil else { return [] }
        dragFrom = (column, row)
        let (dc, dr) = (column - from.column, row - from.row)
        guard dc != 0 || dr != 0 else { return [] }
        camera = camera.rotated(azimuth: Double(dc) * Self.dragDegreesPerColumn, elevation: Double(dr) * Self.dragDegreesPerRow)
        rebuildTerrain()
        return .redraw
    }
}
