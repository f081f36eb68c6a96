import Foundation

/// How a headless run ended (SPEC §5).
public enum RunStatus: String, Sendable, Encodable {
    /// The final full-gradient norm is at most 1e-6.
    case converged
    /// All steps were taken without converging.
    case maxSteps = "max_steps"
    /// A step produced a non-finite value; see ``RunSummary/divergedAt``.
    case diverged
}

/// The end of a run: how it stopped and at which step it diverged, if it did.
public struct RunSummary: Equatable, Sendable {
    public var status: RunStatus
    public var divergedAt: Int?
    public var last: TrajectoryPoint
}

extension Descent {
    /// Performs `steps` updates from the current point, calling `row` for the current
    /// point and then for each new point (so `steps + 1` rows unless the run diverges;
    /// a non-finite row is never passed). This is the code path of `downhill run`.
    public mutating func run(steps: Int, row: (TrajectoryPoint) -> Void) -> RunSummary {
        if !isDiverged { row(current) }
        var taken = 0
        while taken < steps, !isDiverged, let next = advance() {
            row(next)
            taken += 1
        }
        switch status {
        case .diverged(let k): return RunSummary(status: .diverged, divergedAt: k, last: current)
        case .converged: return RunSummary(status: .converged, divergedAt: nil, last: current)
        case .running: return RunSummary(status: .maxSteps, divergedAt: nil, last: current)
        }
    }
}

/// Writes trajectory rows as CSV: the header `step,x,y,loss,grad_x,grad_y`, then one row
/// per point, numbers in the shortest round-trip form with `.` as the decimal mark.
/// Output is buffered and handed to `sink` in large chunks.
public struct CSVTrajectoryWriter {
    public static let header = "step,x,y,loss,grad_x,grad_y\n"
    private var buffer = ""
    private let sink: (String) -> Void

    public init(sink: @escaping (String) -> Void) {
        self.sink = sink
        buffer.reserveCapacity(1 << 16)
        buffer += Self.header
    }

    public mutating func write(_ r: TrajectoryPoint) {
        // Written field by field: no per-row array, no intermediate row string.
        buffer += String(r.step)
        append(r.point.x)
        append(r.point.y)
        append(r.loss)
        append(r.gradient.x)
        append(r.gradient.y)
        buffer += "\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    @inline(__always) private mutating func append(_ v: Double) {
        buffer += ","
        v.write(to: &buffer)  // the same digits as `description`, without a temporary String
    }

    public mutating func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The `--format json` document: the settings, seed, status, divergence step and the
/// trajectory rows (SPEC §5). Keys are written in a fixed, sorted order.
public struct RunDocument: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var step: Int
        public var x, y, loss: Double
        public var grad_x, grad_y: Double
        public init(_ r: TrajectoryPoint) {
            step = r.step
            x = r.point.x
            y = r.point.y
            loss = r.loss
            grad_x = r.gradient.x
            grad_y = r.gradient.y
        }
    }
    public struct SettingsRecord: Encodable, Sendable {
        public var surface: String
        public var optimizer: String
        public var lr: Double
        public var start: [Double]
        public var steps: Int
        public var momentum, alpha, beta1, beta2, eps, weight_decay: Double
        public var batch: String
        public var noise: Double
        public var data: String?
    }

    public var settings: SettingsRecord
    public var seed: UInt64
    public var status: RunStatus
    public var diverged_at: Int?
    public var trajectory: [Row]

    public init(descent: Descent, steps: Int, dataPath: String?, summary: RunSummary, rows: [TrajectoryPoint]) {
        let h = descent.optimizer.hyperparameters
        let kind = descent.optimizer.kind
        settings = SettingsRecord(
            surface: descent.surface.name, optimizer: kind.rawValue, lr: h.learningRate,
            start: [descent.start.x, descent.start.y], steps: steps,
            momentum: h.momentum, alpha: h.alpha, beta1: h.beta1, beta2: h.beta2,
            eps: h.epsilon(for: kind), weight_decay: h.weightDecay,
            batch: descent.source.mode.description, noise: descent.source.noise, data: dataPath)
        seed = descent.source.seed
        status = summary.status
        diverged_at = summary.divergedAt
        trajectory = rows.map(Row.init)
    }

    enum CodingKeys: String, CodingKey { case settings, seed, status, diverged_at, trajectory }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encode(seed, forKey: .seed)
        try c.encode(status, forKey: .status)
        try c.encode(diverged_at, forKey: .diverged_at)  // null when it did not diverge
        try c.encode(trajectory, forKey: .trajectory)
    }

    /// The document as JSON text (sorted keys, pretty-printed), ending with a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
