import Foundation
import DownhillCore

/// What the stability gauge shows for one descent.
public enum StabilityContent: Equatable, Sendable {
    /// gd, momentum, nesterov: the curvature reading at the current point
    /// (``StabilityReading``: λmax, η·λmax against the rule's limit, the critical η), and η.
    case curvature(OptimizerKind, learningRate: Double, StabilityReading)
    /// The adaptive rules: the effective per-axis step size η/(√v̂ + ε) (world units per
    /// unit of gradient), nil before the first step; and η.
    case adaptive(OptimizerKind, learningRate: Double, stepSizes: Vector2?)

    /// The content for a descent at its current point.
    public init(_ descent: Descent) {
        let kind = descent.optimizer.kind
        if let reading = StabilityReading.at(descent) {
            self = .curvature(kind, learningRate: descent.optimizer.hyperparameters.learningRate, reading)
        } else {
            self = .adaptive(kind, learningRate: descent.optimizer.hyperparameters.learningRate,
                             stepSizes: effectiveStepSizes(descent.optimizer))
        }
    }
}

/// The stability gauge: for the gradient-descent family, λmax of the Hessian at the point
/// and η·λmax against the update rule's limit (2 for gd, 2 + 2μ for heavy-ball momentum,
/// (2 + 2μ)/(1 + 2μ) for PyTorch's Nesterov; see ``StabilityReading``) as a bar with a
/// mark at the limit, and the critical learning rate written out; for the adaptive rules,
/// the effective per-axis step size.
///
/// ```
/// ─ stability · gd ──────────────
/// λmax 20   η 0.08
/// η·λmax 1.6 < 2
/// ━━━━━━━━━━━━━━━━━━━━━──┃───────
/// stable iff η < 0.1
/// ```
public enum StabilityGauge {
    /// The bar spans η·λmax from 0 to this multiple of the limit; the mark sits at 1/this.
    public static let barSpan = 1.5
    /// Readings at or above this fraction of the limit are drawn as "near".
    public static let nearFraction = 0.9

    /// Rows the gauge needs, its title included.
    public static func rows(_ content: StabilityContent) -> Int {
        switch content {
        case .curvature: 5
        case .adaptive: 4
        }
    }

    /// The text lines below the title (the bar, for the curvature reading, is drawn as the
    /// third line).
    public static func lines(_ content: StabilityContent) -> [String] {
        switch content {
        case .curvature(let kind, let lr, let r):
            let limitName: String = switch kind {
            case .momentum: " = 2+2μ"
            case .nesterov: " = (2+2μ)/(1+2μ)"
            default: ""
            }
            let comparison = r.isStable ? "<" : "≥"
            let verdict: String
            if let critical = r.criticalLearningRate {
                verdict = "stable iff η < " + number(critical)
            } else {
                verdict = "λmax ≤ 0: no limit on η here"
            }
            return [
                "λmax " + number(r.lambdaMax) + "   η " + number(lr),
                "η·λmax " + StatusBar.compact(r.product, digits: 3) + " " + comparison + " " + number(r.limit) + limitName,
                verdict,
            ]
        case .adaptive(let kind, let lr, let steps):
            let formula = kind == .adam || kind == .adamw ? "η/(√v̂+ε)" : "η/(√s+ε)"
            let values = steps.map { "x " + number($0.x) + "   y " + number($0.y) } ?? "after the first step"
            return ["step " + formula + " per axis", values, "η " + number(lr)]
        }
    }

    /// Draws the gauge into `rect`.
    public static func draw(_ content: StabilityContent, in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let text = lines(content)
        switch content {
        case .curvature(let kind, _, let r):
            SidePanels.drawTitle(["stability", kind.name], in: rect, glyphs: glyphs, into: &grid)
            let ink = level(r)
            let rows: [[StatusBar.Run]] = [
                [StatusBar.Run(text[0], .statusText)],
                [StatusBar.Run(text[1], r.isStable ? .statusText : .gauge(2))],
                [],
                [StatusBar.Run(text[2], .statusLabel)],
            ]
            for (i, runs) in rows.enumerated() where i + 1 < rect.rows {
                SidePanels.put(runs, in: rect, row: rect.top + 1 + i, glyphs: glyphs, into: &grid)
            }
            if rect.rows > 3 { drawBar(r, ink: ink, in: rect, row: rect.top + 3, glyphs: glyphs, into: &grid) }
        case .adaptive(let kind, _, _):
            SidePanels.drawTitle(["step size", kind.name], in: rect, glyphs: glyphs, into: &grid)
            for (i, line) in text.enumerated() where i + 1 < rect.rows {
                SidePanels.put([StatusBar.Run(line, i == 1 ? .statusText : .statusLabel)], in: rect, row: rect.top + 1 + i,
                               glyphs: glyphs, into: &grid)
            }
        }
    }

    /// The bar's ink: 0 well inside the limit, 1 from ``nearFraction`` of it, 2 at or beyond.
    static func level(_ r: StabilityReading) -> Ink {
        if !r.isStable { return .gauge(2) }
        return r.lambdaMax > 0 && r.product >= nearFraction * r.limit ? .gauge(1) : .gauge(0)
    }

    /// The bar: η·λmax filled from the left over 0…``barSpan``·limit, the limit marked.
    static func drawBar(_ r: StabilityReading, ink: Ink, in rect: CellRect, row: Int, glyphs: Glyphs,
                        into grid: inout CellGrid) {
        let width = rect.columns
        guard width > 2 else { return }
        let fraction = r.product / (barSpan * r.limit)
        let filled = fraction.isFinite ? Int((min(1, max(0, fraction)) * Double(width)).rounded()) : (fraction > 0 ? width : 0)
        let mark = min(width - 1, Int((Double(width) / barSpan).rounded()))
        for i in 0..<width {
            let cell = i == mark ? Cell(glyphs.gaugeLimit, .border)
                : i < filled ? Cell(glyphs.gaugeFill, ink) : Cell(glyphs.gaugeTrack, .gauge(3))
            grid[rect.left + i, row] = cell
        }
    }

    /// A reading in at most 4 significant digits.
    static func number(_ v: Double) -> String { StatusBar.compact(v, digits: 4) }
}
