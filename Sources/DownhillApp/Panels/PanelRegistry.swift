import DownhillCore
import DownhillRender

/// A view the user switches on and off with one key and `--show` word: a side panel (its
/// drawing is its own file in DownhillRender, behind ``SidePanel``) or an overlay of the
/// plot (the ghosts). Adding a panel is its drawing file and one entry in ``PanelRegistry``;
/// the key table, the help and `--show` read the registry.
public struct PanelEntry: Sendable {
    /// The `--show` word (`chart`).
    public let name: String
    /// The key that switches it (`g`).
    public let key: Character
    /// The help overlay's text, its short form for narrow screens, and how essential it is.
    public let help: String
    public let short: String
    public let priority: Int
    /// What switching it changes besides redrawing: the plot's width (a side panel), the
    /// ghosts (an overlay).
    let effects: Effects
    /// Why it cannot be switched on now (shown as a notice), or nil.
    public let refusal: @Sendable (Model) -> String?
    /// True when, switched on, it takes room in the sidebar now.
    let occupiesSidebar: @Sendable (Model) -> Bool
    /// Its side panel for the model (racers in drawing order `order`), or nil.
    let content: @Sendable (Model, _ order: [Int]) -> (any SidePanel)?
}

/// Every panel and overlay, in the sidebar's order (top to bottom, below the race legend).
public enum PanelRegistry {
    public static let all: [PanelEntry] = [gauge, maths, data, basins, chart, sweep, ghosts, terrain]

    /// The entry called `name`, or nil.
    public static func named(_ name: String) -> PanelEntry? { all.first { $0.name == name } }

    static let gauge = PanelEntry(
        name: "gauge", key: "i", help: "stability gauge (η·λmax vs its limit)", short: "stability gauge", priority: 47,
        effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil }, occupiesSidebar: { _ in true },
        content: { m, _ in StabilityContent(m.descent) })

    static let maths = PanelEntry(
        name: "maths", key: "m", help: "maths of the last step (g, state, Δθ)", short: "maths panel", priority: 46,
        effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil }, occupiesSidebar: { _ in true },
        content: { m, _ in
            let rule = m.descent.optimizer.rule
            // Coupled weight decay is part of the step: g there is ∇L + λθ.
            let formula = (rule.coupledDecay != 0 ? "g ← ∇L + λθ;  " : "") + rule.formula
            return MathsContent(name: rule.name, formula: formula, record: m.tracks[m.selected].lastStep,
                                parameterNames: m.descent.surface.parameterNames)
        })

    static let data = PanelEntry(
        name: "data", key: "d", help: "data panel: the data and the model's curve", short: "data panel", priority: 44,
        effects: [.rebuildRaster, .checkPanels],
        refusal: { m in m.scatter == nil ? "the data panel needs a data-backed surface (" + Surfaces.dataBackedNames.joined(separator: ", ") + ")" : nil },
        occupiesSidebar: { m in m.scatter != nil },
        content: { m, order in
            guard let scatter = m.scatter else { return nil }
            // Ghosts under the descent; racers in drawing order, the selected one last (on top).
            let curves = m.isRacing ? order.map { DataCurve(parameters: m.tracks[$0].descent.point, ink: .racer($0)) }
                : m.ghosts.map { DataCurve(parameters: $0.descent.point, ink: .ghost) } + [DataCurve(parameters: m.descent.point, ink: .trail(0))]
            return DataContent(scatter: scatter, curves: curves)
        })

    static let chart = PanelEntry(
        name: "chart", key: "g", help: "loss chart: loss against step", short: "loss chart", priority: 48,
        effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil }, occupiesSidebar: { _ in true },
        content: { m, order in
            let ghostLines = m.ghosts.map { LossSeries(history: $0.losses, ink: .ghost) }
            let lines = m.isRacing ? order.map { LossSeries(history: m.tracks[$0].losses, ink: .racer($0)) }
                : [LossSeries(history: m.tracks[m.selected].losses, ink: .trail(0))]
            return LossChartContent(ghostLines + lines)
        })

    /// The η sweep (SPEC §9): loss after K steps against η, computed a chunk per tick.
    static let sweep = PanelEntry(
        name: "sweep", key: "w", help: "η sweep: loss after \(Model.instrumentSteps) steps against η (log–log)", short: "η sweep",
        priority: 19, effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil }, occupiesSidebar: { _ in true },
        content: { m, _ in m.sweepContent })

    /// The basin map (SPEC §9): an overlay of the plot, with its legend in the sidebar.
    static let basins = PanelEntry(
        name: "basins", key: "a", help: "basin map: the minimum each start reaches in \(Model.instrumentSteps) steps",
        short: "basin map", priority: 18, effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil },
        occupiesSidebar: { _ in true }, content: { m, _ in m.basinLegend })

    /// The terrain view: the surface in 3-D beside the contour plot or in its place (see
    /// ``ScreenLayout/terrain``); turned with `y Y e E` and a drag.
    static let terrain = PanelEntry(
        name: "terrain", key: "t", help: "terrain: the surface in 3-D (y Y e E or drag turn it)", short: "3-D terrain",
        priority: 49, effects: [.rebuildRaster, .checkPanels], refusal: { _ in nil }, occupiesSidebar: { _ in false },
        content: { _, _ in nil })

    static let ghosts = PanelEntry(
        name: "ghosts", key: "v", help: "ghosts: the run at ¼ ½ 2 4 times η (solo)", short: "ghosts", priority: 35,
        effects: [.rebuildGhosts],
        refusal: { m in m.isRacing ? "ghosts compare learning rates of one run: c leaves the race, then v" : nil },
        occupiesSidebar: { _ in false }, content: { _, _ in nil })
}

/// What a change asks of the model beyond itself, as htop's actions return flags: the loop
/// redraws when anything was returned; ``Model/apply(_:)`` does the rest once.
public struct Effects: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Something on screen changed.
    public static let redraw = Effects(rawValue: 1 << 0)
    /// The plot area, the surface or its levels changed: sample the surface again.
    public static let rebuildRaster = Effects(rawValue: 1 << 1)
    /// The solo run was restarted or replaced: replay its ghosts from the start.
    public static let rebuildGhosts = Effects(rawValue: 1 << 2)
    /// A live change of the solo run (η, rule, gradient source) to carry to its ghosts.
    public static let mirrorGhosts = Effects(rawValue: 1 << 3)
    /// Panels were asked for: say so when the screen is too narrow for them.
    public static let checkPanels = Effects(rawValue: 1 << 4)
    /// `p` after a live change: the loop writes ``Model/sessionScript`` to a file and
    /// sends ``Message/scriptSaved(_:)`` with its name.
    public static let saveScript = Effects(rawValue: 1 << 5)
}
