import Foundation
import DownhillCore

/// The last update of a descent, as the maths panel shows it.
public struct StepRecord: Equatable, Sendable {
    public var kind: OptimizerKind
    public var hyperparameters: Hyperparameters
    /// The optimizer's state after the step (t, momentum buffer or m, accumulated squares or v).
    public var state: Optimizer.State
    /// The gradient the step used (noisy or mini-batch when the source is), or nil when it
    /// was not recorded.
    public var gradient: Vector2?
    /// Δθ, the change of the point (world units).
    public var delta: Vector2

    public init(kind: OptimizerKind, hyperparameters: Hyperparameters, state: Optimizer.State, gradient: Vector2?,
                delta: Vector2) {
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.state = state
        self.gradient = gradient
        self.delta = delta
    }

    /// The table's rows: a label and its per-axis values, in the order the update computes
    /// them (SPEC §4 names: b the momentum buffer, s the accumulated squares, m and v
    /// Adam's moments, m̂ = m/(1−β₁ᵗ) and v̂ = v/(1−β₂ᵗ) their bias-corrected values).
    public var rows: [(label: String, value: Vector2?)] {
        let s = state
        var out: [(String, Vector2?)] = [("g", gradient)]
        switch kind {
        case .gd: break
        case .momentum, .nesterov: out.append(("b", s.firstMoment))
        case .adagrad, .rmsprop: out.append(("s", s.secondMoment))
        case .adam, .adamw:
            let t = Double(s.t)
            let h = hyperparameters
            out += [("m", s.firstMoment), ("v", s.secondMoment),
                    ("m̂", s.firstMoment / (1 - pow(h.beta1, t))), ("v̂", s.secondMoment / (1 - pow(h.beta2, t)))]
        }
        out.append(("Δθ", delta))
        return out
    }
}

/// What the maths panel shows: the selected descent's update rule, and its last step
/// (nil before the first).
public struct MathsContent: Equatable, Sendable {
    public var kind: OptimizerKind
    public var record: StepRecord?
    public init(kind: OptimizerKind, record: StepRecord?) {
        self.kind = kind
        self.record = record
    }
}

/// The maths panel: the update formula (``OptimizerKind/formula``, wrapped at its `;`),
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

    /// The formula as `glyphs` spell it, cut into lines of at most `width` columns at its
    /// `;` separators (a part longer than a line is cut by the drawing).
    public static func formulaLines(_ kind: OptimizerKind, width: Int, glyphs: Glyphs) -> [String] {
        let parts = glyphs.text(kind.formula).components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var lines: [String] = []
        for (i, part) in parts.enumerated() {
            let piece = part + (i < parts.count - 1 ? ";" : "")
            if let last = lines.last, last.count + 1 + piece.count <= width {
                lines[lines.count - 1] = last + " " + piece
            } else {
                lines.append(piece)
            }
        }
        return lines
    }

    /// Rows the panel needs at this width: title, formula, then the header and one row
    /// per quantity (or one "no step yet" line).
    public static func rows(_ content: MathsContent, width: Int, glyphs: Glyphs) -> Int {
        let table = content.record.map { $0.rows.count + 1 } ?? 1
        return 1 + formulaLines(content.kind, width: width, glyphs: glyphs).count + table
    }

    /// Draws the panel into `rect`.
    public static func draw(_ content: MathsContent, in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let t = content.record.map { " t \($0.state.t)" } ?? ""
        SidePanels.drawTitle(["last step", content.kind.name + t], in: rect, glyphs: glyphs, into: &grid)
        var lines: [[StatusBar.Run]] = formulaLines(content.kind, width: rect.columns, glyphs: glyphs).map { [StatusBar.Run($0, .helpKey)] }
        if let record = content.record {
            lines.append([StatusBar.Run(String(repeating: " ", count: labelWidth) + right("x") + right("y"), .statusLabel)])
            for (label, value) in record.rows {
                let values = value.map { right(number($0.x)) + right(number($0.y)) } ?? right("–") + right("–")
                lines.append([StatusBar.Run(RaceLegend.pad(glyphs.text(label), labelWidth), .statusLabel),
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
