import DownhillCore

/// What a side panel needs of the sidebar's height at a given width.
public enum PanelSizing: Equatable, Sendable {
    /// Exactly this many rows (a legend, a gauge, a table).
    case fixed(Int)
    /// At least `minimum` rows, growing into what is left; `preferred` caps what it asks
    /// for while a later flexible panel still needs room (nil: no cap).
    case flexible(minimum: Int, preferred: Int?)
}

/// A panel of the sidebar: drawn content that knows its size. Each panel is its own file
/// (``RaceLegend``, ``StabilityGauge``, ``MathsTable``, ``DataPanel``, ``LossChart``); the
/// app's panel registry says which key and `--show` word open it.
public protocol SidePanel: Sendable {
    /// The panel's name (the app's `--show` word, `legend` for the race legend).
    var panelName: String { get }
    /// The rows it takes in a sidebar `width` columns wide.
    func sizing(width: Int, glyphs: Glyphs) -> PanelSizing
    /// Draws it into `rect` (cells), cutting its text at the right edge.
    func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid)
}

/// A side panel that explains a layer drawn over the plot (the basin map's legend). On a
/// screen too narrow for the sidebar, where the other panels are drawn full-width over the
/// plot, it is drawn instead as a strip of a line or two over the plot's bottom rows
/// (``Screen``), so the layer it explains stays in view.
public protocol PlotLegend: SidePanel {
    /// The strip's lines for a plot `width` columns wide (each line at most `width` wide).
    func strip(width: Int, glyphs: Glyphs) -> [[StatusBar.Run]]
}

/// The open side panels' contents, top to bottom.
public struct Panels: Sendable {
    public var items: [any SidePanel]
    public init(_ items: [any SidePanel] = []) { self.items = items }
    /// True when every panel is closed (the plot then takes the whole width).
    public var isEmpty: Bool { items.isEmpty }
}

/// Stacks the open panels in the sidebar and draws them.
///
/// Top to bottom in the order given: fixed-height panels at their height, flexible ones
/// (the data panel, the loss chart) sharing what is left — each gets its preferred rows
/// (all that is left when it has no preference), at most an even share of what is left
/// while a later flexible panel waits (never below its minimum). A panel that does not fit (or that would leave a later flexible
/// panel less than its minimum) is hidden, never cut; the panels themselves cut their
/// text to the sidebar's width.
public enum SidePanels {
    /// Where each open panel goes inside `area` (the sidebar without its border column):
    /// indices into `panels.items` with their rectangles, top to bottom.
    public static func layout(_ panels: Panels, in area: CellRect, glyphs: Glyphs) -> [(index: Int, rect: CellRect)] {
        var out: [(Int, CellRect)] = []
        var top = area.top
        let bottom = area.top + area.rows
        let sizes = panels.items.map { $0.sizing(width: area.columns, glyphs: glyphs) }
        func minimum(_ s: PanelSizing) -> Int { if case .flexible(let m, _) = s { m } else { 0 } }
        for (i, size) in sizes.enumerated() {
            let later = sizes[(i + 1)...]
            let reserve = later.map(minimum).reduce(0, +)
            let flexibleLater = later.filter { if case .flexible = $0 { true } else { false } }.count
            let left = bottom - top
            let rows: Int
            switch size {
            case .fixed(let n): rows = n
            case .flexible(let m, let preferred):
                if flexibleLater == 0 {
                    rows = min(preferred ?? left, left - reserve)
                    guard rows >= m else { continue }
                } else {
                    let share = max(m, left / (flexibleLater + 1))
                    rows = max(m, min(preferred ?? share, share))
                }
            }
            guard rows > 0, left - reserve >= rows else { continue }
            out.append((i, CellRect(left: area.left, top: top, columns: area.columns, rows: rows)))
            top += rows
        }
        return out
    }

    /// Draws the sidebar: a border line on its left edge (with `border`; without, as the
    /// full-width panels of a narrow screen, which have nothing to their left, a blank
    /// margin each side), then the panels that fit.
    public static func draw(_ panels: Panels, in sidebar: CellRect, border: Bool = true, glyphs: Glyphs,
                            into grid: inout CellGrid) {
        guard !sidebar.isEmpty else { return }
        for row in sidebar.top..<(sidebar.top + sidebar.rows) {
            for column in sidebar.left..<(sidebar.left + sidebar.columns) { grid[column, row] = .blank }
            if border { grid[sidebar.left, row] = Cell(glyphs.boxVertical, .border) }
        }
        let area = border ? CellRect(left: sidebar.left + 2, top: sidebar.top, columns: sidebar.columns - 2, rows: sidebar.rows)
            : CellRect(left: sidebar.left + 1, top: sidebar.top, columns: max(0, sidebar.columns - 2), rows: sidebar.rows)
        for (i, rect) in layout(panels, in: area, glyphs: glyphs) {
            panels.items[i].draw(in: rect, glyphs: glyphs, into: &grid)
        }
    }

    /// A panel's title row: `─ race · step 12 ─────` across the panel, the parts of the
    /// title joined by ` · ` (` - ` in ASCII), in bold.
    static func drawTitle(_ parts: [String], in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        for column in rect.left..<(rect.left + rect.columns) { grid[column, rect.top] = Cell(glyphs.boxHorizontal, .border) }
        let title = parts.map(glyphs.text).joined(separator: glyphs.isUnicode ? " · " : " - ")
        let text = HelpOverlay.cut(" " + title + " ", to: max(0, rect.columns - 2), glyphs)
        grid.put(text, column: rect.left + 1, row: rect.top, ink: .title)
    }

    /// Writes runs of text on one row of a panel, cut at the panel's right edge.
    static func put(_ runs: [StatusBar.Run], in rect: CellRect, row: Int, glyphs: Glyphs, into grid: inout CellGrid) {
        var column = rect.left
        let end = rect.left + rect.columns
        for run in runs {
            let text = glyphs.text(run.text)
            guard column < end else { return }
            let room = end - column
            column = grid.put(text.count > room ? String(text.prefix(room)) : text, column: column, row: row, ink: run.ink)
        }
    }
}
