import Foundation

/// Stability of the gradient-descent family at a point, from the local curvature.
///
/// On a quadratic with Hessian eigenvalue λ, the iteration is stable iff η·λ stays below a
/// limit that depends on the update rule (linear stability of the update's 1-D recurrence;
/// each rule gives its own, ``UpdateRule/stabilityLimit``: 2 for gd, 2 + 2μ for heavy-ball
/// momentum, (2 + 2μ)/(1 + 2μ) for PyTorch's Nesterov). The reading uses λmax, the largest
/// eigenvalue of the Hessian at the point.
///
/// Newton's method is the exception (``StabilityLimit/isCurvatureFree``): its step solves
/// with the curvature, so on a nonsingular quadratic it is θ ← θ* + (1 − η)(θ − θ*) whatever
/// λ, stable iff η < 2. Its reading compares η itself with the limit.
public struct StabilityReading: Equatable, Sendable {
    /// λmax of the curvature the step sees at the point (world units: loss per
    /// parameter²): the Hessian's, plus the rule's coupled weight decay λ (g ← g + λθ
    /// adds λI).
    public var lambdaMax: Double
    /// The bound on η·λmax for this update rule (on η when ``isCurvatureFree``).
    public var limit: Double
    /// η·λmax now (η when ``isCurvatureFree``).
    public var product: Double
    /// True when the limit is on η itself, independent of λ (Newton's method).
    public var isCurvatureFree = false
    /// κ = λmax/λmin of the curvature the step sees, where the surface's Hessian is the same
    /// everywhere and positive definite (`quadratic`); nil elsewhere, where it would
    /// describe one point only.
    public var conditionNumber: Double?
    /// The largest stable learning rate here: limit / λmax (nil where λmax ≤ 0: no bound),
    /// or the limit itself when it is on η.
    public var criticalLearningRate: Double? {
        isCurvatureFree ? limit : lambdaMax > 0 ? limit / lambdaMax : nil
    }
    /// True when η·λmax (or η) is below the limit (always true where λmax ≤ 0, unless the
    /// limit is on η).
    public var isStable: Bool { isCurvatureFree ? product < limit : lambdaMax <= 0 || product < limit }

    /// The reading for a descent at its current point; nil for rules without a limit (the
    /// adaptive ones, whose per-axis step sizes are ``Optimizer/effectiveStepSizes`` instead).
    public static func at(_ descent: Descent) -> StabilityReading? {
        guard let limit = descent.optimizer.rule.stabilityLimit else { return nil }
        let eigenvalues = descent.surface.hessian(at: descent.point).eigenvalues
        let decay = descent.optimizer.rule.coupledDecay
        let lambda = eigenvalues.max + decay
        let lambdaMin = eigenvalues.min + decay
        let lr = descent.currentLearningRate
        return StabilityReading(lambdaMax: lambda, limit: limit.value, product: limit.isCurvatureFree ? lr : lr * lambda,
                                isCurvatureFree: limit.isCurvatureFree,
                                conditionNumber: descent.surface.hasConstantHessian && lambdaMin > 0 ? lambda / lambdaMin : nil)
    }
}

/// What a descent is doing, read from its recent steps: a phrase a teacher can point at.
public enum Regime: String, Sendable, CaseIterable {
    case starting = "starting"
    case monotonic = "monotonic descent"
    case oscillating = "oscillating across the valley"
    case crawling = "crawling along the floor"
    case converged = "converged"
    case diverging = "diverging"
    case escapingSaddle = "escaping a saddle"
    case noisy = "noisy descent"
    case overshooting = "overshooting"
    case localMinimum = "settling in a local minimum"

    /// The phrase shown in the status.
    public var phrase: String { rawValue }

    /// Classifies the last few rows of a trajectory (oldest first, consecutive steps).
    ///
    /// Rules, first match wins: a diverged descent, or (exact gradient) a loss that rose
    /// over each of the last three steps, is `diverging`; a converged one is `converged`; negative curvature
    /// (λmin < 0 and |λmin| ≥ 5% of |λmax|) with the steps' component along its eigenvector growing is `escaping a saddle`;
    /// (exact gradient) two successive reversals of the step along one direction (negative dot products, or
    /// one axis carrying ≥ 5% of the step alternating in sign) is `oscillating`; a loss whose
    /// recent fall per step would need over 1000 steps to reach the lowest known value is
    /// `crawling` — or `settling in a local minimum` when the point sits in a bowl (positive
    /// curvature, a Newton step under 1% of the view's diagonal) away from the known minima; a loss falling at every
    /// step is `monotonic`; anything else is `noisy` with a stochastic gradient (its ups and
    /// downs) and `overshooting` with the exact one (momentum carrying the point past the floor).
    public static func classify(_ rows: [TrajectoryPoint], status: DescentStatus, surface: any LossSurface,
                                stochastic: Bool = false) -> Regime {
        if case .diverged = status { return .diverging }
        if case .converged = status { return .converged }
        guard rows.count >= 4 else { return .starting }
        let recent = Array(rows.suffix(4))
        let losses = recent.map(\.loss)
        // A stochastic gradient's steps rise and reverse by chance: only the exact gradient's
        // do so by the surface's shape, so those rules read the exact gradient's runs only.
        if !stochastic && zip(losses, losses.dropFirst()).allSatisfy({ $1 > $0 }) { return .diverging }
        // Flung a million views away: it has blown up, even when the steps have stalled there.
        let box = surface.defaultView
        if (recent[recent.count - 1].point - box.center).norm > 1e6 * (box.width + box.height) { return .diverging }

        let steps = zip(recent, recent.dropFirst()).map { $1.point - $0.point }
        let here = recent[recent.count - 1].point
        let hessian = surface.hessian(at: here)
        let (lambdaMin, lambdaMax) = hessian.eigenvalues
        // Genuinely saddle-shaped: the negative curvature is comparable to the positive one
        // (a slightly negative λmin beside a steep wall, as just above Rosenbrock's floor,
        // is not a saddle to escape).
        if lambdaMin < 0 && -lambdaMin >= 0.05 * abs(lambdaMax) {
            // Eigenvector of λmin for [[a, b], [b, c]]: (b, λ − a), or an axis when b = 0.
            let v = hessian.xy != 0 ? Vector2(hessian.xy, lambdaMin - hessian.xx)
                : (hessian.xx <= hessian.yy ? Vector2(1, 0) : Vector2(0, 1))
            let unit = v / v.norm
            // The steps' components along the negative-curvature direction grow: moving away.
            let components = steps.map { abs(($0 * unit).sum()) }
            if zip(components, components.dropFirst()).allSatisfy({ $1 > $0 }) && losses.last! < losses.first! {
                return .escapingSaddle
            }
        }

        let pairs = zip(steps, steps.dropFirst())
        let reversing = pairs.allSatisfy { ($0 * $1).sum() < 0 }
        func axisAlternates(_ k: Int) -> Bool {
            let c = steps.map { $0[k] }
            let strong = zip(steps, c).allSatisfy { abs($1) >= 0.05 * $0.norm && $1 != 0 }
            return strong && zip(c, c.dropFirst()).allSatisfy { ($0 < 0) != ($1 < 0) }
        }
        if !stochastic && (reversing || axisAlternates(0) || axisAlternates(1)) { return .oscillating }

        let falling = zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }
        // Crawling: at the current rate, reaching the lowest known value would take more
        // than a thousand steps (a geometric rate r per step gives 1/(1 − r) steps).
        let perStep = (losses.first! - losses.last!) / Double(losses.count - 1)
        let lowest = surface.minima.map { surface.loss(at: $0) }.min() ?? (surface.isDataBacked ? 0 : nil)
        if let lowest, perStep >= 0, losses.last! - lowest > 1000 * perStep, losses.last! - lowest > 1e-9 {
            // Slow because it has arrived: a minimum (positive curvature, Newton step tiny
            // against the view) that is not one of the known low points.
            let view = surface.defaultView
            let diagonal = (view.width * view.width + view.height * view.height).squareRoot()
            let g = recent[recent.count - 1].gradient
            if lambdaMin > 0, let newton = hessian.solve(g) {
                let nearKnown = surface.minima.contains { ($0 - here).norm < 0.02 * diagonal }
                if newton.norm < 0.01 * diagonal && !nearKnown { return .localMinimum }
            }
            return .crawling
        }
        if falling { return .monotonic }
        return stochastic ? .noisy : .overshooting
    }
}
