import DownhillCore
import DownhillRender

/// The landscape instruments (SPEC §9): the η sweep (`w`) and the basin map (`a`).
///
/// Both are many whole runs, too much work for one frame on a large data set or a fine
/// map, and the model is pure (no threads, no clock): so each is a computation that keeps
/// its progress (``ProgressiveSweep``, ``BasinMap``) and every tick computes a chunk of
/// about ``instrumentWorkPerTick`` updates, then the screen shows what is done. While work
/// is pending the loop ticks (``needsTicks``) at 30 a second even when paused; a key
/// waits at most one chunk. A change of what they depend on starts them again; what they
/// do not depend on (the sweep: η within its range; the map: the start) leaves them be.
extension Model {
    /// K, the updates of every run of the η sweep and the basin map.
    public static let instrumentSteps = 100
    /// The η of the sweep panel.
    public static let sweepPoints = 40
    /// Updates per tick for the instruments together on an analytic surface (about 6 ms of
    /// gd on rosenbrock, 20 ms on a formula with exp and sin); fewer on a data set, where an
    /// update costs a pass over the rows.
    public static let instrumentWorkPerTick = 200_000

    /// True while an open instrument has runs left to compute.
    public var hasPendingWork: Bool {
        (isOpen("sweep") && sweepWork?.isComplete == false) || (isOpen("basins") && basinWork?.isComplete == false)
    }

    /// The updates a tick may spend.
    var workBudget: Int {
        let rows = descent.surface.sampleCount ?? 0
        return max(Self.instrumentSteps, Self.instrumentWorkPerTick * 50 / (50 + rows))
    }

    /// Computes one chunk of the pending instruments (the sweep first, it is smaller).
    /// Returns true when something new can be drawn.
    mutating func advanceInstruments() -> Bool {
        var budget = workBudget
        var progressed = false
        if isOpen("sweep"), var work = sweepWork, !work.isComplete {
            let before = work.rows.count
            progressed = work.advance(budget: budget) || progressed
            budget -= (work.rows.count - before) * max(1, work.steps)
            sweepWork = work
        }
        if budget > 0, isOpen("basins"), var work = basinWork, !work.isComplete {
            progressed = work.advance(budget: budget) || progressed
            basinWork = work
        }
        return progressed
    }

    /// Computes the open instruments to the end (`frame`, which draws one finished screen).
    public mutating func finishInstruments() {
        sweepWork?.finish()
        basinWork?.finish()
    }

    /// The sweep's range of η: a hundredth to ten times the surface's default for the
    /// rule (as `downhill sweep`), widened to keep the current η well inside it.
    func sweepRange(_ d: Descent) -> (low: Double, high: Double) {
        let base = d.surface.defaultLearningRate(for: d.optimizer.rule)
        return (min(base / 100, d.learningRate / 3), max(base * 10, d.learningRate * 3))
    }

    /// True when `a` and `b` are the same run apart from where they are now: surface,
    /// rule and options, schedule, gradient source, and (when asked) η and start.
    static func sameRun(_ a: Descent, _ b: Descent, rate: Bool, start: Bool) -> Bool {
        a.surface.identity == b.surface.identity
            && OptimizerSetup(rule: a.optimizer.rule, learningRate: rate ? a.learningRate : nil, schedule: a.optimizer.schedule)
            == OptimizerSetup(rule: b.optimizer.rule, learningRate: rate ? b.learningRate : nil, schedule: b.optimizer.schedule)
            && a.source.mode == b.source.mode && a.source.noise == b.source.noise && a.source.seed == b.source.seed
            && (!start || a.start == b.start)
    }

    /// Starts, keeps or drops each instrument after a message: dropped when its panel is
    /// closed, started again when the run it shows changed. Returns true when one started.
    mutating func syncInstruments() -> Bool {
        var restarted = false
        let d = descent
        if isOpen("sweep") {
            let (low, high) = sweepRange(d)
            if let work = sweepWork, Self.sameRun(work.template, d, rate: false, start: true),
               work.learningRates.first == low, work.learningRates.last == high {
            } else {
                sweepWork = ProgressiveSweep(template: d, learningRates: Sweep.learningRates(from: low, to: high, points: Self.sweepPoints),
                                             steps: Self.instrumentSteps)
                restarted = true
            }
        } else {
            sweepWork = nil
        }
        if isOpen("basins") {
            let viewport = raster.viewport
            if let work = basinWork, Self.sameRun(work.template, d, rate: true, start: false), work.box == viewport.box,
               work.columns == viewport.area.columns, work.rows == viewport.area.rows {
            } else {
                basinWork = BasinMap(template: d, columns: viewport.area.columns, rows: viewport.area.rows, box: viewport.box,
                                     steps: Self.instrumentSteps)
                restarted = true
            }
        } else {
            basinWork = nil
        }
        return restarted
    }

    /// The `w` panel's content.
    var sweepContent: SweepContent? {
        guard let work = sweepWork else { return nil }
        let d = descent
        // The critical η at the start's curvature (the sweep's runs all start there).
        var atStart = work.template
        atStart.restart()
        let critical = StabilityReading.at(atStart).flatMap { $0.isCurvatureFree ? nil : $0.criticalLearningRate }
        return SweepContent(optimizer: d.optimizer.name, steps: work.steps, learningRates: work.learningRates, rows: work.rows,
                            startLoss: atStart.current.loss, current: d.learningRate, critical: critical)
    }

    /// The `a` legend's content.
    var basinLegend: BasinLegendContent? { basinWork.map(BasinLegendContent.init) }
}
