import DownhillCore

/// The teaching panels beside the plot: the race legend, the stability gauge, the maths
/// table, the data panel and the loss chart. Each is nil when closed.
public struct Panels: Sendable {
    /// Race mode's legend, rows in rank order (best first).
    public var legend: [LegendEntry]?
    /// The stability gauge (or adaptive step sizes) of the selected descent.
    public var stability: StabilityContent?
    /// The maths table: the last update of the selected descent.
    public var maths: MathsContent?
    /// The loss chart's lines, in drawing order (the last is drawn on top).
    public var lossChart: [LossSeries]?
    /// The data panel: a data-backed surface's data and the current model's curve.
    public var data: DataContent?

    public init(legend: [LegendEntry]? = nil, stability: StabilityContent? = nil, maths: MathsContent? = nil,
                lossChart: [LossSeries]? = nil, data: DataContent? = nil) {
        self.legend = legend
        self.stability = stability
        self.maths = maths
        self.lossChart = lossChart
        self.data = data
    }

    /// True when every panel is closed (the plot then takes the whole width).
    public var isEmpty: Bool { legend == nil && stability == nil && maths == nil && lossChart == nil && data == nil }
}

/// One of the side panels.
public enum Panel: CaseIterable, Sendable {
    case legend, stability, maths, data, lossChart
}

/// Stacks the open panels in the sidebar and draws them.
///
/// Top to bottom: legend, stability gauge, maths table, each at its own height, then the
/// data panel (its ``DataPanel/preferredRows(columns:)``, at most half of what is left when
/// the loss chart is open too), then the loss chart in the rows left over. A panel that
/// does not fit (or that would leave the open data panel or chart less than its minimum
/// rows) is hidden, never cut; the panels themselves cut their text to the sidebar's width.
public enum SidePanels {
    /// Where each open panel goes inside `area` (the sidebar without its border column).
    public static func layout(_ panels: Panels, in area: CellRect, glyphs: Glyphs) -> [(panel: Panel, rect: CellRect)] {
        var out: [(Panel, CellRect)] = []
        var top = area.top
        let bottom = area.top + area.rows
        let chartRows = panels.lossChart == nil ? 0 : LossChart.minimumRows
        var reserve = chartRows + (panels.data == nil ? 0 : DataPanel.minimumRows)
        func place(_ key: Panel, rows: Int) {
            guard rows > 0, bottom - top - reserve >= rows else { return }
            out.append((key, CellRect(left: area.left, top: top, columns: area.columns, rows: rows)))
            top += rows
        }
        if let legend = panels.legend { place(.legend, rows: RaceLegend.rows(legend)) }
        if let stability = panels.stability { place(.stability, rows: StabilityGauge.rows(stability, width: area.columns, glyphs: glyphs)) }
        if let maths = panels.maths { place(.maths, rows: MathsTable.rows(maths, width: area.columns, glyphs: glyphs)) }
        if panels.data != nil {
            reserve = chartRows
            let left = bottom - top
            let share = panels.lossChart == nil ? left : max(DataPanel.minimumRows, left / 2)
            place(.data, rows: max(DataPanel.minimumRows, min(DataPanel.preferredRows(columns: area.columns), share)))
        }
        if panels.lossChart != nil, bottom - top >= LossChart.minimumRows {
            out.append((.lossChart, CellRect(left: area.left, top: top, columns: area.columns, rows: bottom - top)))
        }
        return out
    }

    /// Draws the sidebar: a border line on its left edge, then the panels that fit.
    public static func draw(_ panels: Panels, in sidebar: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        guard !sidebar.isEmpty else { return }
        for row in sidebar.top..<(sidebar.top + sidebar.rows) {
            for column in sidebar.left..<(sidebar.left + sidebar.columns) { grid[column, row] = .blank }
            grid[sidebar.left, row] = Cell(glyphs.boxVertical, .border)
        }
        let area = CellRect(left: sidebar.left + 2, top: sidebar.top, columns: sidebar.columns - 2, rows: sidebar.rows)
        for (key, rect) in layout(panels, in: area, glyphs: glyphs) {
            switch key {
            case .legend: RaceLegend.draw(panels.legend ?? [], in: rect, glyphs: glyphs, into: &grid)
            case .stability: if let s = panels.stability { StabilityGauge.draw(s, in: rect, glyphs: glyphs, into: &grid) }
            case .maths: if let m = panels.maths { MathsTable.draw(m, in: rect, glyphs: glyphs, into: &grid) }
            case .data: if let d = panels.data { DataPanel.draw(d, in: rect, glyphs: glyphs, into: &grid) }
            case .lossChart: LossChart.draw(panels.lossChart ?? [], in: rect, glyphs: glyphs, into: &grid)
            }
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
