/// Turns successive grids into the bytes a VT100/xterm-compatible terminal needs to show
/// them: the first grid painted whole, each later one as the changed cells only (for
/// `downhill cast`, which has no curses to do this).
///
/// Only a small subset of escapes is written, so that any terminal emulator or player
/// replays it the same way: `CSI ? 25 l` (hide the cursor) and `CSI 2 J` (clear) once,
/// `CSI row ; column H` (move, 1-based) and `CSI … m` (``sgrSequence(_:depth:)``, always
/// starting with a reset) before runs of cells. Every frame ends with the attributes reset
/// (`CSI 0 m`). Cells are one column wide, so a run of `n` glyphs moves the cursor `n` columns.
public struct ScreenPainter: Sendable {
    /// The colour depth the styles are written for.
    public let depth: ColorDepth
    /// The theme whose palette the styles come from.
    public let theme: Theme
    /// The grid the terminal shows after the last ``paint(_:)``; nil before the first.
    public private(set) var shown: CellGrid?
    /// Unchanged cells between two changed ones on a row that are rewritten rather than
    /// jumped over: a cursor move costs about as many bytes.
    static let gapLimit = 6
    private var sgrCache: [Ink: (TextStyle, String)] = [:]

    public init(depth: ColorDepth, theme: Theme = .dark) {
        self.depth = depth
        self.theme = theme
    }

    /// The bytes that take the terminal from ``shown`` to `grid`; empty when nothing changed.
    /// A grid of another size than the last is painted whole after a clear.
    public mutating func paint(_ grid: CellGrid) -> String {
        var out = ""
        let previous: CellGrid?
        if let shown, shown.width == grid.width, shown.height == grid.height {
            previous = shown
        } else {
            out += shown == nil ? "\u{1B}[?25l\u{1B}[0m\u{1B}[2J" : "\u{1B}[0m\u{1B}[2J"
            previous = nil
        }
        var current = TextStyle.plain
        var cursor: (row: Int, column: Int)? = nil
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                guard changed(grid, previous, column, row) else {
                    column += 1
                    continue
                }
                // The end of this run: the last changed cell with gaps of at most gapLimit.
                var end = column
                var probe = column + 1
                while probe < grid.width && probe - end <= Self.gapLimit + 1 {
                    if changed(grid, previous, probe, row) { end = probe }
                    probe += 1
                }
                if cursor.map({ $0.row != row || $0.column != column }) ?? true {
                    out += "\u{1B}[\(row + 1);\(column + 1)H"
                }
                for c in column...end {
                    let cell = grid[c, row]
                    let (style, sgr) = styleAndSequence(cell.ink)
                    if style != current {
                        out += sgr
                        current = style
                    }
                    out.append(cell.glyph)
                }
                column = end + 1
                cursor = (row, column)
            }
        }
        if current != .plain { out += "\u{1B}[0m" }
        shown = grid
        return out
    }

    private func changed(_ grid: CellGrid, _ previous: CellGrid?, _ column: Int, _ row: Int) -> Bool {
        guard let previous else { return true }
        let a = grid[column, row], b = previous[column, row]
        guard a.glyph == b.glyph else { return true }
        return a.ink != b.ink && Palette.style(for: a.ink, depth: depth, theme: theme) != Palette.style(for: b.ink, depth: depth, theme: theme)
    }

    private mutating func styleAndSequence(_ ink: Ink) -> (TextStyle, String) {
        if let known = sgrCache[ink] { return known }
        let style = Palette.style(for: ink, depth: depth, theme: theme)
        let entry = (style, sgrSequence(style, depth: depth))
        sgrCache[ink] = entry
        return entry
    }
}
