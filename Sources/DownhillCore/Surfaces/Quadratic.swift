import Foundation

/// `quadratic` (SPEC §2): λ₁u² + λ₂v² with (u, v) = (x cos φ + y sin φ, −x sin φ + y cos φ),
/// λ₁ = 1 and λ₂ = K: the valley with its two knobs, the condition number κ = K
/// (`--condition`, default 10) and the angle φ in degrees (`--angle`, default 0) by which
/// the valley is turned. With the defaults it is `valley`, x² + 10y², computed with the
/// same operations in the same order, so its runs equal valley's row for row.
///
/// Its Hessian is 2·R(φ)ᵀ·diag(1, K)·R(φ) everywhere, with eigenvalues 2 and 2K: gradient
/// descent is stable iff η < 2/λmax = 1/max(1, K), and its default η is 0.8 of that (valley's
/// 0.08 at K = 10).
public struct QuadraticSurface: LossSurface {
    public static let defaultCondition = 10.0
    public static let defaultAngle = 0.0

    /// K = λ₂/λ₁ > 0.
    public let condition: Double
    /// φ, degrees.
    public let angle: Double
    let base: AnalyticSurface<Field>

    /// - Parameters:
    ///   - condition: K > 0, finite.
    ///   - angle: φ in degrees, finite.
    public init(condition: Double = defaultCondition, angle: Double = defaultAngle) {
        self.condition = condition
        self.angle = angle
        let (c, s) = Self.cosSin(degrees: angle)
        let k = SettingsError.text(condition)
        let formula = s == 0 && c == 1 ? "x² + \(k)y²" : "u² + \(k)v², (u,v) = (x,y) turned \(SettingsError.text(angle))°"
        base = AnalyticSurface("quadratic", formula, view: ViewBox(x: -3...3, y: -3...3), minima: [Vector2(0, 0)],
                               start: Vector2(-2.5, 1.0), rates: (0.8 / max(1, condition), 0.05),
                               Field(lambda2: condition, cos: c, sin: s))
    }

    /// cos φ and sin φ, exact at multiples of 90° (cos 90° is 0, not 6e-17).
    static func cosSin(degrees: Double) -> (Double, Double) {
        let turned = degrees.truncatingRemainder(dividingBy: 360)
        switch turned {
        case 0: return (1, 0)
        case 90, -270: return (0, 1)
        case 180, -180: return (-1, 0)
        case 270, -90: return (0, -1)
        default:
            let r = turned * Double.pi / 180
            return (Foundation.cos(r), Foundation.sin(r))
        }
    }

    /// λ₁u² + λ₂v² with λ₁ = 1; unturned (φ a multiple of 360°) it is x·x + K·y·y, exactly
    /// valley's x * x + 10 * y * y.
    public struct Field: ScalarField {
        let lambda2: Double
        let cos: Double
        let sin: Double
        public func callAsFunction<T: SurfaceScalar>(_ x: T, _ y: T) -> T {
            let k = T(constant: lambda2)
            if sin == 0 && cos == 1 { return x * x + k * y * y }
            let c = T(constant: cos), s = T(constant: sin)
            let u: T = c * x + s * y
            let v: T = c * y - s * x
            return u * u + k * v * v
        }
    }

    public var name: String { "quadratic" }
    public var identity: SurfaceIdentity {
        SurfaceIdentity("quadratic \(SettingsError.text(condition)) \(SettingsError.text(angle))")
    }
    public var formula: String { base.formula }
    public var defaultView: ViewBox { base.defaultView }
    public var minima: [Vector2] { base.minima }
    public var defaultStart: Vector2 { base.defaultStart }
    public var defaultLearningRates: LearningRates { base.defaultLearningRates }
    public var hasConstantHessian: Bool { true }
    /// The options that differ from the defaults (what a setup needs to build it again).
    public var surfaceOptions: SurfaceOptions {
        SurfaceOptions(condition: condition == Self.defaultCondition ? nil : condition,
                       angle: angle == Self.defaultAngle ? nil : angle)
    }
    public func loss(at p: Vector2) -> Double { base.loss(at: p) }
    public func gradient(at p: Vector2) -> Vector2 { base.gradient(at: p) }
    public func hessian(at p: Vector2) -> SymmetricMatrix2 { base.hessian(at: p) }
}

/// The options of a surface itself (SPEC §2), refused for a surface that does not take them.
public struct SurfaceOptions: Equatable, Sendable {
    /// `--condition K`: quadratic's κ = λ₂/λ₁ (> 0).
    public var condition: Double?
    /// `--angle DEG`: quadratic's φ, degrees.
    public var angle: Double?

    public init(condition: Double? = nil, angle: Double? = nil) {
        self.condition = condition
        self.angle = angle
    }

    /// The option names, without dashes, in the order they are printed.
    public static let names = ["condition", "angle"]

    /// The options given, by name, in ``names`` order.
    public var given: [(name: String, value: Double)] {
        [("condition", condition), ("angle", angle)].compactMap { name, v in v.map { (name, $0) } }
    }

    public var isEmpty: Bool { condition == nil && angle == nil }

    /// Checks the values and that `surface` (a name or a formula) takes them.
    /// - Throws: ``SettingsError``: a value out of range, or an option of another surface.
    public func check(for surface: String) throws(SettingsError) {
        if let condition, !(condition > 0 && condition.isFinite) {
            throw .invalid(option: "--condition", value: SettingsError.text(condition), expected: "a finite number > 0")
        }
        if let angle, !angle.isFinite {
            throw .invalid(option: "--angle", value: SettingsError.text(angle), expected: "a finite number of degrees")
        }
        if surface != "quadratic", let (name, _) = given.first {
            throw .surfaceOption(option: "--" + name, surface: surface, takenBy: "quadratic")
        }
    }
}
