import DownhillCore
import DownhillRender
import DownhillSetup

/// The interactive app's state (the Elm-style model): the descent (or, in race mode, the
/// racers) with their trails, the teaching panels, the animation and the screen. Pure:
/// ``update(_:)`` changes it (see `Update.swift`), ``view()`` draws it; nothing here reads
/// a clock or touches the terminal.
///
/// The expensive part of a frame, the sampled surface, is kept in the model as a value
/// and rebuilt by `update` only when the surface, the screen size or the sidebar changes,
/// so `view()` stays cheap and pure.
public struct Model: Sendable {
    /// How the screen may be drawn.
    public struct Appearance: Sendable, Equatable {
        /// Unicode glyphs (shade blocks, arrows, box lines) when true; plain ASCII otherwise.
        public var unicode: Bool
        /// The colours the screen is drawn in: any renderer maps the view's inks through
        /// ``Palette/style(for:depth:theme:)`` with it (the grid itself names no colour).
        public var theme: Theme
        public init(unicode: Bool, theme: Theme = .dark) {
            self.unicode = unicode
            self.theme = theme
        }
    }

    /// Animation speeds, steps per second, that `[` and `]` step through.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    /// The speed `play` starts at, steps per second.
    public static let defaultSpeed = 20.0
    /// The trail keeps this many points (world units); older ones are forgotten.
    public static let trailCapacity = Track.trailCapacity
    /// The most wall time one tick may account for, seconds: after a stall the run does
    /// not jump ahead by thousands of steps.
    public static let maximumTickSeconds = 0.25
    /// The batch size that `b` chooses first on a data-backed surface (clamped to the data).
    public static let defaultMiniBatch = 8
    /// Start moves (arrows, h j k l) are this fraction of the default view's width/height.
    public static let startMoveFraction = 1.0 / 20.0
    /// The update rules `c` races when no `--race` lineup was given (the current one joins them).
    public static let defaultRace = ["gd", "momentum", "rmsprop", "adam"]
    /// The learning-rate ghosts: these multiples of the current η.
    public static let ghostFactors: [Double] = [0.25, 0.5, 2, 4]
    /// How long a notice stays, seconds of ticks; the command line of `p` stays longer.
    public static let noticeSeconds = 4.0
    public static let commandNoticeSeconds = 12.0
    /// The learning rates `+` and `-` move between; a press that cannot move further says so.
    public static let learningRateLimits: ClosedRange<Double> = 1e-9...1000
    /// Ghosts switched on mid-run replay at most this many steps to catch up.
    public static let ghostReplayLimit = 20_000
    /// When `play` calls a run diverged before its numbers overflow (``RunawayLimits``: the
    /// loss 10¹² times its start, or the point 10⁶ view widths away); `run` keeps SPEC §5.
    public static let runawayLimits = RunawayLimits()
    /// While animating, the readouts (status, race legend, side panels) are brought up to
    /// date at most this often, in seconds of ticks; the plot moves every frame. See ``readout``.
    public static let readoutInterval = 0.2

    /// The runs on screen: one in solo mode, one per racer (in `--race` order) in race mode.
    public internal(set) var tracks: [Track]
    /// The index of the track that the status, the gauge, the maths panel and `+`/`-`
    /// follow (`Tab` changes it in race mode).
    public internal(set) var selected = 0
    /// True in race mode (`c`, `--race`).
    public internal(set) var isRacing = false
    /// The learning-rate ghosts of the solo descent (empty unless switched on, and in race mode).
    public internal(set) var ghosts: [Track] = []
    /// The surface's name (``Surfaces``).
    public var surfaceName: String { descent.surface.name }
    public var appearance: Appearance
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// True once the user asked to quit (`q`, Ctrl-C).
    public internal(set) var shouldQuit = false
    /// True while the help overlay is open.
    public internal(set) var isHelpVisible = false {
        didSet { if !isHelpVisible { helpPage = 0 } }
    }
    /// The help's page shown (0-based): `?` shows the next while there is one
    /// (``helpPageCount``), then closes the help.
    public internal(set) var helpPage = 0
    /// The panels and overlays switched on, by ``PanelEntry/name``. The data panel stays
    /// asked for on an analytic surface (it shows nothing there) and comes back on a
    /// data-backed one.
    public internal(set) var openPanels: Set<String> = []
    /// A short message over the bottom of the plot (the reproducing command line, race
    /// notes, a key that had no effect); the next key or click clears it, and so do
    /// ``noticeSeconds`` (``commandNoticeSeconds`` for the command line) of ticks.
    public internal(set) var notice: String?
    /// Seconds of ticks left before ``notice`` is cleared.
    var noticeSecondsLeft = 0.0
    /// The part of the plane shown (world units), nil for the surface's default view
    /// (`z`/`Z` zoom, `f` fits the path, `F` goes back, `--view`).
    public internal(set) var plotView: ViewBox?
    /// True while runs are stopped by ``runawayLimits`` (the screen); false when the model
    /// replays a session script for `run --script`, which keeps SPEC §5's non-finite rule.
    var stopsRunaways = true
    /// The part of the plane on screen: ``plotView`` or the surface's default view.
    var shownView: ViewBox { plotView ?? descent.surface.defaultView }
    /// The index into ``speeds``.
    var speedIndex: Int
    /// Fractional steps carried between ticks.
    var pendingSteps = 0.0
    /// The user's wish: animate (space) or not. Animation also stops by itself when every
    /// run has converged or diverged; see ``isPlaying``.
    var wantsPlay: Bool
    /// The race `c` starts: each rule with its options and the learning rate the user gave
    /// it, nil for the surface's default. Leaving a race remembers its racers here.
    var lineup: [OptimizerSetup]

    /// What a change of surface keeps (SPEC §6 `s`): the seed, the batch mode for
    /// data-backed surfaces, the noise switch for analytic ones, and the data the user gave.
    struct Session: Sendable {
        var seed: UInt64
        var batchMode: BatchMode
        var noiseEnabled: Bool
        var initialSurface: String
        var initialNoise: Double
        /// The data set given with `--data`, for the surface it was given for, and its path.
        var userData: (surface: String, data: Dataset, path: String?)?

        init(_ resolved: Resolved) {
            let source = resolved.descent.source
            let surface = resolved.surface
            seed = source.seed
            batchMode = source.mode
            initialSurface = surface.name
            initialNoise = source.noise
            noiseEnabled = source.noise > 0
            userData = resolved.setup.dataPath.flatMap { path in surface.dataset.map { (surface.name, $0, path) } }
        }
    }
    var session: Session
    /// The `:` command line while it is open (``CommandPrompt``), and the lines entered.
    public internal(set) var prompt: CommandPrompt?
    var promptHistory: [String] = []
    /// Every step and change so far (``History``): `,` `.` `{` `}` move through it.
    var history = History()
    /// The session script being replayed (`--script`, a lesson's changes), nil when none.
    var playback: Playback?
    /// The selected run's step at which the animation pauses by itself (a script's end, a
    /// lesson scene's last step), nil when none.
    var stopAtStep: Int?
    /// The lesson being given (`downhill lesson`), nil outside lessons.
    var lesson: LessonState?
    /// In a lesson below the sidebar's width, the scene's panels cover the plot only once a
    /// panel key asked for them: the plot is what the caption talks about. Each scene starts
    /// with the plot.
    var lessonPanelsShown = false

    /// The runs (and ghosts) as the readouts show them while animating, or nil when they
    /// show the runs as they are. Numbers that change every frame are unreadable anyway,
    /// and over a slow link they are most of each frame's bytes (a frame of the plot alone
    /// is a few dozen bytes, the status and panels a few hundred): so while playing, the
    /// readouts are refreshed every ``readoutInterval`` seconds of animation, and at once
    /// after any key, click or resize, when a run converges or diverges, and when the
    /// animation stops.
    var readout: (tracks: [Track], ghosts: [Track])?
    /// Seconds of ticks since the readouts were last brought up to date.
    var readoutAge = 0.0

    /// The sampled surface for the current size (see ``Screen/raster(for:levels:width:height:sidebar:)``).
    var levels: Levels
    var raster: SurfaceRaster
    /// The data panel's points and axes for the current surface (nil on an analytic one):
    /// built with the surface, so a frame does not rescan a large data set.
    var scatter: DataScatter?
    /// The η sweep of the `w` panel and the basin map of `a`, computed a chunk per tick
    /// while their panel is open (see `Landscape.swift`); nil while closed.
    var sweepWork: ProgressiveSweep?
    var basinWork: BasinMap?
    /// The terrain view's camera (`y Y e E`, a drag; `F` puts it back), kept while the view is off.
    public internal(set) var camera = TerrainCamera.standard
    /// The terrain as the camera sees it (see `TerrainView.swift`); nil while the view is off
    /// or has no room.
    var terrain: TerrainRaster?
    /// The cell where the mouse was last pressed or dragged over the terrain: a drag turns
    /// the camera by its moves from there. Nil when the last press was elsewhere.
    var dragFrom: (column: Int, row: Int)?

    /// A model for a resolved setup: solo, or racing when the setup has a lineup.
    /// - Parameters:
    ///   - paused: start paused (`--paused`).
    public init(resolved: Resolved, appearance: Appearance, width: Int, height: Int, paused: Bool = false) {
        self.appearance = appearance
        self.width = max(0, width)
        self.height = max(0, height)
        wantsPlay = !paused
        speedIndex = Self.speeds.firstIndex(of: Self.defaultSpeed) ?? 0
        let surface = resolved.surface
        session = Session(resolved)
        tracks = resolved.descents.map(Track.init)
        isRacing = resolved.isRace
        lineup = isRacing ? resolved.descents.map(Self.lineupEntry)
            : Self.defaultRace.compactMap { UpdateRules.named($0).map { OptimizerSetup(rule: $0) } }
        plotView = resolved.setup.view
        levels = Levels(surface: surface)
        raster = Screen.raster(for: surface, levels: levels, width: self.width, height: self.height, sidebar: isRacing,
                               view: plotView)
        scatter = Self.scatter(for: surface)
        recordMark("start")
    }

    /// The data panel's scatter for a surface: its data's, or nil for an analytic surface.
    static func scatter(for surface: any LossSurface) -> DataScatter? {
        (surface as? DataSurface).map { DataScatter(kind: $0.kind, data: $0.data) }
    }

    /// The benchmark scene of the issue: all seven optimizers racing on `surface` from its
    /// default start, after `steps` steps, with their trails and the loss chart, at
    /// `width × height` cells (Unicode). Time ``view()`` on it.
    public static func raceOfAllOptimizers(surface: String = "rosenbrock", steps: Int = 1000,
                                           width: Int = 160, height: Int = 48) throws -> Model {
        var setup = Setup()
        setup.surface = surface
        setup.race = UpdateRules.all.prefix(Race.maximumRacers).map { OptimizerSetup(rule: $0) }
        var model = Model(resolved: try setup.resolve(), appearance: .init(unicode: true), width: width, height: height,
                          paused: true)
        model.perform(.togglePanel("chart"))
        model.advance(steps: steps)
        return model
    }

    /// The selected descent: the solo one, or the selected racer.
    public internal(set) var descent: Descent {
        get { tracks[selected].descent }
        set { tracks[selected].descent = newValue }
    }

    /// The selected descent's past points, oldest first, world units.
    public var trail: [Vector2] { tracks[selected].trail }

    /// True while animating: the loop should send ticks at ``frameInterval``. False while
    /// paused, or when every run has converged or diverged: the loop may block on input.
    public var isPlaying: Bool { wantsPlay && (isAnyRunning || isPlaybackPending) }

    /// True while some run is still running (not converged, not diverged).
    var isAnyRunning: Bool { tracks.contains { $0.descent.status == .running } }

    /// Whether the loop should send ticks: while animating, while a notice is shown
    /// (ticks expire it), and while the η sweep or the basin map is being computed (each
    /// tick computes a chunk).
    public var needsTicks: Bool { isPlaying || notice != nil || hasPendingWork }

    /// The animation speed, steps per second.
    public var stepsPerSecond: Double { Self.speeds[speedIndex] }

    /// Seconds between ticks the loop should use: one step per tick at slow speeds (at
    /// most 4 frames a second), 30 frames a second from 30 steps per second up; 4 a
    /// second when only a notice is waiting to expire.
    public var frameInterval: Double {
        if hasPendingWork { return 1.0 / 30.0 }
        return isPlaying ? min(0.25, max(1.0 / 30.0, 1 / stepsPerSecond)) : 0.25
    }

    /// The selected run's state as the status area words it.
    public var runState: RunState { RunState(status: descent.status, playing: wantsPlay) }

    /// The setup that reproduces the current state from its start: the surface (with the
    /// `--data` file it came from), the solo rule or the lineup with every run's options
    /// and η as they are now (η only when it is not the surface's default for the rule: a
    /// data surface's default is computed from its data, 0.1352458123410995, and the same
    /// data give it back), the start, the gradient source and the seed.
    public var currentSetup: Setup {
        var setup = Self.setup(tracks: tracks, selected: selected, isRacing: isRacing, session: session)
        setup.view = plotView
        return setup
    }

    /// The setup of these runs (``currentSetup`` without the view).
    static func setup(tracks: [Track], selected: Int, isRacing: Bool, session: Session) -> Setup {
        var setup = Setup()
        let d = tracks[selected].descent
        setup.surface = d.surface.surfaceArgument
        setup.surfaceOptions = d.surface.surfaceOptions
        setup.dataPath = session.userData.flatMap { $0.surface == d.surface.name ? $0.path : nil }
        setup.optimizer = Self.lineupEntry(d)
        // Racers at their surface's default η leave it out, so the lineup reads as typed.
        if isRacing { setup.race = tracks.map { Self.lineupEntry($0.descent) } }
        setup.start = d.start
        setup.batch = d.source.mode
        setup.noise = d.source.noise
        setup.seed = d.source.seed
        return setup
    }

    /// The `downhill` command line that reproduces the current setup (``currentSetup``,
    /// printed by the codec) and screen: the open panels that can open here (`--show`, in
    /// ``PanelRegistry`` order) and the speed when it is not the default (`--speed`); not the
    /// theme, which belongs to the terminal. `p` shows it; the program prints it on standard
    /// error when it quits.
    public var reproduceCommand: String {
        SetupCodec.commandLine(currentSetup, panels: reproducedPanels, speed: stepsPerSecond == Self.defaultSpeed ? nil : stepsPerSecond)
    }

    /// The open panels `--show` can open again for this setup, in ``PanelRegistry`` order
    /// (the data panel kept asked for on an analytic surface is left out: `--show` refuses it there).
    var reproducedPanels: [String] {
        PanelRegistry.all.filter { isOpen($0.name) && $0.refusal(self) == nil }.map(\.name)
    }

    /// True when the panel or overlay `name` (``PanelRegistry``) is switched on.
    public func isOpen(_ name: String) -> Bool { openPanels.contains(name) }

    /// True when the plot makes room for the sidebar (race mode or an open panel).
    var wantsSidebar: Bool { isRacing || PanelRegistry.all.contains { isOpen($0.name) && $0.occupiesSidebar(self) } }

    /// The glyph set of the appearance.
    var glyphs: Glyphs { Glyphs.forTerminal(unicode: appearance.unicode) }

    /// A lineup entry for a racer: its rule, and its learning rate unless it is the
    /// surface's default.
    static func lineupEntry(_ d: Descent) -> OptimizerSetup {
        let rule = d.optimizer.rule
        return OptimizerSetup(rule: rule, learningRate: d.learningRate == d.surface.defaultLearningRate(for: rule) ? nil : d.learningRate,
                              schedule: d.optimizer.schedule)
    }

    /// The screen for the current state, exactly `width × height` cells.
    public func view() -> CellGrid {
        let glyphs = glyphs
        let track = tracks[selected]
        // The readouts: the runs as they were at the last refresh while animating.
        var shown = self
        if let readout {
            shown.tracks = readout.tracks
            shown.ghosts = readout.ghosts
        }
        let read = shown.tracks[selected]
        var status = StatusInfo(descent: read.descent, playing: wantsPlay, stepsPerSecond: stepsPerSecond)
        if read.descent.status == .running { status.regime = read.regime.phrase }
        if isRacing { status.racer = selected }
        if !history.isAtEnd { status.historyBack = history.momentsBack }
        if !ghosts.isEmpty {
            // Each ghost by its head and its own η (`¼:0.01`), as the run at that η would say it.
            status.ghostFactors = ghosts.indices.map { i in
                glyphs.text(String(glyphs.ghostHeads[i % glyphs.ghostHeads.count])) + ":"
                    + StatusBar.compact(ghosts[i].descent.learningRate)
            }
        }
        // Racers in slot order with the selected one last, so it is drawn on top.
        let order = tracks.indices.filter { $0 != selected } + [selected]
        let racers: [TrackPath] = !isRacing ? [] : order.map { i in
            let d = tracks[i].descent
            return TrackPath(trail: tracks[i].trail[...], current: d.point,
                             head: d.isDiverged ? glyphs.droppedOut : glyphs.racer(i), headInk: .racer(i),
                             trailInk: .racerTrail(i), marksPoints: true)
        }
        let ghostPaths = ghosts.indices.map { i in
            TrackPath(trail: ghosts[i].trail[...], current: ghosts[i].descent.point,
                      head: glyphs.ghostHeads[i % glyphs.ghostHeads.count], headInk: .ghost, trailInk: .ghost,
                      marksPoints: false, segmentGlyph: glyphs.ghostTrails[i % glyphs.ghostTrails.count],
                      keepsSegmentsInView: true)
        }
        var scene = Scene(
            surface: track.descent.surface,
            raster: raster,
            trail: track.trail[...],
            start: track.descent.start,
            current: track.descent.point,
            status: status,
            help: isHelpVisible ? helpRows : nil,
            glyphs: glyphs,
            racers: racers,
            ghosts: ghostPaths,
            panels: shown.panels(order: order),
            notice: shownNotice,
            view: plotView,
            basins: isOpen("basins") ? basinWork : nil
        )
        scene.helpPage = helpPage
        scene.prompt = prompt?.text
        scene.caption = caption
        scene.panelsOverPlot = lesson == nil || lessonPanelsShown
        scene.terrain = isOpen("terrain") ? terrain : nil
        return Screen.render(scene, width: width, height: height)
    }

    /// The notice as the screen shows it (or the failure of the selected run): in a
    /// shorter wording, where the notice has one, when it would not fit whole.
    var shownNotice: String? {
        guard let text = notice ?? failureNotice else { return nil }
        let shorter = text == Self.terrainTooSmallNotice ? Self.terrainTooSmallShortNotices : []
        guard !shorter.isEmpty else { return text }
        let plot = ScreenLayout(width: width, height: height, sidebar: wantsSidebar, terrain: terrainArea != nil).plot
        return ([text] + shorter).first { Screen.noticeFits(glyphs.text($0), in: plot) } ?? shorter[shorter.count - 1]
    }

    /// The help's rows: every key binding, then the legend of the plot's marks.
    var helpRows: [HelpRow] {
        // In a lesson its own keys come first (Enter and Backspace mean nothing in play).
        let lessonRows = lesson == nil ? [] : [
            HelpRow(keys: "Enter", action: "lesson: the next scene", priority: HelpRow.essential),
            HelpRow(keys: "Backspace", action: "lesson: the previous scene", priority: HelpRow.essential),
        ]
        return lessonRows + KeyBindings.helpRows + Legend.helpRows(glyphs: glyphs, spacing: raster.levels.spacing)
    }

    /// How many pages the help takes at this size (1 when it fits whole).
    public var helpPageCount: Int {
        HelpOverlay.pages(helpRows, width: width, height: height, top: ScreenLayout(width: width, height: height).plot.top).count
    }

    /// Why the selected run stopped, when a step failed rather than overflowed (0/0 with
    /// ε = 0, a singular Hessian): the run's own message, as `run` prints it, shown where
    /// notices are for as long as the run stays stopped (a notice given since wins).
    var failureNotice: String? {
        guard case .diverged(let k) = descent.status, let failure = descent.failure else { return nil }
        return (isRacing ? "racer \(glyphs.racer(selected)) " : "") + failure.message(step: k)
    }

    /// The open panels' contents, top to bottom; `order` is the racers' drawing order.
    func panels(order: [Int]) -> Panels {
        var items: [any SidePanel] = []
        if isRacing {
            let ranking = Race(racers: tracks.map(\.descent)).ranking
            let runs = tracks.map { ($0.descent.optimizer.rule, $0.descent.learningRate) }
            let schedules = tracks.map { $0.descent.optimizer.schedule.map { s in ([s.name] + s.arguments.map(SettingsError.text)).joined(separator: ":") } }
            let labels = RaceLegend.labels(runs, schedules: schedules), shortLabels = RaceLegend.shortLabels(runs, schedules: schedules)
            let showsRates = RaceLegend.showsLearningRates(tracks.map(\.descent.learningRate))
            items.append(RaceLegendContent(ranking.map { i in
                let r = tracks[i].descent
                var divergedAt: Int?
                if case .diverged(let k) = r.status { divergedAt = k }
                return LegendEntry(slot: i, label: labels[i], shortLabel: shortLabels[i], learningRate: showsRates ? r.learningRate : nil, step: r.step,
                                   loss: r.current.loss, divergedAt: divergedAt, isSelected: i == selected)
            }))
        }
        for entry in PanelRegistry.all where isOpen(entry.name) {
            if let content = entry.content(self, order) { items.append(content) }
        }
        return Panels(items)
    }
}

extension Model: CustomStringConvertible {
    /// A one-line summary for logs and test failures: surface, optimizer, step, state, size.
    public var description: String {
        "Model(\(surfaceName), \(isRacing ? "race of \(tracks.count), " : "")\(descent.optimizer.name), "
            + "step \(descent.step), \(runState.text), \(width)×\(height)\(isHelpVisible ? ", help" : ""))"
    }
}
