import DownhillCore
import DownhillRender

/// The interactive app's state (the Elm-style model): the descent, its trail, the
/// animation and the screen. Pure: ``update(_:)`` changes it (see `Update.swift`),
/// ``view()`` draws it; nothing here reads a clock or touches the terminal.
///
/// The expensive part of a frame, the sampled surface, is kept in the model as a value
/// and rebuilt by `update` only when the surface or the screen size changes, so `view()`
/// stays cheap and pure.
public struct Model: Sendable {
    /// How the screen may be drawn.
    public struct Appearance: Sendable, Equatable {
        /// Unicode glyphs (shade blocks, arrows, box lines) when true; plain ASCII otherwise.
        public var unicode: Bool
        public init(unicode: Bool) { self.unicode = unicode }
    }

    /// Animation speeds, steps per second, that `[` and `]` step through.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    /// The speed `play` starts at, steps per second.
    public static let defaultSpeed = 20.0
    /// The trail keeps this many points (world units); older ones are forgotten.
    public static let trailCapacity = 2000
    /// The most wall time one tick may account for, seconds: after a stall the run does
    /// not jump ahead by thousands of steps.
    public static let maximumTickSeconds = 0.25
    /// The batch size that `b` chooses first on a data-backed surface (clamped to the data).
    public static let defaultMiniBatch = 8
    /// Start moves (arrows, h j k l) are this fraction of the default view's width/height.
    public static let startMoveFraction = 1.0 / 20.0

    public internal(set) var descent: Descent
    public internal(set) var surfaceName: SurfaceName
    public var appearance: Appearance
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// True once the user asked to quit (`q`, Ctrl-C).
    public internal(set) var shouldQuit = false
    /// True while the help overlay is open.
    public internal(set) var isHelpVisible = false
    /// Past points of the run, oldest first, world units; at most ``trailCapacity``
    /// (plus a little slack that is trimmed in chunks). Cleared on every restart.
    public internal(set) var trail: [Vector2]
    /// The index into ``speeds``.
    var speedIndex: Int
    /// Fractional steps carried between ticks.
    var pendingSteps = 0.0
    /// The user's wish: animate (space) or not. Animation also stops by itself when the
    /// run converges or diverges; see ``isPlaying``.
    var wantsPlay: Bool

    // What a change of surface keeps (SPEC §6 `s`): the seed, the batch mode for
    // data-backed surfaces, the noise switch for analytic ones, and the data the user gave.
    let seed: UInt64
    var batchMode: BatchMode
    var noiseEnabled: Bool
    let initialSurface: SurfaceName
    let initialNoise: Double
    let userData: (kind: DataSurfaceKind, data: Dataset)?

    /// The sampled surface for the current size (see ``Screen/raster(for:levels:width:height:)``).
    var levels: Levels
    var raster: SurfaceRaster

    public init(resolved: Settings.Resolved, appearance: Appearance, width: Int, height: Int, paused: Bool = false) {
        descent = resolved.descent
        surfaceName = resolved.surfaceName
        self.appearance = appearance
        self.width = max(0, width)
        self.height = max(0, height)
        wantsPlay = !paused
        speedIndex = Self.speeds.firstIndex(of: Self.defaultSpeed) ?? 0
        trail = [resolved.descent.point]
        let source = resolved.descent.source
        seed = source.seed
        batchMode = source.mode
        initialSurface = resolved.surfaceName
        initialNoise = source.noise
        noiseEnabled = source.noise > 0
        if case .data(let kind) = resolved.surfaceName, let surface = resolved.descent.surface as? DataSurface {
            userData = (kind, surface.data)
        } else {
            userData = nil
        }
        levels = Levels(surface: resolved.descent.surface)
        raster = Screen.raster(for: resolved.descent.surface, levels: levels, width: self.width, height: self.height)
    }

    /// True while animating: the loop should send ticks at ``frameInterval``. False while
    /// paused, converged or diverged: the loop may block on input.
    public var isPlaying: Bool { wantsPlay && descent.status == .running }

    /// Whether the loop should send ticks; the same as ``isPlaying`` (nothing else animates).
    public var needsTicks: Bool { isPlaying }

    /// The animation speed, steps per second.
    public var stepsPerSecond: Double { Self.speeds[speedIndex] }

    /// Seconds between ticks the loop should use: one step per tick at slow speeds (at
    /// most 4 frames a second), 30 frames a second from 30 steps per second up.
    public var frameInterval: Double {
        min(0.25, max(1.0 / 30.0, 1 / stepsPerSecond))
    }

    /// The run's state as the status area words it.
    public var runState: RunState { RunState(status: descent.status, playing: wantsPlay) }

    /// The glyph set of the appearance.
    var glyphs: Glyphs { Glyphs.forTerminal(unicode: appearance.unicode) }

    /// The screen for the current state, exactly `width × height` cells.
    public func view() -> CellGrid {
        let scene = Scene(
            surface: descent.surface,
            raster: raster,
            trail: trail.suffix(Self.trailCapacity),
            start: descent.start,
            current: descent.point,
            status: StatusInfo(descent: descent, playing: wantsPlay, stepsPerSecond: stepsPerSecond),
            help: isHelpVisible ? KeyBindings.helpRows : nil,
            glyphs: glyphs
        )
        return Screen.render(scene, width: width, height: height)
    }
}

extension Model: CustomStringConvertible {
    /// A one-line summary for logs and test failures: surface, optimizer, step, state, size.
    public var description: String {
        "Model(\(surfaceName), \(descent.optimizer.kind.name), step \(descent.step), \(runState.text), "
            + "\(width)×\(height)\(isHelpVisible ? ", help" : ""))"
    }
}
