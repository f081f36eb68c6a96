/// Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of Optimization
/// Algorithms", Program 1), as SPEC §4 writes it (torch.optim has no Lion):
///
///     c ← β₁·m + (1−β₁)·g              (the update's direction, before the sign)
///     θ ← θ·(1 − η·λ) − η·sign(c)      (decoupled weight decay, scaled by η as AdamW's)
///     m ← β₂·m + (1−β₂)·g              (m₀ = 0)
///
/// sign(0) = 0, so an axis where c is exactly 0 does not move. Every other axis moves by
/// exactly η at every step, whatever the size of g: Lion's steps have the size of Adam's
/// first one everywhere, so it wants a smaller η than Adam (the paper: 3–10× smaller than
/// AdamW's) and settles into a zigzag of amplitude about η around a minimum instead of
/// converging. Two averages with different decays: c leans on the new gradient
/// (β₁ = 0.9), m remembers longer (β₂ = 0.99).
public struct Lion: UpdateRule {
    /// β₁, the weight of m in the update direction c, in [0, 1).
    public var beta1 = 0.9
    /// β₂, the decay of the momentum m, in [0, 1).
    public var beta2 = 0.99
    /// λ, decoupled weight decay, ≥ 0 (θ ← θ(1 − ηλ)).
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// m, the momentum (an exponential average of g with decay β₂).
        public var m = Vector2.zero
        /// c, the interpolation of the last step, whose sign was the step.
        public var c = Vector2.zero
    }

    public var name: String { "lion" }
    public var summary: String { "Lion (Chen et al. 2023, \"Symbolic Discovery of Optimization Algorithms\")" }
    public var formula: String { "c ← β₁·m+(1−β₁)·g; θ ← θ·(1−η·λ) − η·sign(c); m ← β₂·m+(1−β₂)·g" }

    public static var parameters: [Parameter<Lion>] {
        [.beta1(\.beta1, help: "weight β₁ of m in the direction c"),
         .beta2(\.beta2, help: "decay β₂ of the momentum m"),
         Parameter("weight-decay", symbol: "λ", \.weightDecay, .nonNegative, help: "decoupled weight decay λ (θ ← θ(1 − ηλ))")]
    }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient g: Vector2, learningRate lr: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        // The reference implementations' order (lion-pytorch, optax.lion): decay θ, take the
        // sign of c, then update m.
        let decayed = weightDecay == 0 ? theta : theta * (1 - lr * weightDecay)
        state.c = fma(g, 1 - beta1, state.m * beta1)
        let next = fma(torchSign(state.c), -lr, decayed)
        state.m = fma(g, 1 - beta2, state.m * beta2)
        return next
    }

    /// c, its sign (the step, up to −η), and m.
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("c", state.c), MathsRow("sign c", torchSign(state.c)), MathsRow("m", state.m)]
    }

    /// A tenth of the adaptive rules' rate (the paper's 3–10× below AdamW, at the cautious
    /// end): every step is ±η per axis, so η is both the speed and the size of the final
    /// zigzag. At a tenth, 1000 steps from each built-in surface's start reach the minimum
    /// of bowl, valley, booth, matyas, himmelblau and goldstein-price (loss within 1e-14);
    /// at a third the early steps are three times longer, but booth stays in a cycle of
    /// size η around its minimum (loss 0.08) and goldstein-price is still 0.04 above its.
    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive / 10 }

    /// η on every axis where c ≠ 0, 0 where c = 0: the size of the last step (world units,
    /// not per unit of gradient), before weight decay.
    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        let s = torchSign(state.c)
        return learningRate * Vector2(abs(s.x), abs(s.y))
    }

    public var stepSizeFormula: String? { "η·|sign(c)|" }
}
