import ArgumentParser
import DownhillApp
import DownhillCore

/// How the screen starts, shared by `play` and `frame`: race mode, open panels, glyphs.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("race"),
            help: ArgumentHelp("Race several optimizers from the same start, e.g. gd,momentum,adam; NAME:LR gives one its own learning rate (replaces --optimizer).",
                               valueName: "list"))
    var raceList: String?

    @Option(name: .customLong("show"),
            help: ArgumentHelp("Panels to open: chart (loss chart), gauge (stability), maths (last step), ghosts (η ×¼ ½ 2 4), data (the data and the model's curve).",
                               valueName: "list"))
    var panelList: String?

    @Flag(help: "Plain ASCII glyphs even under a UTF-8 locale.")
    var ascii = false

    /// The panels `--show` can open, by name, with the action that opens each.
    static let panels: [(name: String, action: Action)] = [
        ("chart", .toggleLossChart), ("gauge", .toggleStability), ("maths", .toggleMaths), ("ghosts", .toggleGhosts),
        ("data", .toggleDataPanel),
    ]

    /// The model these options and settings describe, panels open.
    /// - Throws: ``SettingsError`` for a bad setting, race list or panel name.
    func model(settings: Settings, dataPath: String?, unicode: Bool, width: Int, height: Int, paused: Bool) throws(SettingsError) -> Model {
        let resolved = try settings.resolve()
        let race = try raceList.map { list throws(SettingsError) in try Race(settings: settings, lineup: list) }
        var model = Model(resolved: resolved, race: race, dataPath: dataPath, appearance: .init(unicode: unicode),
                          width: width, height: height, paused: paused)
        for name in try panelNames() {
            model.perform(Self.panels.first { $0.name == name }!.action)
        }
        return model
    }

    /// The names in `--show`, checked, each once.
    func panelNames() throws(SettingsError) -> [String] {
        guard let panelList else { return [] }
        var names: [String] = []
        for name in Race.parseList(panelList) where !names.contains(name) {
            guard Self.panels.contains(where: { $0.name == name }) else {
                throw .unknownName(kind: "panel", value: name, suggestion: closestName(to: name, in: Self.panels.map(\.name)))
            }
            names.append(name)
        }
        return names
    }
}
