import Foundation

/// RAdam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond"), as
/// `torch.optim.RAdam`:
///
///     g ← g + λθ                              (coupled weight decay, when λ > 0)
///     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
///     m̂ ← m / (1−β₁ᵗ)
///     ρ∞ ← 2/(1−β₂) − 1;  ρₜ ← ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ)
///     if ρₜ > 5:  r ← √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
///                 θ ← θ − η·m̂·r·√(1−β₂ᵗ)/(√v + ε)     (rectified, adaptive)
///     else:       θ ← θ − η·m̂                          (un-adapted: momentum SGD)
///
/// ρₜ estimates the length of the simple moving average that v stands for; it is about t
/// for the first steps (ρ₁ = 1), so with β₂ = 0.999 the first five steps are un-adapted and
/// the rectified steps start at t = 6. torch's convention: ε is added to √v before the
/// bias correction √(1−β₂ᵗ) multiplies (`(bias_correction2 ** 0.5) / (exp_avg_sq.sqrt() + eps)`),
/// and the update is the product m̂·η·l·r in that order. torch's
/// `decoupled_weight_decay` (RAdamW) is not offered.
public struct RAdam: UpdateRule {
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// m and v, the first and second moment estimates.
        public var m = Vector2.zero
        public var v = Vector2.zero
    }

    public var name: String { "radam" }
    public var summary: String {
        "RAdam (Liu et al. 2020, \"On the Variance of the Adaptive Learning Rate and Beyond\"), torch.optim.RAdam"
    }
    public var formula: String {
        "m ← β₁m+(1−β₁)g; v ← β₂v+(1−β₂)g²; ρt ← ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ); "
            + "l ← √(1−β₂ᵗ)/(√v + ε); ρt > 5: θ ← θ − η·r·l·m̂; else θ ← θ − η·m̂"
    }

    public static var parameters: [Parameter<RAdam>] {
        [.beta1(\.beta1),
         .beta2(\.beta2),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √v"),
         .coupledWeightDecay(\.weightDecay)]
    }

    /// λ, added to the gradient (torch's coupled `weight_decay`): the instruments read it.
    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    /// ρ∞ = 2/(1−β₂) − 1, the largest length of the approximated moving average.
    public var rhoInfinity: Double { 2 / (1 - beta2) - 1 }

    /// ρₜ = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ), as torch computes it.
    public func rho(_ t: Int) -> Double {
        let step = Double(t)
        return rhoInfinity - 2 * step * pow(beta2, step) / (1 - pow(beta2, step))
    }

    /// The variance rectification term r at step t, or nil when ρₜ ≤ 5 (the step is un-adapted).
    public func rectification(_ t: Int) -> Double? {
        let rhoT = rho(t), rhoInf = rhoInfinity
        guard rhoT > 5 else { return nil }
        // torch: ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
        return pow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5)
    }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate lr: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
        state.m = state.m + (g - state.m) * (1 - beta1)
        state.v = state.v * beta2 + (1 - beta2) * g * g
        let biasCorrection1 = 1 - pow(beta1, Double(t))
        let biasCorrection2 = 1 - pow(beta2, Double(t))
        let mHat = state.m / biasCorrection1
        guard let r = rectification(t) else {
            // torch: param.add_(bias_corrected_exp_avg * lr, alpha=-1.0)
            return theta - mHat * lr
        }
        // torch: (bias_correction2 ** 0.5) / (exp_avg_sq.sqrt() + eps), a scalar divided by a
        // tensor, which torch evaluates as tensor.reciprocal() * scalar.
        let denominator = state.v.squareRoot() + epsilon
        let adaptive = (1 / denominator) * pow(biasCorrection2, 0.5)
        // torch: param.add_(bias_corrected_exp_avg * lr * adaptive_lr * rect, alpha=-1.0)
        let next = theta - mHat * lr * adaptive * r
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 {
            throw .zeroOverZero("m̂·√(1−β₂ᵗ)/(√v + ε)")
        }
        return next
    }

    /// m, v, m̂ = m/(1−β₁ᵗ), ρt (the same on both axes) and r, the rectification term
    /// (nil while the step is un-adapted, ρt ≤ 5).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        let rhoT = rho(t)
        return [MathsRow("m", state.m), MathsRow("v", state.v),
                MathsRow("m̂", state.m / (1 - pow(beta1, Double(t)))),
                MathsRow("ρt", Vector2(rhoT, rhoT)),
                MathsRow("r", rectification(t).map { Vector2($0, $0) })]
    }

    /// The smaller of the adaptive and the gradient-descent rates: RAdam's first steps
    /// (while ρₜ ≤ 5) are un-adapted, η·m̂, and at an adaptive rate they blow up on steep
    /// surfaces (rosenbrock: |g| ≈ 155 at the default start).
    public func defaultLearningRate(on rates: LearningRates) -> Double { min(rates.adaptive, rates.gradient) }

    /// r·(η/(1−β₁ᵗ))·√(1−β₂ᵗ)/(√v + ε) while the step is rectified: the step per unit of m,
    /// with m's bias correction folded in as for Adam; nil for an un-adapted step (ρt ≤ 5),
    /// which has no per-axis step size of its own.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        guard let r = rectification(t) else { return nil }
        return r * (learningRate / (1 - pow(beta1, Double(t)))) * pow(1 - pow(beta2, Double(t)), 0.5)
            / (state.v.squareRoot() + epsilon)
    }

    public var stepSizeFormula: String? { "r·η·√(1−β₂ᵗ)/(√v+ε)" }
}
