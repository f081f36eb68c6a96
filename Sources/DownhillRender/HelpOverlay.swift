/// One line of the help overlay: the keys, as shown (`o O`), what they do, a shorter
/// wording for narrow screens, and how essential the line is.
public struct HelpRow: Equatable, Sendable {
    /// Rows at this priority (`?`/Esc, `q`) are shown at every size.
    public static let essential = 100

    public var keys: String
    public var action: String
    /// A shorter wording of `action`, used when `action` does not fit beside the keys.
    public var short: String?
    /// Rows with a lower priority are left out first when the screen is too short.
    public var priority: Int

    public init(keys: String, action: String, short: String? = nil, priority: Int = 50) {
        self.keys = keys
        self.action = action
        self.short = short
        self.priority = priority
    }
}

/// The help overlay: a framed box listing the key bindings, centred in the rows below
/// the title line (so the title's `? help  q quit` hint stays visible). The rows come from
/// the app's binding table, so the help lists exactly the bound keys.
///
/// When the screen is too short for every row, the least essential rows (lowest
/// ``HelpRow/priority``, the later of equals) are left out and the last row says so
/// (``moreKeys``); the ``HelpRow/essential`` rows (`?`, `q`) are always kept. Each row
/// shows its full wording when it fits beside the keys, else its short one; only text that
/// fits in neither is cut, with an ellipsis.
public enum HelpOverlay {
    /// The title on the top frame line and the hint on the bottom one.
    public static let title = " keys "
    public static let footer = " any key closes "
    /// The last row when some rows are left out, longest first: the first that fits is shown.
    public static let moreKeys = ["more keys: enlarge the window", "more: enlarge the window", "enlarge for more"]

    /// Draws the overlay over `grid`, in the rows from `top` down (all of them when they
    /// are fewer than 3 + the two essential rows).
    public static func draw(_ rows: [HelpRow], glyphs: Glyphs, top areaTop: Int = 0, into grid: inout CellGrid) {
        let rows = rows.map {
            HelpRow(keys: glyphs.text($0.keys), action: glyphs.text($0.action), short: $0.short.map(glyphs.text),
                    priority: $0.priority)
        }
        // Too few rows below the title for the essential rows: use the whole height.
        let essentialCount = rows.filter { $0.priority >= HelpRow.essential }.count
        let areaTop = grid.height - areaTop >= essentialCount + 3 ? max(0, areaTop) : 0
        let areaHeight = grid.height - areaTop
        let boxHeight = min(areaHeight, rows.count + 2)
        let capacity = boxHeight - 2
        // The rows that fit, in table order; a "more keys" row when some do not.
        var shown = rows
        let dropsSome = rows.count > capacity
        if dropsSome {
            var order = Array(rows.indices)
            order.sort { rows[$0].priority != rows[$1].priority ? rows[$0].priority > rows[$1].priority : $0 < $1 }
            let kept = Set(order.prefix(max(0, capacity - 1)))
            shown = rows.indices.filter(kept.contains).map { rows[$0] }
        }
        let keyWidth = shown.map(\.keys.count).max() ?? 0
        let actionWidth = shown.map(\.action.count).max() ?? 0
        // Frame, one space of padding each side, a gap of 2 between the columns.
        let innerWidth = max(keyWidth + 2 + actionWidth, footer.count, dropsSome ? moreKeys[0].count : 0)
        let boxWidth = min(grid.width, innerWidth + 4)
        guard boxWidth >= 8, boxHeight >= 3 else { return }
        let left = (grid.width - boxWidth) / 2, top = areaTop + (areaHeight - boxHeight) / 2
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
        let actionColumn = left + 2 + min(textWidth, keyWidth + 2)
        let room = left + 2 + textWidth - actionColumn
        for (i, r) in shown.enumerated() {
            let row = top + 1 + i
            grid.put(cut(r.keys, to: textWidth, glyphs), column: left + 2, row: row, ink: .helpKey)
            guard room > 0 else { continue }
            let action = r.action.count <= room ? r.action : (r.short ?? r.action)
            grid.put(cut(action, to: room, glyphs), column: actionColumn, row: row, ink: .helpText)
        }
        if dropsSome, capacity > shown.count {
            let more = moreKeys.first { $0.count <= textWidth } ?? moreKeys[moreKeys.count - 1]
            grid.put(cut(more, to: textWidth, glyphs), column: left + 2, row: top + 1 + shown.count, ink: .statusLabel)
        }
    }

    /// `s` padded with spaces to `width` columns; a longer `s` is kept whole, followed by
    /// one space (never cut), so columns of a table stay apart.
    public static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// `text` cut to `width` columns, ending in an ellipsis when cut.
    static func cut(_ text: String, to width: Int, _ glyphs: Glyphs) -> String {
        guard text.count > width else { return text }
        guard width > glyphs.ellipsis.count else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - glyphs.ellipsis.count)) + glyphs.ellipsis
    }
}
