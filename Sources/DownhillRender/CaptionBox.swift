import Foundation

/// A lesson's caption (SPEC §10): a few lines of plain words in a box over the top of the
/// plot, the lesson and scene in its top border and the keys in its bottom border.
public struct Caption: Sendable, Equatable {
    /// The top border's text: the lesson's title and the scene (`The learning rate 2/6`).
    public var title: String
    /// The words; a blank line starts a new paragraph, single line breaks are spaces.
    public var text: String
    /// The bottom border's text: what the keys do now (`Enter next  ⌫ back  q quit`).
    public var footer: String

    public init(title: String, text: String, footer: String) {
        self.title = title
        self.text = text
        self.footer = footer
    }
}

/// Draws a ``Caption`` (pure: into a cell grid).
public enum CaptionBox {
    /// `text` wrapped at spaces into lines of at most `width` characters: paragraphs
    /// (separated by a blank line) each start on a new line, after an empty one; a line
    /// never ends or starts with a lone operator (`1 − 20η`, `|1 − ηλ| < 1` stay whole
    /// when they fit a line); a word longer than a line is split (the only case that cuts
    /// a word).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
            .split { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        for (i, paragraph) in paragraphs.enumerated() {
            if i > 0 { lines.append("") }
            var line = ""
            let words = paragraph.joined(separator: " ").split(separator: " ").map(String.init)
            for word in unbreakable(words).flatMap({ $0.count > width ? $0.split(separator: " ").map(String.init) : [$0] }) {
                var word = word
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }

    /// Words that sit on either side of a spaced operator, joined into one unit.
    static func unbreakable(_ words: [String]) -> [String] {
        let operators: Set<String> = ["−", "-", "+", "=", "<", ">", "≤", "≥", "·", "×", "/", "←", "→", "≈", "<-", "->", "<=", ">="]
        var units: [String] = []
        var glueNext = false
        for word in words {
            let isOperator = operators.contains(word)
            if let last = units.last, glueNext || isOperator {
                units[units.count - 1] = last + " " + word
            } else {
                units.append(word)
            }
            glueNext = isOperator
        }
        return units
    }

    /// The rows of `plot` the box covers (0 when it is not drawn): its text rows and two borders.
    static func rows(_ caption: Caption, glyphs: Glyphs, in plot: CellRect) -> Int {
        guard plot.columns - 4 > 4, plot.rows >= 3 else { return 0 }
        return textRows(wrap(glyphs.text(caption.text), width: plot.columns - 4).count, plot: plot) + 2
    }

    /// The text rows of the box for `lines` wrapped lines: at most half the plot's rows
    /// (at least 3) with the borders.
    static func textRows(_ lines: Int, plot: CellRect) -> Int { min(lines, max(3, plot.rows / 2) - 2) }

    /// The box over the top of `plot`, its full width: borders, one space of margin each
    /// side, the wrapped text. At most half the plot's rows (at least 3); when the text
    /// needs more, its last shown line ends with an ellipsis.
    static func draw(_ caption: Caption, glyphs: Glyphs, in plot: CellRect, into grid: inout CellGrid) {
        let room = plot.columns - 4
        guard room > 4, plot.rows >= 3 else { return }
        var lines = wrap(glyphs.text(caption.text), width: room)
        let textRows = textRows(lines.count, plot: plot)
        if lines.count > textRows, textRows > 0 {
            lines[textRows - 1] = HelpOverlay.cut(lines[textRows - 1] + " " + lines[textRows], to: room, glyphs)
        }
        let (left, right) = (plot.left, plot.left + plot.columns - 1)
        let top = plot.top
        let bottom = top + textRows + 1
        for row in top...bottom {
            for column in left...right { grid[column, row] = Cell(" ", .notice) }
            grid[left, row] = Cell(glyphs.boxVertical, .border)
            grid[right, row] = Cell(glyphs.boxVertical, .border)
        }
        for column in left...right {
            grid[column, top] = Cell(glyphs.boxHorizontal, .border)
            grid[column, bottom] = Cell(glyphs.boxHorizontal, .border)
        }
        grid[left, top] = Cell(glyphs.boxCorners[0], .border)
        grid[right, top] = Cell(glyphs.boxCorners[1], .border)
        grid[left, bottom] = Cell(glyphs.boxCorners[2], .border)
        grid[right, bottom] = Cell(glyphs.boxCorners[3], .border)
        let title = HelpOverlay.cut(" " + glyphs.text(caption.title) + " ", to: plot.columns - 4, glyphs)
        grid.put(title, column: left + 2, row: top, ink: .title)
        let footer = HelpOverlay.cut(" " + glyphs.text(caption.footer) + " ", to: plot.columns - 4, glyphs)
        grid.put(footer, column: max(left + 2, right - 1 - footer.count), row: bottom, ink: .statusLabel)
        for (i, line) in lines.prefix(textRows).enumerated() {
            grid.put(line, column: left + 2, row: top + 1 + i, ink: .notice)
        }
    }
}
