import Foundation
import DownhillCore

/// The last update of a descent, as the maths panel shows it.
public struct StepRecord: Equatable, Sendable {
    /// t, the rule's step count after the update.
    public var t: Int
    /// The gradient the step used (noisy or mini-batch when the source is), or nil when it
    /// was not recorded.
    public var gradient: Vector2?
    /// The rule's state after the step (``UpdateRule/mathsRows(_:t:)``: b, s, m, v, m̂, v̂ …).
    public var state: [MathsRow]
    /// Δθ, the change of the point (world units).
    public var delta: Vector2

    public init(t: Int, gradient: Vector2?, state: [MathsRow], delta: Vector2) {
        self.t = t
        self.gradient = gradient
        self.state = state
        self.delta = delta
    }

    /// The table's rows: g, the state in the order the update computes it, and Δθ.
    public var rows: [MathsRow] { [MathsRow("g", gradient)] + state + [MathsRow("Δθ", delta)] }
}

/// What the maths panel shows: the selected descent's update rule (its name and formula),
/// and its last step (nil before the first).
public struct MathsContent: Equatable, Sendable {
    public var name: String
    public var formula: String
    public var record: StepRecord?
    /// The two parameters' names, the columns' heads: `x`, `y` or, on data, `w`, `b`.
    public var parameterNames: [String]
    public init(name: String, formula: String, record: StepRecord?, parameterNames: [String] = ["x", "y"]) {
        self.name = name
        self.formula = formula
        self.record = record
        self.parameterNames = parameterNames
    }
}

/// The maths panel: the update formula (``UpdateRule/formula``, wrapped at its `;`),
/// then the last step per axis: g, the optimizer's state, and Δθ.
///
/// ```
/// ─ last step · momentum t 12 ─────
/// b ← μ·b + g; θ ← θ − η·b
///                  x           y
/// g          -0.0412       1.204
/// b          -0.3113       0.551
/// Δθ         0.01557    -0.02755
/// ```
public enum MathsTable {
    /// Columns of the label and of each value.
    static let labelWidth = 6, valueWidth = 12

    /// The formula as `glyphs` spell it (``Glyphs/formula(_:)``), cut into lines of at
    /// most `width` columns at its `;` separators; a part longer than a line is wrapped at
    /// its spaces (the next line indented two), and a run without a space that is still
    /// too long is cut between two symbols and ends in an ellipsis.
    public static func formulaLines(_ formula: String, width: Int, glyphs: Glyphs) -> [String] {
        let parts = glyphs.formula(formula).components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var lines: [String] = []
        for (i, part) in parts.enumerated() {
            let piece = part + (i < parts.count - 1 ? ";" : "")
            if let last = lines.last, last.count + 1 + piece.count <= width {
                lines[lines.count - 1] = last + " " + piece
            } else if piece.count <= width || width < 8 {
                lines.append(piece.count <= width ? piece : cut(piece, to: width, glyphs))
            } else {
                var line = ""
                for word in piece.split(separator: " ").map(String.init) {
                    if !line.isEmpty && line.count + 1 + word.count > width {
                        lines.append(line)
                        line = "  "
                    }
                    line += (line.isEmpty || line == "  " ? "" : " ") + word
                }
                lines.append(line)
                lines = lines.map { $0.count <= width ? $0 : cut($0, to: width, glyphs) }
            }
        }
        return lines
    }

    /// `text` cut to `width` columns between two symbols (before an operator, a
    /// parenthesis or a comma, or after one), ending in the ellipsis.
    static func cut(_ text: String, to width: Int, _ glyphs: Glyphs) -> String {
        let chars = Array(text)
        let room = width - glyphs.ellipsis.count
        guard chars.count > width, room > 0 else { return chars.count > width ? String(chars.prefix(width)) : text }
        let breaks = Set(" +-−*·/=<←(),;|^")
        var at = room
        while at > 1 && !breaks.contains(chars[at]) && !breaks.contains(chars[at - 1]) { at -= 1 }
        if at <= 1 { at = room }
        return String(chars.prefix(at)).trimmingCharacters(in: .whitespaces) + glyphs.ellipsis
    }

    /// Rows the panel needs at this width: title, formula, then the header and one row
    /// per quantity (or one "no step yet" line).
    public static func rows(_ content: MathsContent, width: Int, glyphs: Glyphs) -> Int {
        let table = content.record.map { $0.rows.count + 1 } ?? 1
        return 1 + formulaLines(content.formula, width: width, glyphs: glyphs).count + table
    }

    /// Draws the panel into `rect`.
    public static func draw(_ content: MathsContent, in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let t = content.record.map { " t \($0.t)" } ?? ""
        SidePanels.drawTitle(["last step", content.name + t], in: rect, glyphs: glyphs, into: &grid)
        var lines: [[StatusBar.Run]] = formulaLines(content.formula, width: rect.columns, glyphs: glyphs).map { [StatusBar.Run($0, .helpKey)] }
        if let record = content.record {
            lines.append([StatusBar.Run(String(repeating: " ", count: labelWidth) + right(content.parameterNames[0]) + right(content.parameterNames[1]), .statusLabel)])
            for row in record.rows {
                let (label, value) = (row.label, row.value)
                let values = value.map { right(number($0.x)) + right(number($0.y)) } ?? right("–") + right("–")
                lines.append([StatusBar.Run(HelpOverlay.pad(glyphs.text(label), labelWidth), .statusLabel),
                              StatusBar.Run(values, .statusText)])
            }
        } else {
            lines.append([StatusBar.Run("no step yet (n steps)", .statusLabel)])
        }
        for (i, runs) in lines.enumerated() where i + 1 < rect.rows {
            SidePanels.put(runs, in: rect, row: rect.top + 1 + i, glyphs: glyphs, into: &grid)
        }
    }

    /// A value in 4 significant digits.
    static func number(_ v: Double) -> String { StatusBar.compact(v, digits: 4) }

    /// `s` right-aligned in a value column.
    static func right(_ s: String) -> String {
        s.count >= valueWidth ? " " + s : String(repeating: " ", count: valueWidth - s.count) + s
    }
}

extension MathsContent: SidePanel {
    public var panelName: String { "maths" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .fixed(MathsTable.rows(self, width: width, glyphs: glyphs)) }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        MathsTable.draw(self, in: rect, glyphs: glyphs, into: &grid)
    }
}
