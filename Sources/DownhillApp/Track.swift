import DownhillCore
import DownhillRender

/// One descent on screen with the past that the picture and the instruments need: its
/// trail, its loss history (the loss chart), its last few rows (the regime) and its last
/// update (the maths panel). The solo descent, each racer and each ghost is a track.
public struct Track: Sendable {
    /// The trail keeps every point up to this many; past it the older half is thinned (every
    /// other point kept), so the whole path stays on screen, recent steps in full detail and
    /// the oldest ever coarser, in bounded memory.
    public static let trailCapacity = 2000
    /// Rows kept for ``regime`` (Regime.classify reads the last four).
    static let recentCount = 8

    public internal(set) var descent: Descent
    /// Past points since the start, oldest first, world units: all of them up to
    /// ``trailCapacity`` plus a quarter, then the older ones thinned (``thinTrail(to:)``).
    public internal(set) var trail: [Vector2]
    /// The loss against step since the last restart.
    public internal(set) var losses: LossHistory
    /// The last rows, oldest first, at most ``recentCount``.
    public internal(set) var recent: [TrajectoryPoint]
    /// The last update, or nil before the first since a restart or an optimizer switch.
    public internal(set) var lastStep: StepRecord?

    init(_ descent: Descent) {
        self.descent = descent
        trail = []
        losses = LossHistory(step: 0, loss: 0)
        recent = []
        resetHistory()
    }

    /// What the descent is doing now, from its recent rows (Core's ``Regime``).
    public var regime: Regime {
        Regime.classify(recent, status: descent.status, surface: descent.surface, stochastic: !descent.source.isExact)
    }

    /// Forgets the past: the trail, the history and the recent rows start at the current row.
    mutating func resetHistory() {
        trail = [descent.point]
        losses = LossHistory(step: descent.step, loss: descent.current.loss)
        recent = [descent.current]
        lastStep = nil
    }

    /// Thins the trail to at most `count` points, never dropping its ends: the newest half
    /// kept whole, every other point of the older part kept, as often as needed.
    mutating func thinTrail(to count: Int) {
        while trail.count > count && count >= 4 {
            let recent = count / 2
            let old = trail.count - recent
            var kept: [Vector2] = []
            kept.reserveCapacity(count)
            for i in stride(from: 0, to: old, by: 2) { kept.append(trail[i]) }
            kept.append(contentsOf: trail[old...])
            trail = kept
        }
    }

    /// Restarts the descent at `start` (its own start when nil) and forgets the past.
    mutating func restart(at start: Vector2? = nil) {
        if let start { descent.restart(at: start) } else { descent.restart() }
        resetHistory()
    }

    /// Switches the update rule keeping the point (SPEC §4); the last update no longer
    /// describes the rule, so it is forgotten.
    mutating func switchRule(to rule: any UpdateRule) {
        descent.setRule(rule)
        lastStep = nil
    }

    /// Takes one update and records it; nil when the descent has diverged (then or before).
    ///
    /// The gradient of the step is recorded for the maths panel: for an exact source it is
    /// the current row's gradient; otherwise, when `probeGradient` is true, it is drawn
    /// from a copy of the gradient source, which gives exactly the gradient the step is
    /// about to use (the source is a seeded value). Without `probeGradient` a stochastic
    /// step's gradient is not recorded (the copy costs a gradient evaluation).
    @discardableResult
    mutating func advance(probeGradient: Bool) -> TrajectoryPoint? {
        let before = descent.current
        var gradient: Vector2?
        if descent.source.isExact {
            gradient = before.gradient
        } else if probeGradient {
            var probe = descent.source
            gradient = probe.gradient(of: descent.surface, at: before.point)
        }
        // The g of the rule's formula: with coupled weight decay, ∇L + λθ (the panel says so).
        let decay = descent.optimizer.rule.coupledDecay
        if decay != 0, let g = gradient { gradient = g + decay * before.point }
        guard let row = descent.advance() else { return nil }
        trail.append(row.point)
        if trail.count > Self.trailCapacity + Self.trailCapacity / 4 { thinTrail(to: Self.trailCapacity) }
        losses.record(step: row.step, loss: row.loss)
        if recent.count >= Self.recentCount { recent.removeFirst(recent.count - Self.recentCount + 1) }
        recent.append(row)
        let optimizer = descent.optimizer
        lastStep = StepRecord(t: optimizer.t, gradient: gradient, state: optimizer.mathsRows, delta: row.point - before.point)
        return row
    }
}
