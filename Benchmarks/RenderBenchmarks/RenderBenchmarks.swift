import Benchmark
import DownhillApp
import DownhillCore
import DownhillRender
import DownhillSetup

/// Release-mode benchmarks of drawing: one frame into cells at three sizes on rosenbrock
/// with a 1,000-point trail (the surface raster is cached while the view is unchanged, so
/// this is the per-frame cost while animating), and the raster rebuild after a resize.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))

    func model(width: Int, height: Int) -> Model {
        let s = try! SetupCodec.parse(["--surface", "rosenbrock", "--optimizer", "momentum"])
        var m = Model(resolved: try! s.resolve(), appearance: .init(unicode: true), width: width, height: height, paused: true)
        for _ in 0..<1000 { m.update(.key(.char("n"))) }
        return m
    }

    for (w, h) in [(80, 24), (160, 48), (320, 96)] {
        Benchmark("frame/rosenbrock/\(w)x\(h)/trail-1000") { benchmark in
            let m = model(width: w, height: h)
            _ = m.view()  // warm the raster cache
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(m.view())
            }
        }
        Benchmark("raster-rebuild/rosenbrock/\(w)x\(h)") { benchmark in
            var m = model(width: w, height: h)
            var toggle = false
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                toggle.toggle()
                m.update(.resize(width: w, height: h - (toggle ? 1 : 0)))
                blackHole(m.view())
            }
        }
    }

    // The terrain view (issue 17): a frame with a 1,000-point path (target ≤ 2 ms at 160×48,
    // where the terrain is beside the contour plot), and a turn of the camera, which
    // re-projects the kept mesh and fills the depth buffer again (target ≤ 5 ms).
    for (w, h) in [(80, 24), (160, 48)] {
        Benchmark("frame/terrain/rosenbrock/\(w)x\(h)/trail-1000") { benchmark in
            var m = model(width: w, height: h)
            m.update(.key(.char("t")))
            _ = m.view()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(m.view())
            }
        }
        Benchmark("terrain-rotate/rosenbrock/\(w)x\(h)/trail-1000") { benchmark in
            var m = model(width: w, height: h)
            m.update(.key(.char("t")))
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                m.update(.key(.char("Y")))
                blackHole(m.view())
            }
        }
    }

    // A race of every optimizer (up to 8) with 1,000-point trails and the loss chart (issue target: < 2 ms).
    Benchmark("frame/race-all/rosenbrock/160x48/trails-1000+chart") { benchmark in
        let m = try! Model.raceOfAllOptimizers(surface: "rosenbrock", steps: 1000, width: 160, height: 48)
        _ = m.view()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(m.view())
        }
    }

    // A formula surface's contour raster (issue target: ≤ 2 ms at 160×48).
    for (name, text) in [("valley", "x^2 + 10*y^2"), ("bumps", "exp(-(x^2 + y^2)/2)*sin(3*x) + 0.1*(x^2 + y^2)")] {
        Benchmark("raster-build/formula-\(name)/160x48") { benchmark in
            let surface = try! FormulaSurface(text)
            let levels = Levels(surface: surface)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(Screen.raster(for: surface, levels: levels, width: 160, height: 48))
            }
        }
    }
    Benchmark("raster-build/valley/160x48") { benchmark in
        let levels = Levels(surface: Surfaces.valley)
        for _ in benchmark.scaledIterations {
            blackHole(Screen.raster(for: Surfaces.valley, levels: levels, width: 160, height: 48))
        }
    }

    // The terrain of a large data set: the path's heights are its binned preview loss.
    Benchmark("frame/terrain/logistic-regression/160x48/10k-rows/trail-1000") { benchmark in
        let r = try! SetupCodec.parse(["--surface", "logistic-regression"]).resolve()
        var rng = SplitMix64(seed: 1)
        let xs = (0..<10_000).map { _ in -4 + 8 * rng.nextUnit() }
        let ys = xs.map { x in rng.nextUnit() < sigmoid(1.5 * x) ? 1.0 : 0.0 }
        let surface = r.surface.replacingData(Dataset(source: "bench", x: xs, y: ys))
        let resolved = Resolved(setup: r.setup, surface: surface,
                                descents: [Descent(surface: surface, optimizer: r.descent.optimizer, start: r.descent.start)])
        var m = Model(resolved: resolved, appearance: .init(unicode: true), width: 160, height: 48, paused: true)
        m.update(.key(.char("t")))
        for _ in 0..<1000 { m.update(.key(.char("n"))) }
        _ = m.view()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(m.view())
        }
    }

    for kind in ["linear-regression", "logistic-regression", "neuron"] {
        Benchmark("raster-rebuild/\(kind)/160x48/10k-rows") { benchmark in
            let r = try! SetupCodec.parse(["--surface", kind]).resolve()
            // 10,000 rows drawn from the built-in data set's shape.
            var rng = SplitMix64(seed: 1)
            let xs = (0..<10_000).map { _ in -4 + 8 * rng.nextUnit() }
            let ys = xs.map { x in kind == "linear-regression" ? 0.8 * x + 0.5 + rng.nextGaussianPair().x : (rng.nextUnit() < sigmoid(1.5 * x) ? 1.0 : 0.0) }
            let surface = r.surface.replacingData(Dataset(source: "bench", x: xs, y: ys))
            let resolved = Resolved(setup: r.setup, surface: surface,
                                    descents: [Descent(surface: surface, optimizer: r.descent.optimizer, start: r.descent.start)])
            var m = Model(resolved: resolved, appearance: .init(unicode: true), width: 160, height: 48, paused: true)
            var toggle = false
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                toggle.toggle()
                m.update(.resize(width: 160, height: 48 - (toggle ? 1 : 0)))
                blackHole(m.view())
            }
        }
    }
}
