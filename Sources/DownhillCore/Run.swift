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

/// The settings of a run as the `--format json` document records them.
public struct RunSettingsRecord: Encodable, Sendable {
    public var surface: String
    public var optimizer: String
    public var lr: Double
    public var start: [Double]
    public var steps: Int
    public var momentum, alpha, beta1, beta2, eps, weight_decay: Double
    public var batch: String
    public var noise: Double
    public var data: String?

    /// The settings of `descent` (before it steps) for a run of `steps` updates.
    public init(descent: Descent, steps: Int, dataPath: String?) {
        let h = descent.optimizer.hyperparameters
        let kind = descent.optimizer.kind
        surface = descent.surface.name
        optimizer = kind.rawValue
        lr = h.learningRate
        start = [descent.start.x, descent.start.y]
        self.steps = steps
        momentum = h.momentum
        alpha = h.alpha
        beta1 = h.beta1
        beta2 = h.beta2
        eps = h.epsilon(for: kind)
        weight_decay = h.weightDecay
        batch = descent.source.mode.description
        noise = descent.source.noise
        data = dataPath
    }
}

/// Writes the `--format json` document as the run goes, so memory stays constant however
/// many steps: one object with `seed`, `settings`, the rows under `trajectory` (one object
/// per line, the CSV's columns as keys), then `status` (`converged`, `max_steps`,
/// `diverged`) and `diverged_at` (null unless it diverged), which are known only at the end.
/// The settings object is written by Foundation's `JSONEncoder`; the rows' numbers are the
/// CSV's, shortest round-trip form (always valid JSON: a row is never non-finite).
public struct JSONTrajectoryWriter {
    private var buffer = ""
    private var rows = 0
    private let sink: (String) -> Void

    public init(settings: RunSettingsRecord, seed: UInt64, sink: @escaping (String) -> Void) throws {
        self.sink = sink
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let settingsText = String(decoding: try encoder.encode(settings), as: UTF8.self)
            .split(separator: "\n").joined(separator: "\n  ")
        buffer.reserveCapacity(1 << 16)
        buffer += "{\n  \"seed\" : \(seed),\n  \"settings\" : \(settingsText),\n  \"trajectory\" : ["
    }

    public mutating func write(_ r: TrajectoryPoint) {
        buffer += rows == 0 ? "\n    {\"step\": " : ",\n    {\"step\": "
        buffer += String(r.step)
        field("x", r.point.x)
        field("y", r.point.y)
        field("loss", r.loss)
        field("grad_x", r.gradient.x)
        field("grad_y", r.gradient.y)
        buffer += "}"
        rows += 1
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    @inline(__always) private mutating func field(_ key: String, _ v: Double) {
        buffer += ", \""
        buffer += key
        buffer += "\": "
        v.write(to: &buffer)
    }

    /// Closes the document with the run's status.
    public mutating func finish(_ summary: RunSummary) {
        buffer += rows == 0 ? "],\n" : "\n  ],\n"
        buffer += "  \"status\" : \"\(summary.status.rawValue)\",\n"
        buffer += "  \"diverged_at\" : " + (summary.divergedAt.map(String.init) ?? "null") + "\n}\n"
        flush()
    }

    private mutating func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}
