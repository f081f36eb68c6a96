/// Plain (stochastic) gradient descent, `torch.optim.SGD(momentum=0)`:
/// g ← g + λθ (coupled weight decay, when λ > 0); θ ← θ − η·g.
public struct GD: UpdateRule {
    /// λ, L2 weight decay added to the gradient (torch's `weight_decay`), ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {}

    public var name: String { "gd" }
    public var summary: String { "gradient descent, torch.optim.SGD" }
    public var formula: String { "θ ← θ − η·g" }

    public static var parameters: [Parameter<GD>] {
        [Parameter("weight-decay", symbol: "λ", \.weightDecay, .nonNegative,
                   help: "weight decay λ: g ← g + λθ (adamw, lion: θ ← θ(1 − ηλ))")]
    }

    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient g: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        fma(coupledWeightDecay(g, theta, weightDecay), -learningRate, theta)  // param.add_(grad, alpha=-lr)
    }

    public func mathsRows(_ state: State, t: Int) -> [MathsRow] { [] }

    public func defaultLearningRate(on rates: LearningRates) -> Double { rates.gradient }

    /// θ ← (1 − ηλ)θ on a quadratic: stable iff ηλ < 2.
    public var stabilityLimit: StabilityLimit? { StabilityLimit(2) }
}
