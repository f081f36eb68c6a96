import DownhillCore
@testable import DownhillRender
import TestSupport

/// A descent from a command line (parsed by the codec, as the CLI does), advanced
/// `steps` times, with its trail.
struct Run {
    var descent: Descent
    var trail: [Vector2]

    /// `Run("--surface rosenbrock --optimizer adam", steps: 3)`: the words are split on spaces.
    init(_ words: String..., steps: Int = 0) {
        descent = resolved(setup(words: commandWords(words))).descent
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
