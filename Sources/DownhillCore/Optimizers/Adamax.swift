import Foundation

/// Adamax (Kingma & Ba 2015, §7.1: Adam with the infinity norm), as `torch.optim.Adamax`:
///
///     g ← g + λθ                     (coupled weight decay, when λ > 0)
///     m ← β₁m + (1−β₁)g
///     u ← max(β₂u, |g| + ε)          (u₀ = 0)
///     θ ← θ − (η / (1−β₁ᵗ))·m / u
///
/// torch's convention: ε is added to |g| inside the maximum (the paper has none), so u is
/// never below ε; u needs no bias correction. torch's default η is 2e-3; here, as for
/// Adam, the surface's adaptive rate.
public struct Adamax: UpdateRule {
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// m, the first moment estimate.
        public var m = Vector2.zero
        /// u, the exponentially weighted infinity norm (torch's `exp_inf`).
        public var u = Vector2.zero
    }

    public var name: String { "adamax" }
    public var summary: String { "Adamax (Kingma & Ba 2015, §7.1), torch.optim.Adamax" }
    public var formula: String { "m ← β₁m+(1−β₁)g; u ← max(β₂u, |g|+ε); θ ← θ − η·m̂/u" }

    public static var parameters: [Parameter<Adamax>] {
        [.beta1(\.beta1),
         .beta2(\.beta2, help: "decay β₂ of the infinity norm u"),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to |g| in u"),
         .coupledWeightDecay(\.weightDecay)]
    }

    /// λ, added to the gradient (torch's coupled `weight_decay`): the instruments read it.
    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate lr: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        // torch: exp_avg.lerp_(grad, 1 - beta1)
        state.m = state.m + (g - state.m) * (1 - beta1)
        // torch: torch.maximum(exp_inf.mul_(beta2), grad.abs().add_(eps), out=exp_inf)
        let decayed = state.u * beta2
        let fresh = Vector2(abs(g.x), abs(g.y)) + epsilon
        state.u = Vector2(maximum(decayed.x, fresh.x), maximum(decayed.y, fresh.y))
        // torch: clr = lr / bias_correction; param.addcdiv_(exp_avg, exp_inf, value=-clr)
        let clr = lr / (1 - pow(beta1, Double(t)))
        let next = theta + -clr * state.m / state.u
        if epsilon == 0, !next.isFinite, state.u.x == 0 || state.u.y == 0 { throw .zeroOverZero("m/u") }
        return next
    }

    /// torch.maximum: the larger, NaN when either is NaN.
    private func maximum(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
    }

    /// m, u and m̂ = m/(1−β₁ᵗ).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("m", state.m), MathsRow("u", state.u), MathsRow("m̂", state.m / (1 - pow(beta1, Double(t))))]
    }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    /// (η/(1−β₁ᵗ)) / u: the step per unit of m, with m's bias correction folded in as for Adam.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        (learningRate / (1 - pow(beta1, Double(t)))) / state.u
    }

    /// m's bias correction is folded in: the step is this times m per axis.
    public var stepSizeFormula: String? { "η/(1−β₁ᵗ)/u" }
}
