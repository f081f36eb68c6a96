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
/// When the screen is too short for every row, the help is paged (``pages(_:width:height:top:)``):
/// the first page holds the most essential rows (highest ``HelpRow/priority``, the earlier
/// of equals, shown in table order; the ``HelpRow/essential`` rows `?` and `q` always
/// among them), the next pages the rest in table order, and the bottom frame line says
/// which page this is and that `?` shows the next (``footer(page:of:width:)``). The box
/// keeps one size on every page (the keys' column is as wide as the page's keys). Each row shows its full wording when it fits beside the
/// keys, else its short one; only text that fits in neither is cut, with an ellipsis.
public enum HelpOverlay {
    /// The title on the top frame line and the hint on the bottom one.
    public static let title = " keys "
    public static let footer = " any key closes "

    /// The rows of the box's area on a `width × height` screen whose plot starts at row
    /// `top` (all rows when fewer than 3 + the essential rows are left below it), and how
    /// many rows fit inside the frame.
    static func area(_ rows: [HelpRow], height: Int, top: Int) -> (top: Int, height: Int, capacity: Int) {
        let essentialCount = rows.filter { $0.priority >= HelpRow.essential }.count
        let areaTop = height - top >= essentialCount + 3 ? max(0, top) : 0
        let areaHeight = height - areaTop
        return (areaTop, areaHeight, max(0, min(areaHeight, rows.count + 2) - 2))
    }

    /// The help's pages on a `width × height` screen whose plot starts at row `top`: one
    /// page when every row fits, else the most essential rows first (in table order), then
    /// the others in table order, as many pages as they need. At least one page.
    public static func pages(_ rows: [HelpRow], width: Int, height: Int, top: Int = 0) -> [[HelpRow]] {
        let capacity = area(rows, height: height, top: top).capacity
        guard rows.count > capacity, capacity > 0 else { return [rows] }
        var order = Array(rows.indices)
        order.sort { rows[$0].priority != rows[$1].priority ? rows[$0].priority > rows[$1].priority : $0 < $1 }
        let first = Set(order.prefix(capacity))
        var pages = [rows.indices.filter(first.contains).map { rows[$0] }]
        let rest = rows.indices.filter { !first.contains($0) }.map { rows[$0] }
        for start in stride(from: 0, to: rest.count, by: capacity) {
            pages.append(Array(rest[start..<min(rest.count, start + capacity)]))
        }
        return pages
    }

    /// The bottom frame line's text for page `page` (0-based) of `count`, the longest
    /// wording that fits in `width` columns: on one page ``footer``; before the last page
    /// `? more: 1/2  other keys close`, on the last `2/2  any key closes`.
    public static func footer(page: Int, of count: Int, width: Int) -> String {
        guard count > 1 else { return footer }
        let at = "\(page + 1)/\(count)"
        let wordings = page + 1 < count ? [" ? more: \(at)  other keys close ", " ? more: \(at) ", " ? \(at) "]
            : [" \(at)  any key closes ", " \(at) "]
        return wordings.first { $0.count <= width } ?? wordings[wordings.count - 1]
    }

    /// Draws page `page` (0-based, kept in range) of the overlay over `grid`, in the rows
    /// from `top` down (all of them when they are fewer than 3 + the two essential rows).
    public static func draw(_ rows: [HelpRow], page: Int = 0, glyphs: Glyphs, top areaTop: Int = 0, into grid: inout CellGrid) {
        let rows = rows.map {
            HelpRow(keys: glyphs.text($0.keys), action: glyphs.text($0.action), short: $0.short.map(glyphs.text),
                    priority: $0.priority)
        }
        let (areaTop, areaHeight, capacity) = area(rows, height: grid.height, top: areaTop)
        let pages = pages(rows, width: grid.width, height: grid.height, top: areaTop)
        let page = min(max(0, page), pages.count - 1)
        let shown = pages[page]
        let boxHeight = capacity + 2
        // One box for every page, as wide as the widest page; the keys' column as wide as
        // this page's keys. Frame, one space of padding each side, a gap of 2 between the columns.
        func width(_ rows: [HelpRow]) -> Int { (rows.map(\.keys.count).max() ?? 0) + 2 + (rows.map(\.action.count).max() ?? 0) }
        let keyWidth = shown.map(\.keys.count).max() ?? 0
        let innerWidth = max(pages.map(width).max() ?? 0, footer(page: page, of: pages.count, width: grid.width - 4).count)
        let boxWidth = min(grid.width, innerWidth + 4)
        let footer = footer(page: page, of: pages.count, width: boxWidth - 4)
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
        grid.put(cut(footer, to: boxWidth - 4, glyphs), column: right - 1 - min(footer.count, boxWidth - 4), row: bottom,
                 ink: pages.count > 1 ? .statusLabel : .border)
        let actionColumn = left + 2 + min(textWidth, keyWidth + 2)
        let room = left + 2 + textWidth - actionColumn
        for (i, r) in shown.enumerated() {
            let row = top + 1 + i
            grid.put(cut(r.keys, to: textWidth, glyphs), column: left + 2, row: row, ink: .helpKey)
            guard room > 0 else { continue }
            let action = r.action.count <= room ? r.action : (r.short ?? r.action)
            grid.put(cut(action, to: room, glyphs), column: actionColumn, row: row, ink: .helpText)
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
