import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillSetup

/// How the screen starts, shared by `play` and `frame`: open panels, glyphs.
struct ViewOptions: ParsableArguments {
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

    /// The model for `setup`, panels open.
    /// - Throws: ``SettingsError`` for a bad setting or panel name.
    func model(setup: Setup, unicode: Bool, width: Int, height: Int, paused: Bool) throws(SettingsError) -> Model {
        var model = Model(resolved: try setup.resolve(), appearance: .init(unicode: unicode), width: width, height: height,
                          paused: paused)
        for name in try panelNames() {
            model.perform(Self.panels.first { $0.name == name }!.action)
        }
        return model
    }

    /// The names in `--show`, checked, each once.
    func panelNames() throws(SettingsError) -> [String] {
        guard let panelList else { return [] }
        var names: [String] = []
        for name in panelList.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty && !names.contains(name) {
            guard Self.panels.contains(where: { $0.name == name }) else {
                throw .unknownName(kind: "panel", value: name, suggestion: closestName(to: name, in: Self.panels.map(\.name)))
            }
            names.append(name)
        }
        return names
    }
}
