import Foundation

/// NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), as `torch.optim.NAdam`:
///
///     g ← g + λθ                              (coupled weight decay, when λ > 0)
///     μₜ ← β₁(1 − ½·0.96^(tψ));  μₜ₊₁ ← β₁(1 − ½·0.96^((t+1)ψ))
///     Πμ ← Πμ·μₜ                              (Πμ₀ = 1: the product μ₁⋯μₜ)
///     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
///     d ← √(v / (1−β₂ᵗ)) + ε
///     θ ← θ − η(1−μₜ)/(1−Πμ) · g/d
///     θ ← θ − ημₜ₊₁/(1−Πμ·μₜ₊₁) · m/d
///
/// torch's convention: the momentum cache μₜ follows Dozat's schedule with ψ, torch's
/// `momentum_decay` (default 0.004), while m itself is averaged with the constant β₁;
/// the two terms are applied to θ one after the other (two `addcdiv_`), and ε is added to
/// √v̂ = √(v/(1−β₂ᵗ)), the square root taken after the division (unlike Adam's
/// √v/√(1−β₂ᵗ)). torch's `decoupled_weight_decay` (NAdamW) is not offered.
public struct NAdam: UpdateRule {
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0
    /// ψ, torch's `momentum_decay`, ≥ 0: how fast μₜ rises towards β₁.
    public var momentumDecay = 0.004

    public init() {}

    public struct State: Equatable, Sendable {
        /// m and v, the first and second moment estimates.
        public var m = Vector2.zero
        public var v = Vector2.zero
        /// Πμ, the product of the momentum caches μ₁⋯μₜ (torch's `mu_product`).
        public var muProduct = 1.0
    }

    public var name: String { "nadam" }
    public var summary: String {
        "NAdam (Dozat 2016, \"Incorporating Nesterov Momentum into Adam\"), torch.optim.NAdam"
    }
    public var formula: String {
        "μt ← β₁(1−½·0.96^(tψ)); Πμ ← Πμ·μt; m ← β₁m+(1−β₁)g; v ← β₂v+(1−β₂)g²; d ← √v̂ + ε; "
            + "θ ← θ − η(1−μt)/(1−Πμ)·g/d; θ ← θ − η·μt+1/(1−Πμ·μt+1)·m/d"
    }

    public static var parameters: [Parameter<NAdam>] {
        [.beta1(\.beta1),
         .beta2(\.beta2),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √v̂"),
         .coupledWeightDecay(\.weightDecay),
         Parameter("momentum-decay", symbol: "ψ", \.momentumDecay, .nonNegative,
                   help: "momentum decay ψ of the schedule μt = β₁(1 − ½·0.96^(tψ))")]
    }

    /// λ, added to the gradient (torch's coupled `weight_decay`): the instruments read it.
    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    /// μₜ = β₁(1 − ½·0.96^(tψ)), the momentum cache at step t, as torch computes it.
    public func momentumCache(_ t: Int) -> Double {
        beta1 * (1 - 0.5 * pow(0.96, Double(t) * momentumDecay))
    }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate lr: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let biasCorrection2 = 1 - pow(beta2, Double(t))
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        let mu = momentumCache(t)
        let muNext = momentumCache(t + 1)
        state.muProduct *= mu
        // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
        state.m = state.m + (g - state.m) * (1 - beta1)
        state.v = state.v * beta2 + (1 - beta2) * g * g
        // torch: denom = exp_avg_sq.div(bias_correction2).sqrt(); denom.add_(eps)
        let denominator = (state.v / biasCorrection2).squareRoot() + epsilon
        let muProductNext = state.muProduct * muNext
        // torch: param.addcdiv_(grad, denom, value=-lr*(1-mu)/(1-mu_product)), then
        // param.addcdiv_(exp_avg, denom, value=(-lr*mu_next)/(1-mu_product_next))
        var next = theta + (-lr * (1 - mu) / (1 - state.muProduct)) * g / denominator
        next = next + ((-lr * muNext) / (1 - muProductNext)) * state.m / denominator
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 { throw .zeroOverZero("m̂/(√v̂ + ε)") }
        return next
    }

    /// μt and Πμ (the same on both axes), then m, v and v̂ = v/(1−β₂ᵗ).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        let mu = momentumCache(t)
        return [MathsRow("μt", Vector2(mu, mu)), MathsRow("Πμ", Vector2(state.muProduct, state.muProduct)),
                MathsRow("m", state.m), MathsRow("v", state.v),
                MathsRow("v̂", state.v / (1 - pow(beta2, Double(t))))]
    }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    /// η/(√v̂ + ε): the step per unit of NAdam's m̂ (the blend of m and g above, with its
    /// bias corrections).
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        learningRate / ((state.v / (1 - pow(beta2, Double(t)))).squareRoot() + epsilon)
    }

    public var stepSizeFormula: String? { "η/(√v̂+ε)" }
}
