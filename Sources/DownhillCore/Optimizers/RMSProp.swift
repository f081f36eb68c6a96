/// RMSProp (Tieleman & Hinton 2012, lecture 6e), `torch.optim.RMSprop` (not centred, no
/// momentum):
///
///     g ← g + λθ                   (coupled weight decay, when λ > 0)
///     s ← α·s + (1−α)·g²           (s₀ = 0)
///     θ ← θ − η·g / (√s + ε)       (ε outside the square root)
public struct RMSProp: UpdateRule {
    /// α, the smoothing constant, in [0, 1).
    public var alpha = 0.99
    /// ε, ≥ 0.
    public var epsilon = 1e-8
    /// λ, L2 weight decay added to the gradient, ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// s, the running average of squared gradients.
        public var squareAverage = Vector2.zero
    }

    public var name: String { "rmsprop" }
    public var summary: String { "RMSProp (Tieleman & Hinton 2012), torch.optim.RMSprop" }
    public var formula: String { "s ← α·s + (1−α)·g²;  θ ← θ − η·g/(√s + ε)" }

    public static var parameters: [Parameter<RMSProp>] {
        [Parameter("alpha", symbol: "α", \.alpha, .unitInterval, help: "smoothing constant α", analogues: ["beta2"]),
         Parameter("eps", symbol: "ε", \.epsilon, .nonNegative, help: "ε added to √s"),
         Parameter("weight-decay", symbol: "λ", \.weightDecay, .nonNegative, help: "L2 weight decay λ (g ← g + λθ)")]
    }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        state.squareAverage = state.squareAverage * alpha + (1 - alpha) * g * g
        let denominator = state.squareAverage.squareRoot() + epsilon
        let next = theta - learningRate * g / denominator
        if epsilon == 0, !next.isFinite, denominator.x == 0 || denominator.y == 0 { throw .zeroOverZero("g/(√s + ε)") }
        return next
    }

    public func mathsRows(_ state: State, t: Int) -> [MathsRow] { [MathsRow("s", state.squareAverage)] }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.adaptive }

    public func effectiveStepSizes(_ state: State, t: Int, learningRate: Double) -> Vector2? {
        learningRate / (state.squareAverage.squareRoot() + epsilon)
    }

    public var stepSizeFormula: String? { "η/(√s+ε)" }
}
