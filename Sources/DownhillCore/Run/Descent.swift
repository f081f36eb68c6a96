import Foundation

/// One row of a trajectory: the point after `step` updates, with the full (true) loss and
/// gradient there, whatever gradient source drove the steps (SPEC §5).
public struct TrajectoryPoint: Equatable, Sendable {
    public var step: Int
    public var point: Vector2
    public var loss: Double
    public var gradient: Vector2

    public init(step: Int, point: Vector2, loss: Double, gradient: Vector2) {
        self.step = step
        self.point = point
        self.loss = loss
        self.gradient = gradient
    }

    /// True when the point, the loss and the gradient are all finite.
    public var isFinite: Bool { point.isFinite && loss.isFinite && gradient.isFinite }
}

/// How a descent stands.
public enum DescentStatus: Equatable, Sendable {
    /// Still stepping; the last gradient norm is above the tolerance.
    case running
    /// The full gradient norm at the current point is at most ``Descent/convergenceTolerance``.
    case converged
    /// Step `k` produced a non-finite point, loss or gradient; the descent stopped at
    /// step k − 1, the last finite point.
    case diverged(at: Int)
}

/// A gradient descent in progress: a surface, an optimizer, a gradient source and the
/// current point. This is the one engine behind `run`, `frame`, `play` and race mode.
public struct Descent: Sendable {
    /// Gradient norm at or below which a descent counts as converged (SPEC §5).
    public static let convergenceTolerance = 1e-6

    public let surface: any LossSurface
    /// The update rule, its state and η; changed through the methods below.
    public private(set) var optimizer: Optimizer
    /// Where each step's gradient comes from; changed with ``setSource(_:)``.
    public private(set) var source: GradientSource
    /// Where the descent started (and where ``restart()`` goes back to).
    public private(set) var start: Vector2
    /// The last finite row: the current point with its loss and full gradient.
    public private(set) var current: TrajectoryPoint
    public private(set) var status: DescentStatus
    /// Why the update rule could not take the step at which the descent diverged (a
    /// singular Hessian, 0/0), or nil when the step simply was not finite.
    public private(set) var failure: StepFailure?
    /// The full loss at the start (step 0), for ``stopIfRunaway(_:view:)``.
    public private(set) var startLoss: Double = 0

    /// A descent at `start`, before any update.
    public init(surface: any LossSurface, optimizer: Optimizer, source: GradientSource = GradientSource(), start: Vector2) {
        self.surface = surface
        self.optimizer = optimizer
        self.source = source
        self.start = start
        current = TrajectoryPoint(step: 0, point: start, loss: 0, gradient: .zero)
        status = .running
        failure = nil
        restart()
    }

    /// The number of updates taken.
    public var step: Int { current.step }
    public var point: Vector2 { current.point }
    public var isDiverged: Bool { if case .diverged = status { true } else { false } }

    /// Goes back to the start: step 0, fresh optimizer state, the gradient source from its seed.
    public mutating func restart() {
        optimizer.reset()
        source.reset()
        failure = nil
        current = Self.row(surface, step: 0, at: start)
        startLoss = current.loss
        status = current.isFinite ? Self.judge(current) : .diverged(at: 0)
    }

    /// Moves the start point and restarts there.
    public mutating func restart(at newStart: Vector2) {
        start = newStart
        restart()
    }

    /// η as set (the schedule's base); see ``currentLearningRate`` for the η of the next step.
    public var learningRate: Double { optimizer.baseLearningRate }
    /// ηₜ, the learning rate of the next step (where the schedule has it now).
    public var currentLearningRate: Double { optimizer.learningRate }

    /// Sets η for the next steps; the optimizer's state is kept (SPEC §4), and a running
    /// schedule's ηₜ is scaled alike.
    public mutating func setLearningRate(_ lr: Double) { optimizer.setLearningRate(lr) }

    /// Takes another learning-rate schedule, keeping the point and the optimizer's state.
    public mutating func setSchedule(_ schedule: (any LearningRateSchedule)?) { optimizer.setSchedule(schedule) }

    /// Takes `rule` as the update rule, keeping the point. The same rule with other
    /// hyperparameters keeps its state (read at the next step); another rule starts with
    /// fresh state (SPEC §4).
    public mutating func setRule(_ rule: any UpdateRule) {
        let switching = rule.name != optimizer.name
        optimizer.replaceRule(with: rule)
        if switching, case .converged = status { status = .running }
    }

    /// Takes another gradient source for the next steps, keeping the point.
    public mutating func setSource(_ source: GradientSource) { self.source = source }

    /// Takes one update and returns the new row, or nil when the descent has diverged
    /// (then or earlier): a row that is not finite is never recorded.
    /// A converged descent keeps stepping when asked (the gradient may be noisy).
    @discardableResult
    public mutating func advance() -> TrajectoryPoint? {
        if isDiverged { return nil }
        // The full gradient at the current point is already in the current row.
        let g = source.isExact ? current.gradient : source.gradient(of: surface, at: current.point)
        let next: Vector2
        do {
            next = try optimizer.step(current.point, gradient: g, on: surface)
        } catch {
            failure = error
            status = .diverged(at: current.step + 1)
            return nil
        }
        let row = Self.row(surface, step: current.step + 1, at: next)
        guard row.isFinite else {
            status = .diverged(at: row.step)
            return nil
        }
        current = row
        status = Self.judge(row)
        return row
    }

    /// Ends the descent at its current step when it has run away by `limits` (play's prompt
    /// divergence; `run` never calls this and keeps SPEC §5's non-finite rule). The current
    /// row is kept (it is finite), the status becomes `diverged(at:)` the current step and
    /// ``failure`` says why. `view` is the part of the plane on screen (world units).
    /// - Returns: true when it stopped the descent.
    @discardableResult
    public mutating func stopIfRunaway(_ limits: RunawayLimits, view: ViewBox) -> Bool {
        guard !isDiverged, let reason = limits.reason(loss: current.loss, startLoss: startLoss, point: current.point, view: view)
        else { return false }
        failure = StepFailure("diverged", why: reason)
        status = .diverged(at: current.step)
        return true
    }

    static func row(_ surface: any LossSurface, step: Int, at p: Vector2) -> TrajectoryPoint {
        guard p.isFinite else { return TrajectoryPoint(step: step, point: p, loss: .nan, gradient: Vector2(.nan, .nan)) }
        return TrajectoryPoint(step: step, point: p, loss: surface.loss(at: p), gradient: surface.gradient(at: p))
    }

    static func judge(_ row: TrajectoryPoint) -> DescentStatus {
        row.gradient.norm <= convergenceTolerance ? .converged : .running
    }
}

/// When `play` calls a descent diverged before its numbers overflow: the loss has grown by
/// ``lossGrowth`` over its start, or the point is ``viewWidths`` view widths from the view's
/// centre. With 20 steps a second, waiting for a non-finite value (SPEC §5) can take
/// minutes (`--lr 0.11` on `valley`: about 2,000 steps); these limits call it within
/// seconds, long after any picture could show the run again.
public struct RunawayLimits: Equatable, Sendable {
    /// The loss has grown by this factor of its start's size: L − L₀ ≥ growth · max(|L₀|, 1).
    public var lossGrowth: Double
    /// The point is at least this many view sizes (the larger of width and height) from the
    /// view's centre.
    public var viewWidths: Double

    public init(lossGrowth: Double = 1e12, viewWidths: Double = 1e6) {
        self.lossGrowth = lossGrowth
        self.viewWidths = viewWidths
    }

    /// Why a run at `point` with `loss` (started at `startLoss`) has run away, in a few
    /// words (`loss grew 1e12-fold`), or nil when it has not.
    public func reason(loss: Double, startLoss: Double, point: Vector2, view: ViewBox) -> String? {
        if loss - startLoss >= lossGrowth * max(abs(startLoss), 1) {
            return "the loss grew \(Self.text(lossGrowth))-fold over its start (lower η)"
        }
        let size = max(view.width, view.height)
        if (point - view.center).norm >= viewWidths * size {
            return "the point is \(Self.text(viewWidths)) view widths away (lower η)"
        }
        return nil
    }

    /// A power of ten as `10¹²`; any other number in its shortest form.
    static func text(_ v: Double) -> String {
        let k = log10(v).rounded()
        guard v > 0, v == pow(10, k), abs(k) < 100 else { return SettingsError.text(v) }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(Int(k)).map { superscripts[$0] ?? $0 })
    }
}
