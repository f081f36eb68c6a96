/// One screen as an SVG picture: the terminal's cell grid with its colours, for slides and
/// web pages (`downhill frame --format svg`).
///
/// Every cell is `cellWidth × cellHeight` pixels. Styles come from
/// ``Palette/style(for:depth:theme:)`` (the one place colours live) at depth `.full` in the
/// picture's ``Theme``, turned into RGB by ``XtermColor``; the terminal's default colours are
/// the theme's background and text (`mono`, which has none: black on white). A run of cells of one
/// style on a row is one `<text>` (monospace, stretched to exactly its cells with
/// `textLength`, which browsers honour; librsvg does not, so the cell width is the advance of
/// a monospace font at `fontSize`, 0.6 × 15 = 9 px) over one `<rect>` when its
/// background is not the default. Bold is `font-weight="bold"`, dim an opacity of 0.6,
/// reverse swaps the two colours.
public struct SVGPicture: Sendable {
    /// A cell's size in pixels: the font's advance, and a line no taller than the shade
    /// glyphs (░▒▓ span about 1.16 em, 17.4 px), so shaded rows join without gaps.
    public var cellWidth = 9
    public var cellHeight = 17
    /// The font size in pixels (a monospace font's advance is about 0.6 of it).
    public var fontSize = 15
    /// The theme the screen was drawn in.
    public var theme: Theme
    /// The terminal's default background and foreground, `#rrggbb`.
    public var background: String
    public var foreground: String

    public init(theme: Theme = .dark) {
        self.theme = theme
        background = theme.background.map(XtermColor.hex) ?? "#ffffff"
        foreground = theme.text.map(XtermColor.hex) ?? "#000000"
    }

    /// The picture of `grid`: a complete SVG document (XML declaration, one `<svg>`).
    public func render(_ grid: CellGrid) -> String {
        let w = grid.width * cellWidth, h = grid.height * cellHeight
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>\n"
        out += "<g font-family=\"'DejaVu Sans Mono', Menlo, Consolas, monospace\" font-size=\"\(fontSize)\" fill=\"\(foreground)\" xml:space=\"preserve\">\n"
        var texts = ""
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                let style = Palette.style(for: grid[column, row].ink, depth: .full, theme: theme)
                var end = column + 1
                while end < grid.width && Palette.style(for: grid[end, row].ink, depth: .full, theme: theme) == style { end += 1 }
                let glyphs = String((column..<end).map { grid[$0, row].glyph })
                let (fill, back) = colours(style)
                let x = column * cellWidth, y = row * cellHeight, width = (end - column) * cellWidth
                if let back { out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(cellHeight)\" fill=\"\(back)\"/>\n" }
                if glyphs.contains(where: { $0 != " " }) {
                    var attributes = "x=\"\(x)\" y=\"\(y + cellHeight * 4 / 5)\" textLength=\"\(width)\" lengthAdjust=\"spacingAndGlyphs\""
                    if fill != foreground { attributes += " fill=\"\(fill)\"" }
                    if style.bold { attributes += " font-weight=\"bold\"" }
                    if style.dim { attributes += " opacity=\"0.6\"" }
                    texts += "<text \(attributes)>\(Self.escaped(glyphs))</text>\n"
                }
                column = end
            }
        }
        return out + texts + "</g>\n</svg>\n"
    }

    /// The text colour and the background (nil: the default) of a style.
    func colours(_ style: TextStyle) -> (fill: String, back: String?) {
        let fore = style.foreground.map(XtermColor.hex) ?? foreground
        let back = style.background.map(XtermColor.hex)
        return style.reverse ? (back ?? background, fore) : (fore, back)
    }

    /// `text` with XML's five special characters as entities.
    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// The xterm 256-colour palette as RGB (xterm's defaults): 0–15 the system colours, 16–231
/// the 6×6×6 cube with levels 0, 95, 135, 175, 215, 255, and 232–255 the greys 8, 18, …, 238.
public enum XtermColor {
    static let system: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// Red, green and blue (0–255) of palette entry `index` (taken modulo 256).
    public static func rgb(_ index: Int) -> (red: Int, green: Int, blue: Int) {
        let i = ((index % 256) + 256) % 256
        switch i {
        case 0..<16: return system[i]
        case 16..<232:
            let c = i - 16
            return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
        default:
            let g = 8 + 10 * (i - 232)
            return (g, g, g)
        }
    }

    /// Palette entry `index` as `#rrggbb`.
    public static func hex(_ index: Int) -> String {
        let (r, g, b) = rgb(index)
        return "#" + [r, g, b].map { v in
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
