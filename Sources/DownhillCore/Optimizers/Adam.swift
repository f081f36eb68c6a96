import Foundation

/// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), as `torch.optim.Adam`
/// and `torch.optim.AdamW`:
///
///     g ← g + λθ                  (adam: coupled weight decay, when λ > 0)
///     θ ← θ·(1 − η·λ)             (adamw: decoupled weight decay, scaled by η as torch does)
///     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
///     v̄ ← max(v̄, v)               (amsgrad only: Reddi et al. 2018; v̄₀ = 0)
///     θ ← θ − (η / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε)   (√v̄ for v with amsgrad)
///
/// ε is added to √v̂ (the paper's Algorithm 1), not to √v as in its efficient variant.
public struct Adam: UpdateRule {
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ: L2 weight decay added to the gradient (adam, default 0), or decoupled decay of
    /// θ (adamw, default 0.01).
    public var weightDecay: Double
    /// True for AdamW's decoupled weight decay.
    public var decoupled: Bool
    /// True for AMSGrad: divide by the largest v so far (torch's `amsgrad=True`).
    public var amsgrad = false

    public init(decoupled: Bool = false) {
        self.decoupled = decoupled
        weightDecay = decoupled ? 0.01 : 0
    }

    public struct State: Equatable, Sendable {
        /// m and v, the first and second moment estimates.
        public var m = Vector2.zero
        public var v = Vector2.zero
        /// v̄, the largest v so far (amsgrad only).
        public var vMax = Vector2.zero
    }

    public var name: String { decoupled ? "adamw" : "adam" }
    public var summary: String {
        decoupled ? "AdamW (Loshchilov & Hutter 2019), torch.optim.AdamW" : "Adam (Kingma & Ba 2015), torch.optim.Adam"
    }
    public var formula: String {
        let adam = amsgrad ? "m ← β₁m+(1−β₁)g; v ← β₂v+(1−β₂)g²; vmax ← max(vmax, v); v̂ ← vmax/(1−β₂ᵗ); θ ← θ − η·m̂/(√v̂ + ε)"
            : "m ← β₁m+(1−β₁)g; v ← β₂v+(1−β₂)g²; θ ← θ − η·m̂/(√v̂ + ε)"
        return decoupled ? "θ ← θ(1−ηλ); then " + (amsgrad ? adam : "Adam") : adam
    }

    public static var parameters: [Parameter<Adam>] {
        [.beta1(\.beta1),
         .beta2(\.beta2),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √v̂"),
         Parameter(flag: "amsgrad", \.amsgrad, help: "AMSGrad: divide by the largest v so far"),
         Parameter("weight-decay", symbol: "λ", \.weightDecay, .nonNegative,
                   help: "weight decay λ (adam: g ← g + λθ; adamw: θ ← θ(1 − ηλ))")]
    }

    /// λ when it is added to the gradient (adam); AdamW's decoupled decay is not.
    public var coupledDecay: Double { decoupled ? 0 : weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate lr: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        var theta = theta
        var g = gradient
        if decoupled {
            theta *= 1 - lr * weightDecay
        } else {
            g = coupledWeightDecay(g, theta, weightDecay)
        }
        // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
        state.m = state.m + (g - state.m) * (1 - beta1)
        state.v = state.v * beta2 + (1 - beta2) * g * g
        if amsgrad { state.vMax = pointwiseMax(state.vMax, state.v) }  // torch.maximum(max_exp_avg_sqs, exp_avg_sq)
        let c = corrections(t)
        let denominator = (amsgrad ? state.vMax : state.v).squareRoot() / c.second.squareRoot() + epsilon
        let next = theta - (lr / c.first) * state.m / denominator
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 { throw .zeroOverZero("m̂/(√v̂ + ε)") }
        return next
    }

    /// The bias corrections after t steps, 1 − β₁ᵗ and 1 − β₂ᵗ, as torch computes them.
    func corrections(_ t: Int) -> (first: Double, second: Double) {
        (1 - pow(beta1, Double(t)), 1 - pow(beta2, Double(t)))
    }

    /// m, v and the bias-corrected m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        let c = corrections(t)
        return [MathsRow("m", state.m), MathsRow("v", state.v)] + (amsgrad ? [MathsRow("vmax", state.vMax)] : [])
            + [MathsRow("m̂", state.m / c.first), MathsRow("v̂", (amsgrad ? state.vMax : state.v) / c.second)]
    }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    /// (η/(1−β₁ᵗ)) / (√v̂ + ε): the step per unit of m, with m's bias correction folded in.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        let c = corrections(t)
        return (learningRate / c.first) / (((amsgrad ? state.vMax : state.v) / c.second).squareRoot() + epsilon)
    }

    /// m's bias correction is folded in: the step is this times m per axis.
    public var stepSizeFormula: String? { "η/(1−β₁ᵗ)/(√v̂+ε)" }
}
