import Foundation

/// One η of a learning-rate sweep (SPEC §9): how the run of K steps at that η ended. It is
/// read from the same ``Descent/run(steps:row:)`` that `downhill run` prints, so the final
/// loss is the loss of the last row `run --lr η` prints.
public struct SweepRow: Equatable, Sendable {
    public var optimizer: String
    public var learningRate: Double
    /// The loss of the last finite row.
    public var finalLoss: Double
    /// The lowest loss of any row (step 0 included).
    public var bestLoss: Double
    /// As `run` reports it (SPEC §5): converged (final |∇| ≤ 1e-6), max_steps or diverged.
    public var status: RunStatus
    /// The first step whose gradient norm is at most 1e-6 (nil if none).
    public var convergedAt: Int?
    /// The step that was not finite (nil unless the run diverged).
    public var divergedAt: Int?

    public init(optimizer: String, learningRate: Double, finalLoss: Double, bestLoss: Double, status: RunStatus,
                convergedAt: Int?, divergedAt: Int?) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.finalLoss = finalLoss
        self.bestLoss = bestLoss
        self.status = status
        self.convergedAt = convergedAt
        self.divergedAt = divergedAt
    }
}

/// The learning-rate sweep: the same run (surface, start, rule and options, schedule,
/// gradient source and seed) at many η, K steps each.
public enum Sweep {
    /// The default number of η.
    public static let defaultPoints = 60

    /// `points` learning rates spaced evenly in log η from `low` to `high`, both included
    /// exactly (η₀·(η₁/η₀)^(i/(n−1))); one point is `low`.
    public static func learningRates(from low: Double, to high: Double, points: Int) -> [Double] {
        guard points > 1 else { return points == 1 ? [low] : [] }
        let ratio = high / low
        return (0..<points).map { i in
            i == 0 ? low : i == points - 1 ? high : low * pow(ratio, Double(i) / Double(points - 1))
        }
    }

    /// The run of `template` (at its start, fresh) with base η `learningRate`, `steps`
    /// updates: exactly what `downhill run … --lr η --steps K` does, summarised.
    public static func row(_ template: Descent, learningRate: Double, steps: Int) -> SweepRow {
        var descent = Descent(surface: template.surface,
                              optimizer: Optimizer(rule: template.optimizer.rule, learningRate: learningRate,
                                                   schedule: template.optimizer.schedule),
                              source: template.source, start: template.start)
        var best = Double.infinity
        var convergedAt: Int?
        let summary = descent.run(steps: steps) { row in
            if row.loss < best { best = row.loss }
            if convergedAt == nil && row.gradient.norm <= Descent.convergenceTolerance { convergedAt = row.step }
        }
        return SweepRow(optimizer: template.optimizer.name, learningRate: learningRate, finalLoss: summary.last.loss,
                        bestLoss: best, status: summary.status, convergedAt: convergedAt, divergedAt: summary.divergedAt)
    }

    /// The rows of `template` at each of `learningRates`, in order.
    public static func rows(_ template: Descent, learningRates: [Double], steps: Int) -> [SweepRow] {
        learningRates.map { row(template, learningRate: $0, steps: steps) }
    }

    /// The CSV header of `downhill sweep`.
    public static let header = "optimizer,lr,final_loss,best_loss,status,converged_at,diverged_at\n"

    /// One CSV line (numbers in the shortest round-trip form, empty fields for none).
    public static func csvLine(_ r: SweepRow) -> String {
        [r.optimizer, formatNumber(r.learningRate), formatNumber(r.finalLoss), formatNumber(r.bestLoss), r.status.rawValue,
         r.convergedAt.map(String.init) ?? "", r.divergedAt.map(String.init) ?? ""].joined(separator: ",") + "\n"
    }
}
