/// The grid as lines of text with ANSI SGR escapes for the palette's styles at `depth` in `theme`
/// (for `downhill frame --color always`). An escape is written only where the style
/// changes, and every line that set a style ends with a reset (`ESC[0m`), so each line
/// stands alone. At depth `.none` only bold, dim and reverse are used.
/// Plain text without escapes is ``CellGrid/lines()``.
public func ansiLines(_ grid: CellGrid, depth: ColorDepth, theme: Theme = .dark) -> [String] {
    var cache: [Ink: String] = [:]
    return (0..<grid.height).map { row in
        var line = ""
        var current = TextStyle.plain
        for column in 0..<grid.width {
            let cell = grid[column, row]
            let style = Palette.style(for: cell.ink, depth: depth, theme: theme)
            if style != current {
                if let known = cache[cell.ink] {
                    line += known
                } else {
                    let sgr = sgrSequence(style, depth: depth)
                    cache[cell.ink] = sgr
                    line += sgr
                }
                current = style
            }
            line.append(cell.glyph)
        }
        if current != .plain { line += "\u{1B}[0m" }
        return line
    }
}

/// ``ansiLines(_:depth:)`` joined with newlines (no newline after the last line).
public func ansiText(_ grid: CellGrid, depth: ColorDepth, theme: Theme = .dark) -> String {
    ansiLines(grid, depth: depth, theme: theme).joined(separator: "\n")
}

/// The SGR escape that sets exactly `style` (it starts with a reset, `0`).
/// 8 colours: 30–37 / 40–47; 256 colours: 38;5;n / 48;5;n.
public func sgrSequence(_ style: TextStyle, depth: ColorDepth) -> String {
    var codes = ["0"]
    if style.bold { codes.append("1") }
    if style.dim { codes.append("2") }
    if style.reverse { codes.append("7") }
    switch depth {
    case .none: break
    case .eight:
        if let f = style.foreground { codes.append(String(30 + (f & 7))) }
        if let b = style.background { codes.append(String(40 + (b & 7))) }
    case .full:
        if let f = style.foreground { codes.append("38;5;\(f)") }
        if let b = style.background { codes.append("48;5;\(b)") }
    }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
}
