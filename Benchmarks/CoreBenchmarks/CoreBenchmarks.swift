import Benchmark
import DownhillCore

/// Release-mode benchmarks of the core: optimizer steps per second for each update rule on
/// rosenbrock (no output), and `run` rows per second written as CSV.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))

    for rule in UpdateRules.all {
        Benchmark("steps/\(rule.name)/rosenbrock", configuration: .init(scalingFactor: .mega)) { benchmark in
            let lr = rule.defaultLearningRate(on: LearningRates(gradient: 0.0005, adaptive: 0.01))
            var d = Descent(surface: Surfaces.rosenbrock, optimizer: Optimizer(rule: rule, learningRate: lr), start: Vector2(-1.5, 2))
            // Restart every 500 steps, so every rule is timed on the same kind of steps
            // (far from the minimum, no subnormal numbers after convergence).
            var n = 0
            for _ in benchmark.scaledIterations {
                n += 1
                if n == 500 { d.restart(); n = 0 }
                blackHole(d.advance())
            }
        }
    }

    for rows in [1_000, 100_000] {
        Benchmark("csv-rows/\(rows)", configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                var d = Descent(surface: Surfaces.rosenbrock, optimizer: Optimizer(rule: Adam(), learningRate: 0.01),
                                start: Vector2(-1.5, 2))
                var bytes = 0
                var writer = CSVTrajectoryWriter { bytes += $0.utf8.count }
                _ = d.run(steps: rows - 1) { writer.write($0) }
                writer.flush()
                blackHole(bytes)
            }
        }
    }

    for rows in [100, 10_000, 1_000_000] {
        let data = Dataset(source: "bench", x: (0..<rows).map { Double($0 % 97) / 10 }, y: (0..<rows).map { Double($0 % 89) / 10 })
        for kind in [DataSurfaceKind.linearRegression, .logisticRegression] {
            let surface = DataSurface(kind: kind, data: data)
            // The full-batch gradient as a step uses it (least squares: sufficient statistics).
            Benchmark("full-gradient/\(kind.rawValue)/\(rows)", configuration: .init(scalingFactor: .one)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(surface.gradient(at: Vector2(0.3, -0.2)))
                }
            }
        }
        let surface = DataSurface(kind: .linearRegression, data: data)
        Benchmark("loss-raster/linear-regression/160x48/\(rows)", configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                var total = 0.0
                for j in 0..<48 { for i in 0..<160 { total += surface.loss(at: Vector2(Double(i) / 40, Double(j) / 12)) } }
                blackHole(total)
            }
        }
    }
}
