import Foundation
import DownhillCore

/// What the stability gauge shows for one descent.
public enum StabilityContent: Equatable, Sendable {
    /// gd, momentum, nesterov, newton: the curvature reading at the current point
    /// (``StabilityReading``: λmax, η·λmax — η for newton — against the rule's limit, the
    /// critical η), η,
    /// and λmin, the Hessian's smaller eigenvalue there (negative on a saddle or a crest:
    /// the descent is unstable along its direction at any η).
    case curvature(name: String, learningRate: Double, StabilityReading, limitFormula: String?, lambdaMin: Double)
    /// The adaptive rules: the effective per-axis step size η/(√v̂ + ε) (world units per
    /// unit of gradient), nil before the first step; how it is written; and η.
    /// `started` is false before the first step (no statistics yet); a rule may still have
    /// no step size after it (RAdam while ρₜ ≤ 5 takes un-adapted steps). `axes` names the
    /// two parameters (`x`, `y`, or `w`, `b` on data).
    case adaptive(name: String, learningRate: Double, stepSizes: Vector2?, formula: String, started: Bool, axes: [String])
    /// A rule for which theory gives neither a limit nor a step size here.
    case none(name: String, learningRate: Double)

    /// The content for a descent at its current point.
    public init(_ descent: Descent) {
        let rule = descent.optimizer.rule
        let lr = descent.currentLearningRate  // ηₜ: what the next step uses
        if let reading = StabilityReading.at(descent) {
            self = .curvature(name: rule.name, learningRate: lr, reading, limitFormula: rule.stabilityLimit?.formula,
                              lambdaMin: descent.surface.hessian(at: descent.point).eigenvalues.min + rule.coupledDecay)
        } else if let formula = rule.stepSizeFormula {
            self = .adaptive(name: rule.name, learningRate: lr, stepSizes: descent.optimizer.effectiveStepSizes, formula: formula,
                             started: descent.optimizer.t > 0, axes: descent.surface.parameterNames)
        } else {
            self = .none(name: rule.name, learningRate: lr)
        }
    }
}

/// The stability gauge: for the gradient-descent family, λmax of the Hessian at the point
/// and η·λmax against the update rule's limit (2 for gd, 2 + 2μ for heavy-ball momentum,
/// (2 + 2μ)/(1 + 2μ) for PyTorch's Nesterov; see ``StabilityReading``) as a bar with a
/// mark at the limit, and the critical learning rate written out; where λmin < 0 (a
/// saddle, a crest; see ``hasNegativeCurvature(lambdaMin:_:)``) a line saying the descent
/// is unstable along that direction at any η;
/// for Newton's method, whose limit is on η whatever the curvature
/// (``StabilityReading/isCurvatureFree``), η against 2, and where λmin < 0 a line saying
/// it steps toward the saddle (or maximum); for the adaptive rules, the effective per-axis
/// step size.
///
/// Lines too long for the panel wrap between their parts (a formula such as
/// `η·λmax 0.8 < 1.357` is never split), continuations indented by two; a part longer
/// than the panel is cut with an ellipsis.
///
/// ```
/// ─ stability · nesterov ────────
/// λmax 20   η 0.04
/// η·λmax 0.8 < 1.357
///   = (2+2μ)/(1+2μ)
/// ━━━━━━━━━━━━━────────┃─────────
/// stable iff η < 0.06786
/// ```
public enum StabilityGauge {
    /// The bar spans η·λmax from 0 to this multiple of the limit; the mark sits at 1/this.
    public static let barSpan = 1.5
    /// Readings at or above this fraction of the limit are drawn as "near".
    public static let nearFraction = 0.9

    /// One line of text before wrapping: parts that are never split, joined by `separator`.
    struct Paragraph: Equatable {
        var parts: [String]
        var separator = " "
        var ink: Ink
        var text: String { parts.joined(separator: separator) }
    }

    /// True when λmin is negative and not negligible: below −1% of |λmax| (so the slight
    /// negative curvature of, e.g., Rosenbrock's curved floor, −0.003 against λmax 1440,
    /// is not flagged), or below −1e-9 where λmax is about zero.
    static func hasNegativeCurvature(lambdaMin: Double, _ r: StabilityReading) -> Bool {
        lambdaMin < -max(1e-9, 0.01 * abs(r.lambdaMax))
    }

    /// The paragraphs below the title; for the curvature reading the bar goes after the
    /// first two.
    static func paragraphs(_ content: StabilityContent) -> [Paragraph] {
        switch content {
        case .curvature(_, let lr, let r, _, let lambdaMin) where r.isCurvatureFree:
            // Newton: the limit is on η itself; the bar shows η against it.
            var out = [
                Paragraph(parts: ["λmax " + number(r.lambdaMax), "η " + number(lr)], separator: "   ", ink: .statusText),
                Paragraph(parts: ["η " + StatusBar.compact(r.product, digits: 3) + " " + (r.isStable ? "<" : "≥") + " " + number(r.limit),
                                  "(independent", "of", "λ)"],
                          ink: r.isStable ? .statusText : .gauge(2)),
                Paragraph(parts: ["stable", "iff", "η < " + number(r.limit), "at", "any", "curvature"], ink: .statusLabel),
            ]
            // The step solves for the stationary point of the local quadratic: with negative
            // curvature that is a saddle or a maximum, and Newton heads for it.
            if hasNegativeCurvature(lambdaMin: lambdaMin, r) {
                let goal = r.lambdaMax > 0 ? "saddle" : "maximum"
                out.append(Paragraph(parts: ["λmin " + number(lambdaMin) + " < 0:", "steps", "toward", "the", goal],
                                     ink: .statusWarn))
            }
            return out
        case .curvature(_, let lr, let r, let formula, let lambdaMin):
            let limitName = formula.map { "= " + $0 } ?? ""
            let comparison = r.isStable ? "<" : "≥"
            let saddle = hasNegativeCurvature(lambdaMin: lambdaMin, r)
            let verdict: [String]
            if let critical = r.criticalLearningRate {
                verdict = saddle ? ["stable", "along", "λmax", "iff", "η < " + number(critical)]
                    : ["stable", "iff", "η < " + number(critical)]
            } else {
                verdict = ["λmax ≤ 0:", "no", "limit", "on", "η", "here"]
            }
            var out = [
                Paragraph(parts: ["λmax " + number(r.lambdaMax)] + (r.conditionNumber.map { ["κ " + number($0)] } ?? []) + ["η " + number(lr)],
                          separator: "   ", ink: .statusText),
                Paragraph(parts: ["η·λmax " + StatusBar.compact(r.product, digits: 3) + " " + comparison + " " + number(r.limit)]
                              + (limitName.isEmpty ? [] : [limitName]),
                          ink: r.isStable ? .statusText : .gauge(2)),
                Paragraph(parts: verdict, ink: .statusLabel),
            ]
            if saddle {
                out.append(Paragraph(parts: ["λmin " + number(lambdaMin) + " < 0:", "unstable", "along", "it", "at", "any", "η"],
                                     ink: .statusWarn))
            }
            return out
        case .none(_, let lr):
            return [Paragraph(parts: ["no", "stability", "limit", "known", "for", "this", "rule"], ink: .statusLabel),
                    Paragraph(parts: ["η " + number(lr)], ink: .statusLabel)]
        case .adaptive(_, let lr, let steps, let formula, let started, let axes):
            let values = steps.map { [axes[0] + " " + number($0.x), axes[1] + " " + number($0.y)] }
                ?? (started ? ["none", "yet:", "un-adapted", "steps"] : ["after", "the", "first", "step"])
            return [Paragraph(parts: ["step", formula, "per", "axis"], ink: .statusLabel),
                    Paragraph(parts: values, separator: steps == nil ? " " : "   ", ink: .statusText),
                    Paragraph(parts: ["η " + number(lr)], ink: .statusLabel)]
        }
    }

    /// The text lines below the title, unwrapped (the bar, for the curvature reading, is
    /// drawn after the second).
    public static func lines(_ content: StabilityContent) -> [String] { paragraphs(content).map(\.text) }

    /// `paragraph` in `glyphs`, wrapped between its parts to `width` columns; continuation
    /// lines start with two spaces; a part wider than a line is cut with an ellipsis.
    static func wrap(_ paragraph: Paragraph, width: Int, glyphs: Glyphs) -> [String] {
        guard width > 0 else { return [] }
        let indent = width > 8 ? "  " : ""
        var out: [String] = []
        var line = ""
        for part in paragraph.parts.map(glyphs.text) {
            if line.isEmpty {
                line = (out.isEmpty ? "" : indent) + part
            } else if line.count + paragraph.separator.count + part.count <= width {
                line += paragraph.separator + part
            } else {
                out.append(line)
                line = indent + part
            }
        }
        out.append(line)
        return out.map { HelpOverlay.cut($0, to: width, glyphs) }
    }

    /// Rows the gauge needs at `width` columns, its title included.
    public static func rows(_ content: StabilityContent, width: Int, glyphs: Glyphs) -> Int {
        let text = paragraphs(content).reduce(0) { $0 + wrap($1, width: width, glyphs: glyphs).count }
        if case .curvature = content { return 1 + text + 1 }
        return 1 + text
    }

    /// Draws the gauge into `rect`.
    public static func draw(_ content: StabilityContent, in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        let paragraphs = paragraphs(content)
        var row = rect.top + 1
        let end = rect.top + rect.rows
        func put(_ paragraph: Paragraph) {
            for line in wrap(paragraph, width: rect.columns, glyphs: glyphs) where row < end {
                SidePanels.put([StatusBar.Run(line, paragraph.ink)], in: rect, row: row, glyphs: glyphs, into: &grid)
                row += 1
            }
        }
        switch content {
        case .curvature(let name, _, let r, _, _):
            SidePanels.drawTitle(["stability", name], in: rect, glyphs: glyphs, into: &grid)
            paragraphs.prefix(2).forEach(put)
            if row < end { drawBar(r, ink: level(r), in: rect, row: row, glyphs: glyphs, into: &grid) }
            row += 1
            paragraphs.dropFirst(2).forEach(put)
        case .adaptive(let name, _, _, _, _, _), .none(let name, _):
            SidePanels.drawTitle(["step size", name], in: rect, glyphs: glyphs, into: &grid)
            paragraphs.forEach(put)
        }
    }

    /// The bar's ink: 0 well inside the limit, 1 from ``nearFraction`` of it, 2 at or beyond.
    static func level(_ r: StabilityReading) -> Ink {
        if !r.isStable { return .gauge(2) }
        return (r.isCurvatureFree || r.lambdaMax > 0) && r.product >= nearFraction * r.limit ? .gauge(1) : .gauge(0)
    }

    /// The bar: η·λmax (η for Newton) filled from the left over 0…``barSpan``·limit, the limit marked.
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

extension StabilityContent: SidePanel {
    public var panelName: String { "gauge" }
    public func sizing(width: Int, glyphs: Glyphs) -> PanelSizing { .fixed(StabilityGauge.rows(self, width: width, glyphs: glyphs)) }
    public func draw(in rect: CellRect, glyphs: Glyphs, into grid: inout CellGrid) {
        StabilityGauge.draw(self, in: rect, glyphs: glyphs, into: &grid)
    }
}
