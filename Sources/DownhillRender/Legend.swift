/// What the plot's marks mean, in the glyphs on screen: the rows the help overlay adds
/// after the keys, and the compact line the title shows on large screens.
public enum Legend {
    /// The help's legend rows: a mark (in the keys' column) and what it means. The marks
    /// and the shading rank with the middle keys (an 80×24 help shows them, in place of the
    /// history marks and the zoom), the path and the edge arrows below them.
    public static func helpRows(glyphs: Glyphs, spacing: Levels.Spacing) -> [HelpRow] {
        let arrows = [glyphs.arrow(degrees: 0), glyphs.arrow(degrees: 90), glyphs.arrow(degrees: 180), glyphs.arrow(degrees: 270)].map(String.init).joined()
        let shades = shading(glyphs)
        return [
            HelpRow(keys: "\(glyphs.start) \(glyphs.point) \(glyphs.minimum)", action: "the start, the point now, a minimum",
                    short: "start, point, minimum", priority: 58),
            HelpRow(keys: "\(glyphs.trailPoint) \(glyphs.trailSegment)", action: "the path: each step's point, and the line between",
                    short: "the path", priority: 44),
            HelpRow(keys: arrows, action: "at the plot's edge: a point off the view, that way",
                    short: "point off the view", priority: 38),
            HelpRow(keys: shades, action: "shading: the loss, low (blank) to high, \(scale(spacing))",
                    short: "loss, low to high", priority: 52),
        ]
    }

    /// The one-line legend: `○ start  ● point  ★ minimum  • path  ↑ off view  ░▒▓ loss (log)`.
    public static func line(glyphs: Glyphs, spacing: Levels.Spacing) -> String {
        "\(glyphs.start) start  \(glyphs.point) point  \(glyphs.minimum) minimum  \(glyphs.trailPoint) path  "
            + "\(glyphs.arrow(degrees: 90)) off view  \(shading(glyphs)) loss, \(spacing == .logarithmic ? "log" : "linear")"
    }

    /// The band glyphs from low to high, each once (`░▒▓`).
    static func shading(_ glyphs: Glyphs) -> String {
        var seen: [Character] = []
        for g in glyphs.bands where g != " " && !seen.contains(g) { seen.append(g) }
        return String(seen)
    }

    static func scale(_ spacing: Levels.Spacing) -> String {
        spacing == .logarithmic ? "on a log scale (the floor spread out)" : "in equal steps"
    }
}
