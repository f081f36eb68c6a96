/// One line of the help overlay: the keys, as shown (`o Tab`), and what they do.
public struct HelpRow: Equatable, Sendable {
    public var keys: String
    public var action: String
    public init(keys: String, action: String) {
        self.keys = keys
        self.action = action
    }
}

/// The help overlay: a framed box in the middle of the screen listing the key bindings.
/// The rows come from the app's binding table, so the help lists exactly the bound keys.
///
/// When the screen is too small for every row, the box shows what fits and ends with an
/// ellipsis row; text too wide for the box is cut with an ellipsis.
public enum HelpOverlay {
    /// The title on the top frame line and the hint on the bottom one.
    public static let title = " keys "
    public static let footer = " any key closes "

    /// Draws the overlay over `grid`.
    public static func draw(_ rows: [HelpRow], glyphs: Glyphs, into grid: inout CellGrid) {
        let rows = rows.map { HelpRow(keys: glyphs.text($0.keys), action: glyphs.text($0.action)) }
        let keyWidth = rows.map(\.keys.count).max() ?? 0
        let actionWidth = rows.map(\.action.count).max() ?? 0
        // Frame, one space of padding each side, a gap of 2 between the columns.
        let innerWidth = max(keyWidth + 2 + actionWidth, footer.count)
        let boxWidth = min(grid.width, innerWidth + 4)
        let boxHeight = min(grid.height, rows.count + 2)
        guard boxWidth >= 8, boxHeight >= 3 else { return }
        let left = (grid.width - boxWidth) / 2, top = (grid.height - boxHeight) / 2
        let right = left + boxWidth - 1, bottom = top + boxHeight - 1
        let textWidth = boxWidth - 4
        // Frame and blank interior.
        for row in top...bottom {
            for column in left...right {
                let glyph: Character
                switch (row, column) {
                case (top, left): glyph = glyphs.boxCorners[0]
                case (top, right): glyph = glyphs.boxCorners[1]
                case (bottom, left): glyph = glyphs.boxCorners[2]
                case (bottom, right): glyph = glyphs.boxCorners[3]
                case (top, _), (bottom, _): glyph = glyphs.boxHorizontal
                case (_, left), (_, right): glyph = glyphs.boxVertical
                default: glyph = " "
                }
                grid[column, row] = Cell(glyph, glyph == " " ? .helpText : .border)
            }
        }
        grid.put(cut(title, to: boxWidth - 4, glyphs), column: left + 2, row: top, ink: .title)
        grid.put(cut(footer, to: boxWidth - 4, glyphs), column: right - 1 - min(footer.count, boxWidth - 4), row: bottom, ink: .border)
        // The rows that fit; an ellipsis row when some do not.
        let capacity = boxHeight - 2
        let shown = rows.count <= capacity ? rows : Array(rows.prefix(max(0, capacity - 1)))
        for (i, r) in shown.enumerated() {
            let row = top + 1 + i
            let keys = cut(r.keys, to: textWidth, glyphs)
            grid.put(keys, column: left + 2, row: row, ink: .helpKey)
            let actionColumn = left + 2 + min(textWidth, keyWidth + 2)
            let room = left + 2 + textWidth - actionColumn
            if room > 0 { grid.put(cut(r.action, to: room, glyphs), column: actionColumn, row: row, ink: .helpText) }
        }
        if shown.count < rows.count {
            grid.put(glyphs.ellipsis, column: left + 2, row: top + capacity, ink: .helpText)
        }
    }

    /// `text` cut to `width` columns, ending in an ellipsis when cut.
    static func cut(_ text: String, to width: Int, _ glyphs: Glyphs) -> String {
        guard text.count > width else { return text }
        guard width > glyphs.ellipsis.count else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - glyphs.ellipsis.count)) + glyphs.ellipsis
    }
}
