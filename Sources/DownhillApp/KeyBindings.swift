import DownhillCore
import DownhillRender

/// What a key asks the app to do. ``Model/update(_:)`` carries actions out; the binding
/// table below says which key means which action.
public enum Action: Equatable, Sendable {
    /// The history's label for what this action changes in the runs (a mark to go back
    /// to with `{`), or nil when it changes none (steps, panels, the view, the speed).
    var historyMark: String? {
        switch self {
        case .togglePlay, .restart: "restart"
        case .scaleLearningRate: "η"
        case .cycleOptimizer, .chooseOptimizer: "optimizer"
        case .cycleSelection: "optimizer"
        case .cycleSurface: "surface"
        case .moveStart: "start moved"
        case .cycleGradientSource: "gradient source"
        case .toggleRace: "race"
        default: nil
        }
    }

    case togglePlay
    case step
    /// η one rung up (`up`) or down ``LearningRateLadder`` (1 1.25 1.6 2 2.5 3.2 4 5 6.3 8 × 10ᵏ).
    case scaleLearningRate(up: Bool)
    /// The next (+1) or previous (−1) optimizer in SPEC order.
    case cycleOptimizer(by: Int)
    /// The update rule at this index of ``UpdateRules/all`` (digits 1…9).
    case chooseOptimizer(Int)
    /// The next (+1) or previous (−1) surface in ``Surfaces/all`` order.
    case cycleSurface(by: Int)
    /// Move the start by (dx, dy) twentieths of the view, y up, and restart.
    case moveStart(dx: Int, dy: Int)
    case restart
    /// Faster (+1) or slower (−1) animation.
    case changeSpeed(by: Int)
    /// Data-backed: full → mini-batch → SGD; analytic: gradient noise on/off.
    case cycleGradientSource
    /// Race mode: select the next (+1) or previous (−1) racer; solo: like ``cycleOptimizer(by:)``.
    case cycleSelection(by: Int)
    /// Race mode on (the lineup from the start point) or off (going on with the selected racer).
    case toggleRace
    /// Switch the panel or overlay of ``PanelRegistry`` with this name on or off.
    case togglePanel(String)
    /// Zoom the view by this factor around the point (< 1: in).
    case zoom(Double)
    /// Fit the view to the whole path; back to the surface's view (and the terrain's standard camera).
    case fitPath, resetView
    /// Turn the terrain view's camera by these degrees of azimuth and elevation.
    case rotateTerrain(azimuth: Double, elevation: Double)
    /// A move through the history: one moment back or forward, to the previous or next mark.
    case history(HistoryMove)
    /// Opens the `:` command line (``CommandPrompt``).
    case openPrompt
    /// Shows the command line that reproduces the current setup.
    case showReproduceCommand
    case toggleHelp
    case closeHelp
    case quit
}

/// One row of the binding table: keys, each with its action, and the help text.
public struct KeyBinding: Sendable {
    public let keys: [(key: Key, action: Action)]
    /// How the help overlay shows the keys, when the default (each key's name, digit runs
    /// as `1…7`) is not wanted; `click` has no key.
    public let label: String?
    public let help: String
    /// A shorter help text for narrow screens (``HelpRow/short``).
    public let short: String?
    /// How essential the row is when the help must leave rows out (``HelpRow/priority``).
    public let priority: Int

    init(_ keys: [(Key, Action)], label: String? = nil, _ help: String, short: String? = nil, priority: Int) {
        self.keys = keys.map { (key: $0.0, action: $0.1) }
        self.label = label
        self.help = help
        self.short = short
        self.priority = priority
    }

    init(_ keys: [Key], _ action: Action, _ help: String, short: String? = nil, priority: Int) {
        self.init(keys.map { ($0, action) }, help, short: short, priority: priority)
    }
}

/// The key bindings (SPEC §6 and a few extras): the one table that ``Model/update(_:)``
/// looks keys up in and that the help overlay lists, so help and behaviour cannot drift.
public enum KeyBindings {
    public static let table: [KeyBinding] = head + PanelRegistry.all.sorted { $0.priority > $1.priority }.map { entry in
        KeyBinding([.char(entry.key)], .togglePanel(entry.name), entry.help, short: entry.short, priority: entry.priority)
    } + tail

    /// The rows before the panels' (which come from ``PanelRegistry``, the most essential
    /// first) and after them.
    static let head: [KeyBinding] = [
        KeyBinding([.char(" ")], .togglePlay, "play / pause (replays a finished run)", short: "play / pause", priority: 95),
        KeyBinding([.char("n")], .step, "one step (pauses first)", short: "one step", priority: 70),
        KeyBinding([(.char("+"), .scaleLearningRate(up: true)), (.char("-"), .scaleLearningRate(up: false)),
                    (.char("="), .scaleLearningRate(up: true)), (.char("_"), .scaleLearningRate(up: false))],
                   label: "+ - = _", "η up / down: 1 1.25 1.6 2 2.5 3.2 4 5 6.3 8", short: "η up / down", priority: 90),
        KeyBinding([(.char("o"), .cycleOptimizer(by: 1)), (.char("O"), .cycleOptimizer(by: -1))],
                   "next / previous optimizer", short: "optimizer", priority: 85),
        KeyBinding([(.tab, .cycleSelection(by: 1)), (.backTab, .cycleSelection(by: -1))],
                   "race: select racer (+ - o act on it); solo: o O", short: "select racer", priority: 40),
        KeyBinding(UpdateRules.all.prefix(9).indices.map { (.char(Character(String($0 + 1))), .chooseOptimizer($0)) },
                   UpdateRules.names.prefix(9).joined(separator: " "), short: "choose optimizer", priority: 50),
        KeyBinding([(.char("s"), .cycleSurface(by: 1)), (.char("S"), .cycleSurface(by: -1))], "next / previous surface",
                   short: "surface", priority: 80),
        KeyBinding([(.left, .moveStart(dx: -1, dy: 0)), (.right, .moveStart(dx: 1, dy: 0)),
                    (.up, .moveStart(dx: 0, dy: 1)), (.down, .moveStart(dx: 0, dy: -1)),
                    (.char("h"), .moveStart(dx: -1, dy: 0)), (.char("l"), .moveStart(dx: 1, dy: 0)),
                    (.char("k"), .moveStart(dx: 0, dy: 1)), (.char("j"), .moveStart(dx: 0, dy: -1))],
                   label: "arrows h j k l", "move the start point, restart", short: "move the start", priority: 75),
        KeyBinding([], label: "click", "start from the clicked point", short: "start there", priority: 20),
        KeyBinding([.char("r")], .restart, "restart from the start point", short: "restart", priority: 72),
        KeyBinding([(.char("]"), .changeSpeed(by: 1)), (.char("["), .changeSpeed(by: -1)),
                    (.char(">"), .changeSpeed(by: 1)), (.char("<"), .changeSpeed(by: -1))],
                   label: "] [ > <", "faster / slower (1 to 5000 steps/s)", short: "faster / slower", priority: 65),
        KeyBinding([.char("b")], .cycleGradientSource, "noise on/off; data: full → mini-batch → SGD",
                   short: "noise / batches", priority: 45),
        KeyBinding([.char("c")], .toggleRace, "race optimizers from the start (again: solo)", short: "race optimizers", priority: 55),
        KeyBinding([(.char(","), .history(.back)), (.char("."), .history(.forward))], "one step back / forward in the history",
                   short: "step back / forward", priority: 68),
        KeyBinding([(.char("{"), .history(.previousMark)), (.char("}"), .history(.nextMark))],
                   "back / forward to the previous / next change or restart", short: "previous / next mark", priority: 43),
        KeyBinding([(.char("z"), .zoom(1 / 1.5)), (.char("Z"), .zoom(1.5))], "zoom in / out around the point",
                   short: "zoom", priority: 42),
        KeyBinding([(.char("f"), .fitPath), (.char("F"), .resetView)], "fit the view to the path / the surface's view",
                   short: "fit / reset view", priority: 41),
        KeyBinding([(.char("y"), .rotateTerrain(azimuth: -Model.azimuthStep, elevation: 0)),
                    (.char("Y"), .rotateTerrain(azimuth: Model.azimuthStep, elevation: 0)),
                    (.char("e"), .rotateTerrain(azimuth: 0, elevation: -Model.elevationStep)),
                    (.char("E"), .rotateTerrain(azimuth: 0, elevation: Model.elevationStep))],
                   "terrain: turn / tilt the camera (or drag it; F resets)", short: "turn / tilt terrain", priority: 39),
    ]

    static let tail: [KeyBinding] = [
        KeyBinding([.char(":")], .openPrompt, "type a setting, e.g. :lr 0.1 (Tab completes)",
                   short: "type a setting", priority: 60),
        KeyBinding([.char("p")], .showReproduceCommand, "show the command line that reproduces this",
                   short: "command line", priority: 30),
        KeyBinding([(.char("?"), .toggleHelp), (.escape, .closeHelp)], "this help (again: next page, or close; other keys close it)",
                   short: "this help", priority: HelpRow.essential),
        KeyBinding([.char("q"), .control("c")], .quit, "quit", priority: HelpRow.essential),
    ]

    /// The action bound to a key, or nil.
    public static func action(for key: Key) -> Action? { lookup[key] }

    static let lookup: [Key: Action] = {
        var map: [Key: Action] = [:]
        for binding in table {
            for (key, action) in binding.keys where map[key] == nil { map[key] = action }
        }
        return map
    }()

    /// The help overlay's rows: every binding, keys as shown to the user.
    public static var helpRows: [HelpRow] {
        table.map { HelpRow(keys: $0.label ?? keyLabel($0.keys.map(\.key)), action: $0.help, short: $0.short,
                            priority: $0.priority) }
    }

    /// Keys as the help shows them: names joined by spaces, a run of digits as `1…7`.
    static func keyLabel(_ keys: [Key]) -> String {
        let digits = keys.compactMap { key -> Int? in
            if case .char(let c) = key { return c.wholeNumberValue } else { return nil }
        }
        if digits.count == keys.count, digits.count > 2, let first = digits.first, let last = digits.last,
           digits == Array(first...last) {
            return "\(first)…\(last)"
        }
        return keys.map(name).joined(separator: " ")
    }

    /// The name of one key in the help.
    public static func name(_ key: Key) -> String {
        switch key {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .tab: "Tab"
        case .backTab: "⇧Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .control(let c): "Ctrl-" + String(c).uppercased()
        case .other: "other key"
        }
    }
}
