/// Newton's method with the exact Hessian (SPEC §4; torch.optim has no such optimizer):
///
///     g ← g + λθ;  H ← H + λI          (coupled L2 weight decay, when λ > 0: the Hessian
///                                       of f + λ‖θ‖²/2, as the gradient is)
///     solve H·d = g                     (H: the exact Hessian of the loss at θ)
///     θ ← θ − η·d                       (η = 1: the pure Newton step)
///
/// d jumps to the stationary point of the local quadratic model f + g·δ + δ·H·δ/2, which
/// is its minimum only where H is positive definite: on a saddle (H indefinite) d leads to
/// the saddle point, and where H is negative definite to the maximum. With η = 1 it reaches
/// the minimum of a positive-definite quadratic in one step; with 0 < η < 2 it shrinks the
/// distance to the stationary point by 1 − η per step whatever the curvature (see
/// ``stabilityLimit``).
///
/// H is solved for by Cramer's rule (``SymmetricMatrix2/solve(_:)``). A singular H
/// (determinant 0) has no Newton step: the run ends there saying `singular Hessian at step
/// K`, like a divergence. The Hessian is the exact one of the surface (automatic
/// differentiation) even when the gradient is noisy or from a mini-batch.
public struct Newton: UpdateRule {
    /// λ, L2 weight decay added to the gradient (and λI to the Hessian), ≥ 0.
    public var weightDecay = 0.0

    public init() {}

    public struct State: Equatable, Sendable {
        /// d = H⁻¹g, the Newton direction of the last step.
        public var direction = Vector2.zero
        /// The eigenvalues of the H the last step solved with, smaller first.
        public var eigenvalues = Vector2.zero
    }

    public var name: String { "newton" }
    public var summary: String { "Newton's method with the exact Hessian (solve H·d = ∇f)" }
    public var formula: String { "solve H·d = g; θ ← θ − η·d" }

    public static var parameters: [Parameter<Newton>] {
        [Parameter("weight-decay", symbol: "λ", \.weightDecay, .nonNegative, help: "L2 weight decay λ (g ← g + λθ, H ← H + λI)")]
    }

    /// λ, added to the gradient (torch's coupled `weight_decay`): the instruments read it.
    public var coupledDecay: Double { weightDecay }

    public func initialState() -> State { State() }

    public func step(_ theta: Vector2, gradient: Vector2, learningRate: Double, t: Int, state: inout State,
                     hessian: (Vector2) -> SymmetricMatrix2) throws(StepFailure) -> Vector2 {
        let g = coupledWeightDecay(gradient, theta, weightDecay)
        var h = hessian(theta)
        if weightDecay != 0 {
            h.xx += weightDecay
            h.yy += weightDecay
        }
        let eigenvalues = h.eigenvalues
        state.eigenvalues = Vector2(eigenvalues.min, eigenvalues.max)
        guard let d = h.solve(g) else {
            if h.determinant == 0 { throw StepFailure("singular Hessian") }
            // A Hessian or determinant that is not finite: no number, the run diverges.
            state.direction = Vector2(.nan, .nan)
            return state.direction
        }
        state.direction = d
        return fma(d, -learningRate, theta)
    }

    /// d and the Hessian's two eigenvalues (the row's columns are λmin, λmax, not x, y).
    public func mathsRows(_ state: State, t: Int) -> [MathsRow] {
        [MathsRow("d", state.direction), MathsRow("eig H", state.eigenvalues)]
    }

    /// 1 on every surface: the full Newton step.
    public func defaultLearningRate(on rates: LearningRates) -> Double { 1 }

    /// On a quadratic with nonsingular H the step is θ ← θ* + (1 − η)(θ − θ*): stable iff
    /// 0 < η < 2, whatever the curvature, so the limit is on η itself.
    public var stabilityLimit: StabilityLimit? { StabilityLimit(2, isCurvatureFree: true) }
}
