import DownhillCore
import Foundation
import Testing

/// The folder of test fixtures (reference trajectories from torch.optim and their data).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// One case of `Fixtures/cases.tsv`: the `downhill run` arguments and the torch trajectory.
struct ReferenceCase: CustomStringConvertible, Sendable {
    var id: String
    var file: String
    var divergedAt: Int?
    var args: [String]
    var description: String { id }

    static func all() -> [ReferenceCase] {
        let text = try! String(contentsOf: fixtures.appendingPathComponent("cases.tsv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return ReferenceCase(id: f[0], file: f[1], divergedAt: Int(f[2]),
                                 args: f[3].split(separator: " ").map(String.init))
        }
    }

    /// The expected rows: step, x, y, loss, grad_x, grad_y.
    func rows() -> [[Double]] {
        parseCSV(try! String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8))
    }

    /// The value after an option, e.g. `option("--lr")`.
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    /// The case's arguments as settings (data paths relative to the fixtures folder).
    func settings() -> Settings {
        var s = Settings()
        s.surface = option("--surface") ?? s.surface
        s.optimizer = option("--optimizer") ?? s.optimizer
        s.learningRate = option("--lr").flatMap(Double.init)
        s.start = option("--start")
        s.steps = option("--steps").flatMap(Int.init) ?? s.steps
        if let v = option("--momentum").flatMap(Double.init) { s.momentum = v }
        if let v = option("--alpha").flatMap(Double.init) { s.alpha = v }
        if let v = option("--beta1").flatMap(Double.init) { s.beta1 = v }
        if let v = option("--beta2").flatMap(Double.init) { s.beta2 = v }
        if let v = option("--eps").flatMap(Double.init) { s.epsilon = v }
        if let v = option("--weight-decay").flatMap(Double.init) { s.weightDecay = v }
        s.dataPath = option("--data").map { fixtures.appendingPathComponent($0).path }
        s.batch = option("--batch")
        return s
    }
}

/// Parses a numeric CSV with a header row into rows of doubles.
func parseCSV(_ text: String) -> [[Double]] {
    text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
}

/// |a − b| ≤ tol · max(1, |b|), the contract's tolerance for reference values.
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

/// Runs settings through the same path as `downhill run` and returns rows and summary.
func runRows(_ settings: Settings) throws -> (rows: [TrajectoryPoint], summary: RunSummary) {
    var descent = try settings.resolve().descent
    var rows: [TrajectoryPoint] = []
    let summary = descent.run(steps: settings.steps) { rows.append($0) }
    return (rows, summary)
}

/// A descent on an analytic surface, for hand-computed cases.
func descent(_ surface: AnalyticSurface, _ kind: OptimizerKind, lr: Double, start: Vector2,
             configure: (inout Hyperparameters) -> Void = { _ in }) -> Descent {
    var h = Hyperparameters(learningRate: lr)
    configure(&h)
    return Descent(surface: surface, optimizer: Optimizer(kind: kind, hyperparameters: h), start: start)
}
