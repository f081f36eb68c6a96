import DownhillCore

/// Where things go on a screen of a given size: a title line on top when there is room,
/// the plot, the sidebar of teaching panels when one is asked for and fits, and the status
/// lines at the bottom. A pure function of the size and the sidebar request.
public struct ScreenLayout: Equatable, Sendable {
    /// Below this size only a short "terminal too small" line is drawn.
    public static let minimumWidth = 20
    public static let minimumHeight = 6
    /// The status takes two lines from this width (three below it, when the screen is
    /// tall enough): the widest common first line, `diverged at step 1234
    /// logistic-regression momentum lr 0.001`, is 59 columns.
    public static let twoStatusLinesMinimumWidth = 60
    /// The title line is shown from this height.
    public static let titleMinimumHeight = 16
    /// The sidebar is shown only when the plot keeps at least this many columns beside it.
    public static let plotMinimumColumns = 40

    public let width: Int
    public let height: Int
    /// True when the screen is below the minimum size.
    public let isTooSmall: Bool
    /// The title line's row, if there is one.
    public let titleRow: Int?
    /// The plot area: the full width, or what the sidebar leaves.
    public let plot: CellRect
    /// The sidebar on the right of the plot (its first column is a border line), or nil.
    public let sidebar: CellRect?
    /// The status lines' rows.
    public let statusRows: Range<Int>
    /// The terrain view's cells when it is asked for and fits: beside the contour plot
    /// (which keeps the left half, a border column between) when the plot area is at least
    /// ``terrainBesideMinimumColumns`` wide, else the whole plot area in its place; nil when
    /// not asked for, or when the plot area is under ``terrainMinimumColumns`` ×
    /// ``terrainMinimumRows`` (the contour plot stays, and the app says why).
    public let terrain: CellRect?

    /// The narrowest plot area that shows the terrain beside the contour plot (two views of
    /// 60 columns or so).
    public static let terrainBesideMinimumColumns = 120
    /// The smallest plot area the terrain view is drawn in.
    public static let terrainMinimumColumns = 30
    public static let terrainMinimumRows = 10

    /// True when `terrain` is beside the contour plot rather than in its place.
    public var isTerrainBeside: Bool { terrain.map { $0.left > plot.left } ?? false }

    /// The sidebar's width in cells for a screen `width` cells wide: two fifths of it,
    /// from 34 (a legend row at 80 columns) to 56.
    public static func sidebarColumns(forWidth width: Int) -> Int { min(56, max(34, width * 2 / 5)) }
    /// The narrowest screen that shows the sidebar: 34 columns beside a 40-column plot.
    public static let sidebarMinimumWidth = 34 + plotMinimumColumns

    public init(width: Int, height: Int, sidebar wantsSidebar: Bool = false, terrain wantsTerrain: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        if isTooSmall {
            titleRow = nil
            plot = CellRect(left: 0, top: 0, columns: 0, rows: 0)
            sidebar = nil
            statusRows = self.height..<self.height
            terrain = nil
            return
        }
        // Three status lines on a narrow screen that is tall enough, else two. From
        // ``twoStatusLinesMinimumWidth`` columns two lines hold SPEC §6's fields (the
        // least important others dropped first), and the plot keeps the row.
        let statusCount = width < Self.twoStatusLinesMinimumWidth && height >= 12 ? 3 : 2
        titleRow = height >= Self.titleMinimumHeight ? 0 : nil
        let top = titleRow == nil ? 0 : 1
        let rows = height - statusCount - top
        let side = Self.sidebarColumns(forWidth: width)
        var plot: CellRect
        if wantsSidebar && width - side >= Self.plotMinimumColumns {
            plot = CellRect(left: 0, top: top, columns: width - side, rows: rows)
            sidebar = CellRect(left: width - side, top: top, columns: side, rows: rows)
        } else {
            plot = CellRect(left: 0, top: top, columns: width, rows: rows)
            sidebar = nil
        }
        if !wantsTerrain {
            terrain = nil
        } else if plot.columns >= Self.terrainBesideMinimumColumns {
            let half = plot.columns / 2
            terrain = CellRect(left: plot.left + half + 1, top: top, columns: plot.columns - half - 1, rows: rows)
            plot.columns = half
        } else if plot.columns >= Self.terrainMinimumColumns && plot.rows >= Self.terrainMinimumRows {
            terrain = plot
        } else {
            terrain = nil
        }
        self.plot = plot
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
    /// The help overlay's rows, or nil when it is closed, and the page shown (0-based; see
    /// ``HelpOverlay/pages(_:width:height:top:)``).
    public var help: [HelpRow]?
    public var helpPage = 0
    public var glyphs: Glyphs
    /// Race mode's racers, drawn instead of `trail` and `current` when not empty.
    public var racers: [TrackPath]
    /// Learning-rate ghosts (solo only): trails under the descent's, heads over it.
    public var ghosts: [TrackPath]
    /// The teaching panels; when any is open the plot makes room for the sidebar.
    public var panels: Panels
    /// The part of the plane shown (world units), nil for the surface's default view.
    public var view: ViewBox?
    /// What is typed in the `:` command line while it is open.
    public var prompt: String?
    /// A message shown over the bottom of the plot, beside any panels (wrapped; see
    /// ``Screen/drawNotice(_:glyphs:in:into:)``).
    public var notice: String?
    /// The basin map over the plot (`a`), drawn over the raster under the trails; nil when off.
    public var basins: BasinMap?
    /// A lesson's caption box over the top of the plot (``CaptionBox``), nil outside lessons.
    public var caption: Caption?
    /// The terrain view (`t`): the surface seen by its camera, drawn beside the contour plot
    /// or in its place (``ScreenLayout/terrain``); nil when off.
    public var terrain: TerrainRaster?
    /// Below the sidebar's width: whether the panels asked for cover the plot (true), or the
    /// plot stays in view and they wait (a lesson's scene, until a panel key asks for them).
    public var panelsOverPlot = true

    public init(surface: any LossSurface, raster: SurfaceRaster, trail: ArraySlice<Vector2>, start: Vector2,
                current: Vector2, status: StatusInfo, help: [HelpRow]?, glyphs: Glyphs,
                racers: [TrackPath] = [], ghosts: [TrackPath] = [], panels: Panels = Panels(), notice: String? = nil,
                view: ViewBox? = nil, basins: BasinMap? = nil) {
        self.view = view
        self.basins = basins
        self.surface = surface
        self.raster = raster
        self.trail = trail
        self.start = start
        self.current = current
        self.status = status
        self.help = help
        self.glyphs = glyphs
        self.racers = racers
        self.ghosts = ghosts
        self.panels = panels
        self.notice = notice
    }
}

/// Composes a whole screen: title, valley, descent (or racers), panels, status, notice, help.
public enum Screen {
    /// The short message shown on a screen below the minimum size.
    public static let tooSmallMessage = "terminal too small"
    /// The most lines a notice takes, unless half the plot's rows are more.
    public static let noticeLines = 3
    /// The title line carries a one-line legend (``Legend/line(glyphs:spacing:)``) from this width.
    public static let legendMinimumWidth = 120

    /// The viewport for a surface on a screen of this size: `view` (world units; nil for the
    /// surface's default view) fitted into the plot area (narrower when the sidebar is
    /// shown; the view keeps its aspect).
    public static func viewport(for surface: any LossSurface, width: Int, height: Int, sidebar: Bool = false,
                                view: ViewBox? = nil, terrain: Bool = false) -> Viewport {
        Viewport(fitting: view ?? surface.defaultView,
                 into: ScreenLayout(width: width, height: height, sidebar: sidebar, terrain: terrain).plot)
    }

    /// The raster for a surface on a screen of this size (the expensive part of a frame:
    /// build it when the surface, the size or the sidebar changes, keep it otherwise).
    public static func raster(for surface: any LossSurface, levels: Levels, width: Int, height: Int,
                              sidebar: Bool = false, view: ViewBox? = nil, terrain: Bool = false) -> SurfaceRaster {
        SurfaceRaster(surface: surface,
                      viewport: viewport(for: surface, width: width, height: height, sidebar: sidebar, view: view, terrain: terrain),
                      levels: levels)
    }

    /// The screen for `scene`, exactly `width × height` cells. A raster built for another
    /// size or surface is rebuilt (slowly) rather than drawn wrong.
    public static func render(_ scene: Scene, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let layout = ScreenLayout(width: width, height: height, sidebar: !scene.panels.isEmpty, terrain: scene.terrain != nil)
        let glyphs = scene.glyphs
        if layout.isTooSmall {
            let text = [tooSmallMessage, "too small"].first { $0.count <= grid.width } ?? ""
            if grid.height > 0 {
                grid.put(text, column: (grid.width - text.count) / 2, row: grid.height / 2, ink: .statusWarn)
            }
            return grid
        }
        if let terrain = scene.terrain, let area = layout.terrain {
            drawTerrain(scene, terrain, in: area, glyphs: glyphs, into: &grid)
        }
        // The contour plot, unless the terrain is drawn in its place.
        if layout.terrain == nil || layout.isTerrainBeside {
            drawPlot(scene, in: layout.plot, arrowArea: arrowArea(scene, layout), glyphs: glyphs, into: &grid)
        }
        if layout.isTerrainBeside, let area = layout.terrain {
            for row in area.top..<(area.top + area.rows) { grid[area.left - 1, row] = Cell(glyphs.boxVertical, .border) }
        }
        let noticeArea = layout.terrain.map { t in
            CellRect(left: layout.plot.left, top: t.top, columns: t.left + t.columns - layout.plot.left, rows: t.rows)
        } ?? layout.plot
        if let sidebar = layout.sidebar {
            SidePanels.draw(scene.panels, in: sidebar, glyphs: glyphs, into: &grid)
        } else {
            // Too narrow for the sidebar (a projector's large font): the panels asked for
            // are drawn full-width over the plot, and closing them (the same key) brings the
            // plot back. A race's legend is not one of them: the race itself is the plot.
            // The legend of a layer of the contour plot (the basin map) is a strip over the
            // plot's bottom instead, so the layer stays in view, unless other panels cover the
            // plot anyway.
            let asked = Panels(scene.panels.items.filter { $0.panelName != RaceLegendContent.name })
            let contourShown = layout.terrain == nil || layout.isTerrainBeside
            let legends = contourShown ? asked.items.compactMap { $0 as? any PlotLegend } : []
            if !asked.isEmpty && legends.count == asked.items.count {
                drawPlotLegends(legends, glyphs: glyphs, in: layout.plot, into: &grid)
            } else if !asked.isEmpty && scene.panelsOverPlot {
                let area = noticeArea
                for row in area.top..<(area.top + area.rows) {
                    for column in area.left..<(area.left + area.columns) { grid[column, row] = .blank }
                }
                SidePanels.draw(asked, in: area, border: false, glyphs: glyphs, into: &grid)
            }
        }
        if let row = layout.titleRow {
            drawTitle(scene.surface, glyphs: glyphs, row: row, into: &grid,
                      legend: width >= legendMinimumWidth ? Legend.line(glyphs: glyphs, spacing: scene.raster.levels.spacing) : nil)
        }
        StatusBar.draw(scene.status, glyphs: glyphs, hint: layout.titleRow == nil, rows: layout.statusRows, into: &grid)
        if let caption = scene.caption { CaptionBox.draw(caption, glyphs: glyphs, in: noticeArea, into: &grid) }
        if let notice = scene.notice {
            drawNotice(glyphs.text(notice), glyphs: glyphs, in: noticeArea, into: &grid)
        }
        if let help = scene.help { HelpOverlay.draw(help, page: scene.helpPage, glyphs: glyphs, top: layout.plot.top, into: &grid) }
        if let prompt = scene.prompt, grid.height > 0 { drawPrompt(prompt, glyphs: glyphs, into: &grid) }
        return grid
    }

    /// The terrain view in `area`: the scene's terrain raster (rebuilt, slowly, when it was
    /// built for another area, surface or view), then the runs on it.
    static func drawTerrain(_ scene: Scene, _ terrain: TerrainRaster, in area: CellRect, glyphs: Glyphs,
                            into grid: inout CellGrid) {
        var terrain = terrain
        let box = scene.view ?? scene.surface.defaultView
        let levels = scene.raster.levels
        let camera = terrain.projection.camera
        if !terrain.isValid(for: scene.surface, box: box, levels: levels, camera: camera, area: area, unicode: glyphs.isUnicode) {
            terrain = TerrainRaster.build(surface: scene.surface, box: box, levels: levels, camera: camera, area: area,
                                          unicode: glyphs.isUnicode, previous: terrain)
        }
        terrain.draw(into: &grid, glyphs: glyphs)
        if scene.racers.isEmpty {
            let solo = TrackPath(trail: scene.trail, current: scene.current, head: glyphs.point, headInk: .point,
                                 trailInk: .trail(TrailLayer.segmentBucket), marksPoints: true)
            TerrainLayer.draw(terrain, surface: scene.surface, paths: scene.ghosts + [solo], start: scene.start,
                              minima: scene.surface.minima, glyphs: glyphs, into: &grid)
        } else {
            TerrainLayer.draw(terrain, surface: scene.surface, paths: scene.racers, start: scene.start,
                              minima: scene.surface.minima, glyphs: glyphs, into: &grid)
        }
    }

    /// The part of the contour plot that stays in view under the caption box (over its top
    /// rows) and a notice or the plot legends' strips (over its bottom rows): where the edge
    /// arrows of points off the view go, so that none is hidden. The whole plot when those
    /// would leave nothing.
    static func arrowArea(_ scene: Scene, _ layout: ScreenLayout) -> CellRect {
        let plot = layout.plot, glyphs = scene.glyphs
        let noticeArea = layout.terrain.map { t in
            CellRect(left: plot.left, top: t.top, columns: t.left + t.columns - plot.left, rows: t.rows)
        } ?? plot
        let top = scene.caption.map { CaptionBox.rows($0, glyphs: glyphs, in: noticeArea) } ?? 0
        var bottom = 0
        if let notice = scene.notice, noticeArea.columns - 2 > 4 {
            let lines = noticeLines(glyphs.text(notice), room: noticeArea.columns - 2).count
            bottom = min(lines, maximumNoticeLines(noticeArea), noticeArea.rows)
        }
        if layout.sidebar == nil, plot.columns - 2 > 4 {
            let asked = scene.panels.items.filter { $0.panelName != RaceLegendContent.name }
            let legends = asked.compactMap { $0 as? any PlotLegend }
            if !asked.isEmpty && legends.count == asked.count {
                let lines = legends.flatMap { $0.strip(width: plot.columns - 2, glyphs: glyphs) }.count
                bottom = max(bottom, min(lines, max(1, plot.rows / 2)))
            }
        }
        let rows = plot.rows - top - bottom
        return rows > 0 ? CellRect(left: plot.left, top: plot.top + top, columns: plot.columns, rows: rows) : plot
    }

    /// The contour plot in `plot`: the raster (rebuilt, slowly, when it was built for
    /// another area or surface), the basin map, the trails, the minima, the start, the heads.
    static func drawPlot(_ scene: Scene, in plot: CellRect, arrowArea: CellRect, glyphs: Glyphs,
                         into grid: inout CellGrid) {
        var raster = scene.raster
        let fitted = Viewport(fitting: scene.view ?? scene.surface.defaultView, into: plot)
        if !raster.isValid(for: scene.surface, viewport: fitted, levels: raster.levels) {
            raster = SurfaceRaster(surface: scene.surface, viewport: fitted, levels: raster.levels)
        }
        raster.draw(into: &grid, glyphs: glyphs)
        let viewport = raster.viewport
        if let basins = scene.basins { BasinLayer.draw(basins, viewport: viewport, glyphs: glyphs, into: &grid) }
        if scene.racers.isEmpty {
            // Ghost trails under the descent's, their heads over it, the current point on top.
            TrailLayer.drawTrails(scene.ghosts, viewport: viewport, glyphs: glyphs, into: &grid)
            TrailLayer.draw(trail: scene.trail, start: scene.start, current: scene.current, minima: scene.surface.minima,
                            viewport: viewport, arrowArea: arrowArea, glyphs: glyphs, into: &grid)
            if !scene.ghosts.isEmpty {
                TrailLayer.drawHeads(scene.ghosts, viewport: viewport, arrowArea: arrowArea, glyphs: glyphs, into: &grid)
                if let (c, r) = viewport.cell(of: scene.current) { grid[c, r] = Cell(glyphs.point, .point) }
            }
        } else {
            TrailLayer.draw(paths: scene.racers, start: scene.start, minima: scene.surface.minima, viewport: viewport,
                            arrowArea: arrowArea, glyphs: glyphs, into: &grid)
        }
        // The tick labels last, over the paths (never broken by them), but not over a mark.
        let heads = scene.racers.isEmpty ? scene.ghosts.map(\.current) + [scene.current] : scene.racers.map(\.current)
        let marks = (scene.surface.minima + [scene.start]).compactMap { viewport.cell(of: $0) }
            + heads.compactMap { TrailLayer.headCell($0, viewport: viewport, arrowArea: arrowArea) }
        AxisLayer.draw(viewport: viewport, names: scene.surface.parameterNames, glyphs: glyphs,
                       keeping: marks.map { (column: $0.0, row: $0.1) }, into: &grid)
    }

    /// The strips of plot legends (``PlotLegend``) over the bottom rows of `plot`, on
    /// blank rows, one space of margin each side; at most half the plot's rows.
    static func drawPlotLegends(_ legends: [any PlotLegend], glyphs: Glyphs, in plot: CellRect, into grid: inout CellGrid) {
        let room = plot.columns - 2
        guard room > 4 else { return }
        let lines = Array(legends.flatMap { $0.strip(width: room, glyphs: glyphs) }.prefix(max(1, plot.rows / 2)))
        let bottom = plot.top + plot.rows
        for (i, runs) in lines.enumerated() {
            let row = bottom - lines.count + i
            for column in plot.left..<(plot.left + plot.columns) { grid[column, row] = .blank }
            SidePanels.put(runs, in: CellRect(left: plot.left + 1, top: row, columns: room, rows: 1), row: row, glyphs: glyphs,
                           into: &grid)
        }
    }

    /// The `:` command line over the bottom row: `:` and what was typed, then a `_` cursor;
    /// a line wider than the screen shows its end.
    static func drawPrompt(_ text: String, glyphs: Glyphs, into grid: inout CellGrid) {
        let row = grid.height - 1
        for column in 0..<grid.width { grid[column, row] = .blank }
        let line = ":" + glyphs.text(text) + "_"
        let shown = line.count > grid.width ? String(line.suffix(grid.width)) : line
        grid.put(shown, column: 0, row: row, ink: .title)
    }

    /// A notice at the bottom of the plot area, just above the status lines, in the plot's
    /// columns only (never over the sidebar's panels): the text wrapped at spaces (a word
    /// longer than a line is split after a `,` `:` `=` or `/`, else where it must) into at most ``noticeLines`` lines, or half the plot's
    /// rows when that is more, the last one cut after a whole word with an ellipsis when
    /// more would be needed; one space of margin each side. (The app gives a shorter
    /// wording where it has one: ``noticeFits(_:in:)``.)
    static func drawNotice(_ text: String, glyphs: Glyphs, in plot: CellRect, into grid: inout CellGrid) {
        let room = plot.columns - 2
        guard room > 4 else { return }
        var lines = noticeLines(text, room: room)
        let count = min(lines.count, maximumNoticeLines(plot), plot.rows)
        guard count > 0 else { return }
        if lines.count > count {
            lines[count - 1] = cutAtWord(lines[count - 1] + " " + lines[count], to: room, glyphs)
        }
        let bottom = plot.top + plot.rows
        for (i, line) in lines.prefix(count).enumerated() {
            let row = bottom - count + i
            for column in plot.left..<(plot.left + plot.columns) { grid[column, row] = Cell(" ", .notice) }
            grid.put(line, column: plot.left + 1, row: row, ink: .notice)
        }
    }

    /// The most lines a notice takes over `plot`.
    static func maximumNoticeLines(_ plot: CellRect) -> Int { min(max(noticeLines, plot.rows / 2), plot.rows) }

    /// True when `text` fits whole in the notice lines over `plot` (none cut).
    public static func noticeFits(_ text: String, in plot: CellRect) -> Bool {
        plot.columns - 2 > 4 && noticeLines(text, room: plot.columns - 2).count <= maximumNoticeLines(plot)
    }

    /// `text` cut to `width` columns after its last whole word that fits, then a space
    /// and the ellipsis; never inside a word (a first word longer than the line is cut
    /// where it must).
    static func cutAtWord(_ text: String, to width: Int, _ glyphs: Glyphs) -> String {
        guard text.count > width else { return text }
        let room = width - 1 - glyphs.ellipsis.count
        guard room > 0 else { return HelpOverlay.cut(text, to: width, glyphs) }
        let chars = Array(text)
        // The last space at or before the room: the words before it fit with " …".
        guard let space = chars[...room].lastIndex(of: " "), space > 0 else { return HelpOverlay.cut(text, to: width, glyphs) }
        return String(chars[..<space]).trimmingCharacters(in: .whitespaces) + " " + glyphs.ellipsis
    }

    /// `text` wrapped at spaces into lines of at most `room` columns (a word longer than a
    /// line is split after a `,` `:` `=` or `/`, else where it must).
    static func noticeLines(_ text: String, room: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if !line.isEmpty && line.count + 1 + word.count > room {
                lines.append(line)
                line = ""
            }
            // A word longer than a line (a long lineup) breaks after a `,` `:` `=` or `/`
            // where it can, never inside a number or a name.
            while word.count > room {
                let head = Array(word.prefix(room))
                let cut = head.lastIndex { ",:=/".contains($0) }.map { $0 + 1 } ?? room
                lines.append(String(head.prefix(cut)))
                word = String(word.dropFirst(cut))
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines
    }

    /// The title line: the program, the surface and its formula on the left, the key hint
    /// on the right; the formula is cut first when the line is short.
    static func drawTitle(_ surface: any LossSurface, glyphs: Glyphs, row: Int, into grid: inout CellGrid, legend: String? = nil) {
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
            column = grid.put(HelpOverlay.cut(formula, to: room, glyphs), column: column + 2, row: row, ink: .statusLabel)
        }
        // The legend, right-aligned before the hint, where it fits whole.
        if let legend {
            let text = glyphs.text(legend)
            let at = hintColumn - 4 - text.count
            if at >= column + 4 { grid.put(text, column: at, row: row, ink: .statusLabel) }
        }
        if hintColumn > column + 1 { grid.put(hint, column: hintColumn, row: row, ink: .statusLabel) }
    }
}
