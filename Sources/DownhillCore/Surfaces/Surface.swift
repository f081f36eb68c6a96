/// A differentiable loss surface L(x, y) over a two-dimensional parameter space.
///
/// Points are in world units (the surface's own coordinates). Gradients and Hessians are
/// exact, never finite differences: analytic surfaces get them by forward-mode automatic
/// differentiation (``Dual``, ``Jet``), data-backed ones from closed forms.
public protocol LossSurface: Sendable {
    /// The name used on the command line (`rosenbrock`, `linear-regression`).
    var name: String { get }
    /// What makes this surface this function: equal identities give equal losses
    /// everywhere (the name for a built-in, plus the data for a data-backed one). Caches of
    /// what a surface draws key on it.
    var identity: SurfaceIdentity { get }
    /// The formula as one line of text, for `list` and the help overlay.
    var formula: String { get }
    /// The part of parameter space shown by default.
    var defaultView: ViewBox { get }
    /// Known minimizers (empty when the surface has none, like `saddle`).
    var minima: [Vector2] { get }
    /// The start used when none is given: a point that shows the surface's character.
    var defaultStart: Vector2 { get }
    /// The default learning rates of the gradient-descent family and of the adaptive
    /// rules; each update rule picks its own (``UpdateRule/defaultLearningRate(on:)``).
    var defaultLearningRates: LearningRates { get }
    /// L at the point.
    func loss(at p: Vector2) -> Double
    /// ∇L at the point.
    func gradient(at p: Vector2) -> Vector2
    /// The Hessian ∇²L at the point.
    func hessian(at p: Vector2) -> SymmetricMatrix2
    /// The loss for drawing the surface: equal to ``loss(at:)`` for analytic surfaces and
    /// small data sets; for large data sets an approximation from a binned summary of the
    /// data, so a contour raster costs the same whatever the data size.
    func previewLoss(at p: Vector2) -> Double
    /// The data set of a data-backed surface, nil for an analytic one.
    var dataset: Dataset? { get }
    /// The same model over other data (data-backed surfaces; an analytic one returns itself).
    func replacingData(_ data: Dataset) -> any LossSurface
    /// The gradient of the mean loss over the given rows (data-backed surfaces only; an
    /// analytic surface returns the full gradient).
    func gradient(at p: Vector2, rows: ArraySlice<Int>) -> Vector2
    /// What `--surface` takes to give this surface: its name, or a formula's normal form.
    var surfaceArgument: String { get }
    /// The surface's own options that a setup must give to build it again (quadratic's
    /// condition and angle where they are not the defaults); empty for most.
    var surfaceOptions: SurfaceOptions { get }
    /// True when the Hessian is the same everywhere (a quadratic): then its condition
    /// number λmax/λmin describes the whole surface and the gauge shows it.
    var hasConstantHessian: Bool { get }
}

extension LossSurface {
    public var identity: SurfaceIdentity { SurfaceIdentity(name) }
    public var dataset: Dataset? { nil }
    public func replacingData(_ data: Dataset) -> any LossSurface { self }
    public func previewLoss(at p: Vector2) -> Double { loss(at: p) }
    public func gradient(at p: Vector2, rows: ArraySlice<Int>) -> Vector2 { gradient(at: p) }
    public var surfaceArgument: String { name }
    public var surfaceOptions: SurfaceOptions { SurfaceOptions() }
    public var hasConstantHessian: Bool { false }
    /// The number of rows of a data-backed surface, nil for an analytic one.
    public var sampleCount: Int? { dataset?.count }
    /// The names of the two parameters as the screen labels them: `x`, `y`, or on a
    /// data-backed surface `w`, `b` (slope and intercept; the data's own columns are x, y).
    /// `run` output keeps the column names `x`, `y` for compatibility.
    public var parameterNames: [String] { dataset == nil ? ["x", "y"] : ["w", "b"] }
    /// True for surfaces defined by a data set.
    public var isDataBacked: Bool { dataset != nil }
    /// The learning rate used when none is given for `rule` on this surface.
    public func defaultLearningRate(for rule: any UpdateRule) -> Double {
        rule.defaultLearningRate(on: defaultLearningRates)
    }
}

/// What identifies a loss surface's function (see ``LossSurface/identity``).
public struct SurfaceIdentity: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}
