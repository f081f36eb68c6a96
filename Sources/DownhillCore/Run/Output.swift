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
    /// Why the rule could not take the step at which the run diverged, if it said.
    public var failure: StepFailure?

    /// What standard error says when the run diverged (`diverged at step K`, `singular
    /// Hessian at step K`, …), or nil.
    public var divergenceMessage: String? {
        divergedAt.map { k in failure?.message(step: k) ?? "diverged at step \(k)" }
    }
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
        case .diverged(let k): return RunSummary(status: .diverged, divergedAt: k, last: current, failure: failure)
        case .converged: return RunSummary(status: .converged, divergedAt: nil, last: current)
        case .running: return RunSummary(status: .maxSteps, divergedAt: nil, last: current)
        }
    }
}

/// Writes trajectory rows as CSV: the header `step,x,y,loss,grad_x,grad_y` (after a
/// `racer` column in a race), then one row per point, numbers in the shortest round-trip form with `.` as the decimal mark.
/// Output is buffered and handed to `sink` in large chunks.
public struct CSVTrajectoryWriter {
    public static let header = "step,x,y,loss,grad_x,grad_y\n"
    private var buffer = ""
    private let sink: (String) -> Void
    private let labelled: Bool
    /// With a first column (`run --race`): its value for the next rows (no comma, quote or
    /// line break, so it needs no CSV quoting).
    public var label = ""

    /// A writer whose rows start with a column named `firstColumn` (holding ``label``), or
    /// with `step` when nil.
    public init(sink: @escaping (String) -> Void, firstColumn: String? = nil) {
        self.sink = sink
        labelled = firstColumn != nil
        buffer.reserveCapacity(1 << 16)
        if let firstColumn { buffer += firstColumn + "," }
        buffer += Self.header
    }

    public mutating func write(_ r: TrajectoryPoint) {
        // Written field by field: no per-row array, no intermediate row string.
        if labelled {
            buffer += label
            buffer += ","
        }
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

/// The settings of a run as the `--format json` document records them: the surface, the
/// rule and every option it takes (its current value, `-` in a name written `_`), η, the
/// start, the steps, the gradient source and the data file.
public struct RunSettingsRecord: Encodable, Sendable {
    public var surface: String
    /// The surface's own options with their values (quadratic: condition, angle).
    public var surfaceOptions: [(key: String, value: Double)]
    public var optimizer: String
    public var lr: Double
    public var start: [Double]
    public var steps: Int
    public var options: [(key: String, value: OptionValue)]
    /// The learning-rate schedule as `--schedule` spells its kind and arguments, or nil.
    public var schedule: (name: String, arguments: [Double])?
    public var batch: String
    public var noise: Double
    public var data: String?

    /// The settings of `descent` (before it steps) for a run of `steps` updates.
    public init(descent: Descent, steps: Int, dataPath: String?) {
        let rule = descent.optimizer.rule
        surface = descent.surface.surfaceArgument
        if let q = descent.surface as? QuadraticSurface {
            surfaceOptions = [("condition", q.condition), ("angle", q.angle)]
        } else {
            surfaceOptions = []
        }
        optimizer = rule.name
        lr = descent.learningRate
        start = [descent.start.x, descent.start.y]
        self.steps = steps
        options = rule.options.compactMap { o in
            rule.value(of: o.name).map { (o.name.replacingOccurrences(of: "-", with: "_"), $0) }
        }
        schedule = descent.optimizer.schedule.map { ($0.name, $0.arguments) }
        batch = descent.source.mode.description
        noise = descent.source.noise
        data = dataPath
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(surface, forKey: Key("surface"))
        for (key, value) in surfaceOptions { try c.encode(value, forKey: Key(key)) }
        try c.encode(optimizer, forKey: Key("optimizer"))
        try c.encode(lr, forKey: Key("lr"))
        try c.encode(start, forKey: Key("start"))
        try c.encode(steps, forKey: Key("steps"))
        for (key, value) in options {
            switch value {
            case .real(let v): try c.encode(v, forKey: Key(key))
            case .flag(let on): try c.encode(on, forKey: Key(key))
            case .pair(let a, let b): try c.encode([a, b], forKey: Key(key))
            }
        }
        if let schedule {
            try c.encode(([schedule.name] + schedule.arguments.map(SettingsError.text)).joined(separator: ":"), forKey: Key("schedule"))
        }
        try c.encode(batch, forKey: Key("batch"))
        try c.encode(noise, forKey: Key("noise"))
        try c.encodeIfPresent(data, forKey: Key("data"))
    }
}

/// Writes the `--format json` document as the run goes, so memory stays constant however
/// many steps: one object with `seed`, `settings`, the rows under `trajectory` (one object
/// per line, the CSV's columns as keys), then `status` (`converged`, `max_steps`,
/// `diverged`) and `diverged_at` (null unless it diverged), which are known only at the end.
/// A race (`run --race`) is one object with `seed` and a `racers` array of such objects,
/// each with `racer` (as written in the lineup) first; see ``RaceJSONWriter``.
/// The settings object is written by Foundation's `JSONEncoder`; the rows' numbers are the
/// CSV's, shortest round-trip form (always valid JSON: a row is never non-finite).
public struct JSONTrajectoryWriter {
    private var buffer = ""
    private var rows = 0
    private let sink: (String) -> Void
    /// The indentation of this object's members, and whether it is a racer inside `racers`.
    private let indent: String
    private let isRacer: Bool

    /// The whole document of a solo run.
    public init(settings: RunSettingsRecord, seed: UInt64, sink: @escaping (String) -> Void) throws {
        try self.init(settings: settings, head: "{\n  \"seed\" : \(seed),\n", indent: "  ", isRacer: false, sink: sink)
    }

    /// One racer's object inside a race document's `racers` array.
    init(settings: RunSettingsRecord, racer: String, first: Bool, sink: @escaping (String) -> Void) throws {
        let name = String(decoding: try JSONEncoder().encode(racer), as: UTF8.self)
        try self.init(settings: settings, head: (first ? "" : ",\n") + "    {\n      \"racer\" : \(name),\n",
                      indent: "      ", isRacer: true, sink: sink)
    }

    private init(settings: RunSettingsRecord, head: String, indent: String, isRacer: Bool, sink: @escaping (String) -> Void) throws {
        self.sink = sink
        self.indent = indent
        self.isRacer = isRacer
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let settingsText = String(decoding: try encoder.encode(settings), as: UTF8.self)
            .split(separator: "\n").joined(separator: "\n" + indent)
        buffer.reserveCapacity(1 << 16)
        buffer += head + indent + "\"settings\" : \(settingsText),\n" + indent + "\"trajectory\" : ["
    }

    public mutating func write(_ r: TrajectoryPoint) {
        buffer += rows == 0 ? "\n" : ",\n"
        buffer += indent
        buffer += "  {\"step\": "
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

    /// Closes the object with the run's status.
    public mutating func finish(_ summary: RunSummary) {
        buffer += rows == 0 ? "],\n" : "\n" + indent + "],\n"
        buffer += indent + "\"status\" : \"\(summary.status.rawValue)\",\n"
        buffer += indent + "\"diverged_at\" : " + (summary.divergedAt.map(String.init) ?? "null") + "\n"
        buffer += isRacer ? "    }" : "}\n"
        flush()
    }

    private mutating func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes the `--format json` document of a race: `seed`, then under `racers` one object
/// per racer in lineup order, as ``JSONTrajectoryWriter`` writes a solo run's document
/// (without `seed`), with `racer` first. Streamed: each racer's rows as they come.
public struct RaceJSONWriter {
    private let sink: (String) -> Void
    private var racers = 0

    public init(seed: UInt64, sink: @escaping (String) -> Void) {
        self.sink = sink
        sink("{\n  \"seed\" : \(seed),\n  \"racers\" : [\n")
    }

    /// The writer of the next racer's object; finish it before asking for the next.
    public mutating func racer(_ name: String, settings: RunSettingsRecord) throws -> JSONTrajectoryWriter {
        defer { racers += 1 }
        return try JSONTrajectoryWriter(settings: settings, racer: name, first: racers == 0, sink: sink)
    }

    /// Closes the document.
    public func finish() { sink(racers == 0 ? "  ]\n}\n" : "\n  ]\n}\n") }
}
