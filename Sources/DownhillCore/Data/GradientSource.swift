/// Where the gradient of a step comes from (SPEC §3).
public enum BatchMode: Equatable, Sendable, CustomStringConvertible {
    /// Batch gradient descent: the gradient of the whole loss.
    case full
    /// Mini-batches of `size` rows; `size` 1 is stochastic gradient descent.
    case mini(size: Int)

    /// SGD: one sample per step.
    public static let stochastic = BatchMode.mini(size: 1)

    /// `full`, `sgd` or the batch size, as on the command line.
    public var description: String {
        switch self {
        case .full: "full"
        case .mini(1): "sgd"
        case .mini(let n): String(n)
        }
    }

    /// A short name for the status line: batch, mini-batch N, SGD.
    public var label: String {
        switch self {
        case .full: "full batch"
        case .mini(1): "SGD"
        case .mini(let n): "mini-batch \(n)"
        }
    }
}

/// Produces the gradient used at each step: the full gradient, a mini-batch gradient over
/// an epoch-wise shuffled data set, plus optional Gaussian noise, all from one seeded
/// generator.
///
/// Mini-batches: the rows are shuffled at the start of every epoch and cut into
/// consecutive batches of N (the last may be smaller), so every row is used exactly once
/// per epoch; the batch gradient is the mean over the batch. Noise: ĝ = g + S·ξ with
/// ξ ~ N(0, I).
public struct GradientSource: Sendable {
    public let mode: BatchMode
    /// S, the standard deviation of the added gradient noise, ≥ 0.
    public var noise: Double
    public let seed: UInt64
    private var rng: SplitMix64
    private var order: [Int] = []
    private var cursor = 0
    /// Completed epochs (0 during the first pass over the data).
    public private(set) var epoch = 0
    /// The batch index within the current epoch of the next step, from 0.
    public var batchInEpoch: Int {
        guard case .mini(let n) = mode else { return 0 }
        return cursor / n
    }
    /// The number of batches in one epoch of `rows` rows.
    public func batchesPerEpoch(rows: Int) -> Int {
        guard case .mini(let n) = mode else { return 1 }
        return (rows + n - 1) / n
    }

    public init(mode: BatchMode = .full, noise: Double = 0, seed: UInt64 = 0) {
        self.mode = mode
        self.noise = noise
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    /// True when every step uses the exact full gradient (full batch, no noise): the
    /// descent can then reuse the gradient it already computed for the current row.
    public var isExact: Bool { mode == .full && noise == 0 }

    /// Starts again from the seed: the same steps as a fresh source.
    public mutating func reset() {
        self = GradientSource(mode: mode, noise: noise, seed: seed)
    }

    /// The gradient to use for the next step at `p`.
    public mutating func gradient(of surface: any LossSurface, at p: Vector2) -> Vector2 {
        var g: Vector2
        if case .mini(let n) = mode, let rows = surface.sampleCount, rows > 0 {
            if order.count != rows {  // the first epoch
                order = Array(0..<rows)
                rng.shuffle(&order)
                cursor = 0
            }
            let end = min(cursor + n, rows)
            g = surface.gradient(at: p, rows: order[cursor..<end])
            cursor = end
            if cursor == rows {  // the epoch is done: shuffle for the next one
                epoch += 1
                rng.shuffle(&order)
                cursor = 0
            }
        } else {
            g = surface.gradient(at: p)
        }
        if noise > 0 { g += noise * rng.nextGaussianPair() }
        return g
    }
}
