import Foundation

/// A learning-rate sweep computed a piece at a time (the `w` panel, SPEC §9): the rows of
/// ``Sweep/row(_:learningRate:steps:)`` for each η in order, so an interactive caller can
/// spend a bounded amount of work per frame and draw what is done.
public struct ProgressiveSweep: Sendable {
    /// The run swept: its surface, rule and options, schedule, gradient source and start.
    public let template: Descent
    public let learningRates: [Double]
    /// K, the updates of each run.
    public let steps: Int
    /// The rows computed so far, in ``learningRates`` order.
    public private(set) var rows: [SweepRow] = []

    public init(template: Descent, learningRates: [Double], steps: Int) {
        self.template = template
        self.learningRates = learningRates
        self.steps = steps
        rows.reserveCapacity(learningRates.count)
    }

    public var isComplete: Bool { rows.count == learningRates.count }

    /// Computes whole rows until about `budget` updates were spent (at least one row when
    /// any is left). Returns true when a row was added.
    @discardableResult
    public mutating func advance(budget: Int) -> Bool {
        var spent = 0
        var added = false
        while !isComplete && (spent == 0 || spent + steps <= budget) {
            rows.append(Sweep.row(template, learningRate: learningRates[rows.count], steps: steps))
            spent += max(1, steps)
            added = true
        }
        return added
    }

    /// Until done.
    public mutating func finish() { while !isComplete { advance(budget: .max) } }
}

/// Where the run from each cell of a grid of start points ends (the basin map, SPEC §9):
/// at one of the surface's minima, nowhere in particular (the step budget ran out away
/// from every minimum), or diverged.
public struct BasinMap: Sendable {
    /// What a cell's run reached.
    public enum Outcome: Equatable, Sendable {
        /// The minimum at this index of ``minima``.
        case minimum(Int)
        /// The budget ran out (or the run converged) away from every minimum.
        case notArrived
        case diverged
    }

    /// The run from each cell: the template's rule, options, η, schedule and gradient
    /// source, from the cell's centre.
    public let template: Descent
    /// The grid: `columns × rows` cells over `box` (row 0 at the top, y decreasing).
    public let columns: Int
    public let rows: Int
    public let box: ViewBox
    /// K, the updates of each run.
    public let steps: Int
    /// The surface's minima (``LossSurface/minima``).
    public let minima: [Vector2]
    /// A run ends at a minimum when it is within this distance of it (world units): 1% of
    /// the box's diagonal.
    public let tolerance: Double
    /// The outcome of each cell, row-major; nil until computed.
    public private(set) var outcomes: [Outcome?]
    /// The cells in the order they are computed: coarse to fine (every 8th cell of every
    /// 8th row, then every 4th, 2nd, the rest), so a first picture of the whole map comes
    /// after 1/64 of the work.
    let order: [Int]
    public private(set) var computed = 0

    public init(template: Descent, columns: Int, rows: Int, box: ViewBox, steps: Int) {
        self.template = template
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.box = box
        self.steps = steps
        minima = template.surface.minima
        tolerance = 0.01 * (box.width * box.width + box.height * box.height).squareRoot()
        outcomes = Array(repeating: nil, count: self.columns * self.rows)
        var order: [Int] = []
        order.reserveCapacity(outcomes.count)
        for stride in [8, 4, 2, 1] {
            for r in 0..<self.rows {
                for c in 0..<self.columns where r % stride == 0 && c % stride == 0 {
                    let coarser = stride * 2
                    if stride == 8 || r % coarser != 0 || c % coarser != 0 { order.append(r * self.columns + c) }
                }
            }
        }
        self.order = order
    }

    public var isComplete: Bool { computed == order.count }
    /// The fraction of cells computed, 0…1.
    public var progress: Double { order.isEmpty ? 1 : Double(computed) / Double(order.count) }

    /// The start point of cell (column, row): its centre.
    public func start(column: Int, row: Int) -> Vector2 {
        Vector2(box.xMin + (Double(column) + 0.5) / Double(columns) * box.width,
                box.yMax - (Double(row) + 0.5) / Double(rows) * box.height)
    }

    /// The outcome of the run of K updates from `start`.
    public func outcome(from start: Vector2) -> Outcome {
        var d = template
        d.restart(at: start)
        for _ in 0..<steps where d.advance() != nil {}
        if d.isDiverged { return .diverged }
        var best: (index: Int, distance: Double)?
        for (i, m) in minima.enumerated() {
            let distance = (d.point - m).norm
            if distance <= tolerance && distance < (best?.distance ?? .infinity) { best = (i, distance) }
        }
        return best.map { .minimum($0.index) } ?? .notArrived
    }

    /// Computes the next cells until about `budget` updates were spent (at least one cell
    /// when any is left), on every core: the cells' runs are independent, so they are
    /// shared out with `DispatchQueue.concurrentPerform` and each outcome is the one
    /// ``outcome(from:)`` gives alone (the map is the same whatever the number of cores).
    /// Returns true when a cell was added.
    @discardableResult
    public mutating func advance(budget: Int) -> Bool {
        guard !isComplete else { return false }
        let count = min(order.count - computed, max(1, budget / max(1, steps)))
        let cells = Array(order[computed..<(computed + count)])
        let results = Self.parallelMap(cells) { [self] i in outcome(from: start(column: i % columns, row: i / columns)) }
        for (i, outcome) in zip(cells, results) { outcomes[i] = outcome }
        computed += count
        return true
    }

    /// `transform` of every element, computed on all cores, in the input's order.
    static func parallelMap(_ items: [Int], _ transform: @Sendable (Int) -> Outcome) -> [Outcome] {
        var results = [Outcome](repeating: .notArrived, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointSlots(buffer: buffer)
            if items.count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 {
                for (k, item) in items.enumerated() { out.buffer[k] = transform(item) }
            } else {
                // One iteration a cell: the runs' lengths differ (a diverged run is short),
                // and Dispatch hands the next cell to whichever core is free.
                DispatchQueue.concurrentPerform(iterations: items.count) { k in out.buffer[k] = transform(items[k]) }
            }
        }
        return results
    }

    /// The results buffer of ``parallelMap(_:_:)``, shared by its workers: each iteration
    /// writes its own slot only, and the buffer outlives them (`concurrentPerform` returns
    /// when all are done), so no two threads touch the same memory.
    private struct DisjointSlots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Outcome>
    }

    /// Until done.
    public mutating func finish() { while !isComplete { advance(budget: .max) } }

    /// The outcome to show for a cell: its own, or while it is pending that of the nearest
    /// computed cell of a coarser pass (the top-left corner of its 2×2, 4×4 or 8×8 block).
    public func shown(column: Int, row: Int) -> Outcome? {
        for stride in [1, 2, 4, 8] {
            if let o = outcomes[(row - row % stride) * columns + (column - column % stride)] { return o }
        }
        return nil
    }

    /// For each minimum, the number of cells whose run reached it; then the cells that did
    /// not arrive and those that diverged (computed cells only).
    public var counts: (minima: [Int], notArrived: Int, diverged: Int) {
        var perMinimum = [Int](repeating: 0, count: minima.count)
        var notArrived = 0, diverged = 0
        for o in outcomes {
            switch o {
            case .minimum(let i)?: perMinimum[i] += 1
            case .notArrived?: notArrived += 1
            case .diverged?: diverged += 1
            case nil: break
            }
        }
        return (perMinimum, notArrived, diverged)
    }
}
