import Foundation
import DownhillCore
import DownhillRender

extension Model {
    /// Applies one message: a key (looked up in ``KeyBindings``), a tick of wall time, a
    /// resize or a click.
    ///
    /// Every key works in every state. While the help is open any key closes it; `?` and
    /// Esc only close it, other keys also do what they do.
    public mutating func update(_ message: Message) {
        switch message {
        case .key(let key):
            let action = KeyBindings.action(for: key)
            if isHelpVisible {
                isHelpVisible = false
                if action == .toggleHelp || action == .closeHelp { return }
            }
            if let action { perform(action) }
        case .tick(let seconds):
            tick(seconds: seconds)
        case .resize(let w, let h):
            resize(width: w, height: h)
        case .click(let column, let row):
            if isHelpVisible {
                isHelpVisible = false
                return
            }
            if let p = raster.viewport.world(column: column, row: row) { restart(at: p) }
        }
    }

    /// Carries out one action.
    public mutating func perform(_ action: Action) {
        switch action {
        case .togglePlay:
            if descent.status == .running {
                wantsPlay.toggle()
            } else {  // a finished run: play it again
                restart()
                wantsPlay = true
            }
        case .step:
            wantsPlay = false
            advance(steps: 1)
        case .scaleLearningRate(let up):
            let factor = pow(10, 0.1)
            let lr = descent.optimizer.hyperparameters.learningRate
            descent.optimizer.hyperparameters.learningRate = min(1e6, max(1e-12, up ? lr * factor : lr / factor))
        case .cycleOptimizer(let offset):
            let all = OptimizerKind.allCases
            let i = all.firstIndex(of: descent.optimizer.kind) ?? 0
            switchOptimizer(to: all[((i + offset) % all.count + all.count) % all.count])
        case .chooseOptimizer(let kind):
            switchOptimizer(to: kind)
        case .cycleSurface(let offset):
            let all = SurfaceName.all
            let i = all.firstIndex(of: surfaceName) ?? 0
            switchSurface(to: all[((i + offset) % all.count + all.count) % all.count])
        case .moveStart(let dx, let dy):
            let view = descent.surface.defaultView
            let move = Vector2(Double(dx) * view.width, Double(dy) * view.height) * Self.startMoveFraction
            restart(at: descent.start + move)
        case .restart:
            restart()
        case .changeSpeed(let offset):
            speedIndex = min(Self.speeds.count - 1, max(0, speedIndex + offset))
        case .cycleGradientSource:
            cycleGradientSource()
        case .toggleHelp:
            isHelpVisible.toggle()
        case .closeHelp:
            isHelpVisible = false
        case .quit:
            shouldQuit = true
        }
    }

    /// Advances the animation by `seconds` of wall time: ``stepsPerSecond`` steps per
    /// second, fractional steps carried to the next tick, at most
    /// ``maximumTickSeconds`` accounted per tick. Does nothing unless playing.
    mutating func tick(seconds: Double) {
        guard isPlaying, seconds > 0, seconds.isFinite else { return }
        pendingSteps += min(seconds, Self.maximumTickSeconds) * stepsPerSecond
        // A tiny allowance so that, e.g., 20 ticks of 0.05 s at 20 steps/s are 20 steps.
        let whole = (pendingSteps + 1e-9).rounded(.down)
        pendingSteps = max(0, pendingSteps - whole)
        advance(steps: Int(whole))
        if !isPlaying { pendingSteps = 0 }
    }

    /// Takes up to `steps` updates, recording each point in the trail; stops early when
    /// the run diverges, or converges while animating (a paused `n` may step on from a
    /// converged point: the gradient may be noisy).
    mutating func advance(steps: Int) {
        for _ in 0..<steps {
            guard let row = descent.advance() else { break }
            trail.append(row.point)
            if wantsPlay && descent.status == .converged { break }
        }
        if trail.count > Self.trailCapacity + Self.trailCapacity / 4 {
            trail.removeFirst(trail.count - Self.trailCapacity)
        }
    }

    /// Restarts at the current start.
    mutating func restart() {
        descent.restart()
        trail = [descent.point]
        pendingSteps = 0
    }

    /// Moves the start to `p` and restarts there.
    mutating func restart(at p: Vector2) {
        descent.restart(at: p)
        trail = [descent.point]
        pendingSteps = 0
    }

    /// Switches the update rule keeping the point (fresh state). If the learning rate is
    /// still the surface's default for the old rule, it becomes the default for the new
    /// one (the adaptive rules want larger rates); a rate the user chose is kept.
    mutating func switchOptimizer(to kind: OptimizerKind) {
        let old = descent.optimizer.kind
        guard kind != old else { return }
        let surface = descent.surface
        let lr = descent.optimizer.hyperparameters.learningRate
        let oldDefault = surface.defaultLearningRate(for: old)
        descent.switchOptimizer(to: kind)
        if abs(lr - oldDefault) <= 1e-12 * oldDefault {
            descent.optimizer.hyperparameters.learningRate = surface.defaultLearningRate(for: kind)
        }
    }

    /// Goes to another surface: its default start, the same optimizer with the surface's
    /// default learning rate for it and the other hyperparameters kept, the same seed; the
    /// batch mode on a data-backed surface, the noise switch on an analytic one.
    mutating func switchSurface(to name: SurfaceName) {
        let data: Dataset? = if case .data(let kind) = name, let userData, userData.kind == kind { userData.data } else { nil }
        let surface = name.make(data: data)
        var hyperparameters = descent.optimizer.hyperparameters
        let kind = descent.optimizer.kind
        hyperparameters.learningRate = surface.defaultLearningRate(for: kind)
        let source = GradientSource(mode: sourceMode(for: surface), noise: noise(for: name, surface), seed: seed)
        descent = Descent(surface: surface, optimizer: Optimizer(kind: kind, hyperparameters: hyperparameters),
                          source: source, start: surface.defaultStart)
        surfaceName = name
        trail = [descent.point]
        pendingSteps = 0
        levels = Levels(surface: surface)
        rebuildRaster()
    }

    /// The batch mode to use on a surface: the chosen one, clamped to the data size, on a
    /// data-backed surface; full on an analytic one.
    func sourceMode(for surface: any LossSurface) -> BatchMode {
        guard let rows = surface.sampleCount else { return .full }
        if case .mini(let n) = batchMode { return .mini(size: max(1, min(n, rows))) }
        return batchMode
    }

    /// The gradient noise S on a surface: on an analytic one while noise is switched on,
    /// the `--noise` value on the surface it was given for, else ``autoNoise(for:)``;
    /// on a data-backed one only the `--noise` value given for it.
    func noise(for name: SurfaceName, _ surface: any LossSurface) -> Double {
        if name == initialSurface && initialNoise > 0 { return noiseEnabled ? initialNoise : 0 }
        guard noiseEnabled, !surface.isDataBacked else { return 0 }
        return Self.autoNoise(for: surface)
    }

    /// The noise S that `b` switches on when none was given: a quarter of the gradient's
    /// norm at the surface's default start, so the wobble is visible but the descent still
    /// goes downhill (1 when that gradient is zero or not finite).
    public static func autoNoise(for surface: any LossSurface) -> Double {
        let g = surface.gradient(at: surface.defaultStart).norm
        return g > 0 && g.isFinite ? 0.25 * g : 1
    }

    /// `b`: on a data-backed surface the next gradient source, full → mini-batch →
    /// SGD → full (a fresh source from the seed, the point kept); on an analytic surface
    /// gradient noise on/off.
    mutating func cycleGradientSource() {
        let surface = descent.surface
        if let rows = surface.sampleCount {
            let mini = BatchMode.mini(size: max(1, min(Self.defaultMiniBatch, rows)))
            let next: BatchMode
            switch descent.source.mode {
            case .full: next = rows > 1 && mini != .stochastic ? mini : .stochastic
            case .mini(1): next = .full
            case .mini: next = .stochastic
            }
            batchMode = next
            descent.source = GradientSource(mode: next, noise: descent.source.noise, seed: seed)
        } else {
            noiseEnabled.toggle()
            descent.source.noise = noise(for: surfaceName, surface)
        }
    }

    /// A new screen size: the raster is rebuilt for it; the trail (world units) is kept.
    mutating func resize(width w: Int, height h: Int) {
        width = max(0, w)
        height = max(0, h)
        rebuildRaster()
    }

    mutating func rebuildRaster() {
        let fresh = Screen.viewport(for: descent.surface, width: width, height: height)
        if raster.viewport == fresh && raster.surfaceName == descent.surface.name && raster.levels == levels { return }
        raster = SurfaceRaster(surface: descent.surface, viewport: fresh, levels: levels)
    }
}
