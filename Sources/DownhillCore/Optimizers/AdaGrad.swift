/// AdaGrad (Duchi, Hazan & Singer 2011), `torch.optim.Adagrad`:
///
///     g ← g + λθ                 (coupled weight decay, when λ > 0)
///     s ← s + g²                 (s₀ = A: torch's initial_accumulator_value, default 0;
///                                 Keras starts at 0.1, a real difference early on)
///     ηₜ = η / (1 + (t − 1)·δ)    (δ: torch's lr_decay, default 0)
///     θ ← θ − ηₜ·g / (√s + ε)    (ε added after the square root)
public struct AdaGrad: UpdateRule {
    /// ε, ≥ 0 (torch's default 1e-10).
    public var epsilon = 1e-10
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0
    /// δ, torch's `lr_decay`, ≥ 0.
    public var learningRateDecay = 0.0
    /// A, torch's `initial_accumulator_value`: where s starts, ≥ 0.
    public var initialAccumulator = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// s, the sum of squared gradients.
        public var sum = Vector2.zero
    }

    public var name: String { "adagrad" }
    public var summary: String { "AdaGrad (Duchi et al. 2011), torch.optim.Adagrad" }
    public var formula: String {
        learningRateDecay == 0 ? "s ← s + g²;  θ ← θ − η·g/(√s + ε)" : "s ← s + g²;  ηₜ ← η/(1 + (t−1)δ);  θ ← θ − ηₜ·g/(√s + ε)"
    }

    public static var parameters: [Parameter<AdaGrad>] {
        [Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √s"),
         Parameter("lr-decay", symbol: "δ", \.learningRateDecay, .nonNegative, help: "learning-rate decay δ: ηₜ = η/(1 + (t−1)δ)"),
         Parameter("initial-accumulator", symbol: "s₀", \.initialAccumulator, .nonNegative, help: "where the sum of squares s starts"),
         .coupledWeightDecay(\.weightDecay)]
    }

    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State(sum: Vector2(repeating: initialAccumulator)) }

    /// ηₜ = η / (1 + (t − 1)·δ), torch's `clr`.
    func decayed(_ learningRate: Double, t: Int) -> Double {
        learningRateDecay == 0 ? learningRate : learningRate / (1 + Double(t - 1) * learningRateDecay)
    }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        state.sum = fma(g, g, state.sum)  // state_sum.addcmul_(grad, grad)
        let denominator = state.sum.squareRoot() + epsilon
        let next = theta - decayed(learningRate, t: t) * g / denominator
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 { throw .zeroOverZero("g/(√s + ε)") }
        return next
    }

    public func mathsRows(_ state: State, t: Int) -> [MathsRow] { [MathsRow("s", state.sum)] }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        decayed(learningRate, t: t) / (state.sum.squareRoot() + epsilon)
    }

    public var stepSizeFormula: String? { "η/(√s+ε)" }
}
