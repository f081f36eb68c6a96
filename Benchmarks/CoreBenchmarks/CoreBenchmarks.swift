import Benchmark
import DownhillCore

/// Release-mode benchmarks of the core: optimizer steps per second for each update rule on
/// rosenbrock (no output), gd steps on formula surfaces, the learning-rate sweep, and `run`
/// rows per second written as CSV.
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

    // A formula surface against the built-in it spells (issue target: ≥ 5 M gd steps/s).
    let formulas = [("valley", "x^2 + 10*y^2"), ("rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2"),
                    ("bumps", "exp(-(x^2 + y^2)/2)*sin(3*x) + 0.1*(x^2 + y^2)")]
    for (name, text) in formulas {
        Benchmark("steps/gd/formula-\(name)", configuration: .init(scalingFactor: .mega)) { benchmark in
            let surface = try! FormulaSurface(text)
            var d = Descent(surface: surface, optimizer: Optimizer(rule: GD(), learningRate: 0.0005), start: Vector2(-1.5, 2))
            var n = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                n += 1
                if n == 500 { d.restart(); n = 0 }
                blackHole(d.advance())
            }
        }
    }
    Benchmark("steps/gd/valley", configuration: .init(scalingFactor: .mega)) { benchmark in
        var d = Descent(surface: Surfaces.valley, optimizer: Optimizer(rule: GD(), learningRate: 0.0005), start: Vector2(-1.5, 2))
        var n = 0
        for _ in benchmark.scaledIterations {
            n += 1
            if n == 500 { d.restart(); n = 0 }
            blackHole(d.advance())
        }
    }
    Benchmark("formula/parse-and-build/bumps", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! FormulaSurface(formulas[2].1)) }
    }

    // The sweep of the issue: 100 η × 1,000 steps (target ≤ 50 ms).
    let sweeps: [(String, any LossSurface, any UpdateRule, ClosedRange<Double>)] = [
        ("gd/valley", Surfaces.valley, GD(), 0.001...1),
        ("adam/rosenbrock", Surfaces.rosenbrock, Adam(), 0.0001...1),
        ("gd/formula-valley", try! FormulaSurface("x^2 + 10*y^2"), GD(), 0.001...1),
    ]
    for (name, surface, rule, range) in sweeps {
        Benchmark("sweep/\(name)/100x1000", configuration: .init(scalingFactor: .one)) { benchmark in
            let template = Descent(surface: surface, optimizer: Optimizer(rule: rule, learningRate: 0.01), start: surface.defaultStart)
            let rates = Sweep.learningRates(from: range.lowerBound, to: range.upperBound, points: 100)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(Sweep.rows(template, learningRates: rates, steps: 1000))
            }
        }
    }

    // The basin map of the issue: 160×48 cells, 500 gd steps each (target ≤ 0.5 s to
    // complete, first shading within 50 ms: the first, coarse pass is 1/64 of the cells).
    for (name, surface) in [("himmelblau", Surfaces.himmelblau as any LossSurface), ("rosenbrock", Surfaces.rosenbrock)] {
        let template = Descent(surface: surface, optimizer: Optimizer(rule: GD(), learningRate: surface.defaultLearningRate(for: GD())),
                               start: surface.defaultStart)
        Benchmark("basins/gd/\(name)/160x48/500-steps", configuration: .init(scalingFactor: .one, maxDuration: .seconds(5))) { benchmark in
            for _ in benchmark.scaledIterations {
                var map = BasinMap(template: template, columns: 160, rows: 48, box: surface.defaultView, steps: 500)
                map.finish()
                blackHole(map.counts)
            }
        }
        Benchmark("basins/gd/\(name)/160x48/500-steps/first-pass", configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                var map = BasinMap(template: template, columns: 160, rows: 48, box: surface.defaultView, steps: 500)
                map.advance(budget: 20 * 6 * 500)  // every 8th cell of every 8th row: 20 × 6
                blackHole(map.computed)
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
