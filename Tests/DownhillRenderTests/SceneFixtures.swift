import DownhillCore
@testable import DownhillRender

/// A descent from command-line style settings, advanced `steps` times, with its trail.
struct Run {
    var descent: Descent
    var trail: [Vector2]

    init(surface: String, optimizer: String = "gd", lr: Double? = nil, start: String? = nil,
         batch: String? = nil, noise: Double = 0, steps: Int = 0) {
        var settings = Settings()
        settings.surface = surface
        settings.optimizer = optimizer
        settings.learningRate = lr
        settings.start = start
        settings.batch = batch
        settings.noise = noise
        descent = try! settings.resolve().descent
        trail = [descent.point]
        for _ in 0..<steps {
            guard let row = descent.advance() else { break }
            trail.append(row.point)
        }
    }

    /// The screen as `play` draws it (the same composition as `Model.view()`).
    func screen(width: Int, height: Int, unicode: Bool = true, playing: Bool = false,
                help: [HelpRow]? = nil, stepsPerSecond: Double = 20) -> CellGrid {
        let levels = Levels(surface: descent.surface)
        let scene = Scene(
            surface: descent.surface,
            raster: Screen.raster(for: descent.surface, levels: levels, width: width, height: height),
            trail: trail[...], start: descent.start, current: descent.point,
            status: StatusInfo(descent: descent, playing: playing, stepsPerSecond: stepsPerSecond),
            help: help, glyphs: unicode ? .unicode : .ascii)
        return Screen.render(scene, width: width, height: height)
    }
}
