import DownhillCore

/// Where things go on a screen of a given size: a title line on top when there is room,
/// the plot, and the status lines at the bottom. A pure function of the size.
public struct ScreenLayout: Equatable, Sendable {
    /// Below this size only a short "terminal too small" line is drawn.
    public static let minimumWidth = 20
    public static let minimumHeight = 6
    /// The title line is shown from this height.
    public static let titleMinimumHeight = 16

    public let width: Int
    public let height: Int
    /// True when the screen is below the minimum size.
    public let isTooSmall: Bool
    /// The title line's row, if there is one.
    public let titleRow: Int?
    /// The plot area (full width).
    public let plot: CellRect
    /// The status lines' rows.
    public let statusRows: Range<Int>

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        if isTooSmall {
            titleRow = nil
            plot = CellRect(left: 0, top: 0, columns: 0, rows: 0)
            statusRows = self.height..<self.height
            return
        }
        // Three status lines on a narrow screen that is tall enough, else two.
        let statusCount = width < 64 && height >= 12 ? 3 : 2
        titleRow = height >= Self.titleMinimumHeight ? 0 : nil
        let top = titleRow == nil ? 0 : 1
        plot = CellRect(left: 0, top: top, columns: width, rows: height - statusCount - top)
        statusRows = (height - statusCount)..<height
    }
}

/// Everything one frame shows, in world units; ``Screen/render(_:width:height:)`` draws it.
public struct Scene: Sendable {
    public var surface: any LossSurface
    /// The sampled surface for the plot area of this size (see ``Screen/raster(for:levels:width:height:)``).
    public var raster: SurfaceRaster
    /// Past points, oldest first; the start, the current point.
    public var trail: ArraySlice<Vector2>
    public var start: Vector2
    public var current: Vector2
    public var status: StatusInfo
    /// The help overlay's rows, or nil when it is closed.
    public var help: [HelpRow]?
    public var glyphs: Glyphs

    public init(surface: any LossSurface, raster: SurfaceRaster, trail: ArraySlice<Vector2>, start: Vector2,
                current: Vector2, status: StatusInfo, help: [HelpRow]?, glyphs: Glyphs) {
        self.surface = surface
        self.raster = raster
        self.trail = trail
        self.start = start
        self.current = current
        self.status = status
        self.help = help
        self.glyphs = glyphs
    }
}

/// Composes a whole screen: title, valley, descent, status, help.
public enum Screen {
    /// The short message shown on a screen below the minimum size.
    public static let tooSmallMessage = "terminal too small"

    /// The viewport for a surface on a screen of this size: its default view fitted into
    /// the plot area.
    public static func viewport(for surface: any LossSurface, width: Int, height: Int) -> Viewport {
        Viewport(fitting: surface.defaultView, into: ScreenLayout(width: width, height: height).plot)
    }

    /// The raster for a surface on a screen of this size (the expensive part of a frame:
    /// build it when the surface or the size changes, keep it otherwise).
    public static func raster(for surface: any LossSurface, levels: Levels, width: Int, height: Int) -> SurfaceRaster {
        SurfaceRaster(surface: surface, viewport: viewport(for: surface, width: width, height: height), levels: levels)
    }

    /// The screen for `scene`, exactly `width × height` cells. A raster built for another
    /// size or surface is rebuilt (slowly) rather than drawn wrong.
    public static func render(_ scene: Scene, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let layout = ScreenLayout(width: width, height: height)
        let glyphs = scene.glyphs
        if layout.isTooSmall {
            let text = [tooSmallMessage, "too small"].first { $0.count <= grid.width } ?? ""
            if grid.height > 0 {
                grid.put(text, column: (grid.width - text.count) / 2, row: grid.height / 2, ink: .statusWarn)
            }
            return grid
        }
        var raster = scene.raster
        if raster.viewport.area != layout.plot || raster.surfaceName != scene.surface.name {
            raster = Self.raster(for: scene.surface, levels: raster.levels, width: width, height: height)
        }
        raster.draw(into: &grid, glyphs: glyphs)
        TrailLayer.draw(trail: scene.trail, start: scene.start, current: scene.current, minima: scene.surface.minima,
                        viewport: raster.viewport, glyphs: glyphs, into: &grid)
        if let row = layout.titleRow { drawTitle(scene.surface, glyphs: glyphs, row: row, into: &grid) }
        StatusBar.draw(scene.status, glyphs: glyphs, hint: layout.titleRow == nil, rows: layout.statusRows, into: &grid)
        if let help = scene.help { HelpOverlay.draw(help, glyphs: glyphs, into: &grid) }
        return grid
    }

    /// The title line: the program, the surface and its formula on the left, the key hint
    /// on the right; the formula is cut first when the line is short.
    static func drawTitle(_ surface: any LossSurface, glyphs: Glyphs, row: Int, into grid: inout CellGrid) {
        let hint = "? help  q quit"
        let name = "downhill"
        var formula: String
        if let data = surface as? DataSurface {
            formula = "L(w,b) = " + surface.formula + "  (\(data.data.source), \(data.data.count) rows)"
        } else {
            formula = "f(x,y) = " + surface.formula
        }
        formula = glyphs.text(formula)
        var column = grid.put(name, column: 1, row: row, ink: .title)
        column = grid.put("  " + surface.name, column: column, row: row, ink: .statusText)
        let hintColumn = grid.width - hint.count - 1
        let room = hintColumn - 2 - (column + 2)
        if room > 4 {
            grid.put(HelpOverlay.cut(formula, to: room, glyphs), column: column + 2, row: row, ink: .statusLabel)
        }
        if hintColumn > column + 1 { grid.put(hint, column: hintColumn, row: row, ink: .statusLabel) }
    }
}
