import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillRender
import DownhillSetup
import Foundation

/// The size of a screen drawn without a terminal (`frame`, `cast`), in cells.
struct ScreenSizeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Screen width in cells.", valueName: "w"))
    var width: Int = 80

    @Option(parsing: .unconditional, help: ArgumentHelp("Screen height in cells.", valueName: "h"))
    var height: Int = 24

    /// - Throws: ``CommandFailure`` below the smallest screen the renderer draws
    ///   (``ScreenLayout/minimumWidth`` × ``ScreenLayout/minimumHeight``) or above 1000.
    func validate() throws {
        let (minWidth, minHeight) = (ScreenLayout.minimumWidth, ScreenLayout.minimumHeight)
        guard (minWidth...1000).contains(width) else {
            throw CommandFailure(message: "invalid value '\(width)' for --width: expected \(minWidth) to 1000 cells")
        }
        guard (minHeight...1000).contains(height) else {
            throw CommandFailure(message: "invalid value '\(height)' for --height: expected \(minHeight) to 1000 cells")
        }
    }
}

/// How the screen starts, shared by `play` and `frame`: open panels, glyphs.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("show"),
            help: ArgumentHelp("Panels to open, comma-separated: " + PanelRegistry.all.map { "\($0.name) (\($0.short))" }.joined(separator: ", ") + ".",
                               valueName: "list"))
    var panelList: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("The part of the plane shown, X0:X1,Y0:Y1 (default: the surface's view; z Z f F change it).",
                               valueName: "x0:x1,y0:y1"))
    var view: String?

    @Flag(help: "Plain ASCII glyphs even under a UTF-8 locale.")
    var ascii = false

    @Option(name: .customLong("theme"),
            help: ArgumentHelp("Colours for a dark or light terminal background, or none: " + Theme.all.map(\.name).joined(separator: ", ")
                               + " (default: from COLORFGBG when set, else dark).", valueName: "theme"))
    var themeName: String?

    /// The theme asked for with `--theme`, or the one `COLORFGBG` suggests, or `dark`.
    /// - Throws: ``SettingsError`` for an unknown name, naming the closest.
    func theme(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SettingsError) -> Theme {
        guard let themeName else { return Theme.automatic(environment: environment) }
        guard let theme = Theme.named(themeName) else {
            throw .unknownName(kind: "theme", value: themeName, suggestion: closestName(to: themeName, in: Theme.all.map(\.name)))
        }
        return theme
    }

    /// `setup` with `--view` applied.
    /// - Throws: ``SettingsError`` for a malformed view.
    func applied(to setup: Setup) throws(SettingsError) -> Setup {
        var setup = setup
        if let view { setup.view = try SetupCodec.parseView(view) }
        return setup
    }

    /// The model for a resolved setup, panels open. Building it reads no file: the data
    /// were read when the setup was resolved, so a checking model and the one on screen
    /// can both be built from one ``Resolved``.
    /// - Throws: ``SettingsError`` for a bad panel name, or a panel that cannot open for
    ///   this setup (the data panel on an analytic surface, ghosts in a race).
    func model(resolved: Resolved, unicode: Bool, width: Int, height: Int, paused: Bool) throws(SettingsError) -> Model {
        var model = Model(resolved: resolved, appearance: .init(unicode: unicode, theme: try theme()), width: width, height: height,
                          paused: paused)
        for name in try panelNames() {
            if let refusal = PanelRegistry.named(name)?.refusal(model) {
                throw .invalid(option: "--show", value: name, expected: "a panel that can open here: " + refusal)
            }
            model.perform(.togglePanel(name))
        }
        return model
    }

    /// The names in `--show`, checked, each once.
    func panelNames() throws(SettingsError) -> [String] {
        guard let panelList else { return [] }
        var names: [String] = []
        for name in panelList.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty && !names.contains(name) {
            guard PanelRegistry.named(name) != nil else {
                throw .unknownName(kind: "panel", value: name, suggestion: closestName(to: name, in: PanelRegistry.all.map(\.name)))
            }
            names.append(name)
        }
        return names
    }
}

/// `--speed N`, shared by `play`, `lesson` and `cast`: the animation's starting speed, read
/// by the codec as `:speed` reads it (1 to 5000 steps per second, snapped to the nearest of
/// `[` `]`'s speeds). `frame` draws one still screen and does not take it.
struct SpeedOption: ParsableArguments {
    @Option(name: .customLong("speed"), parsing: .unconditional,
            help: ArgumentHelp("Steps per second of the animation, 1 to 5000 (default 20; [ ] and :speed change it).", valueName: "n"))
    var speedText: String?

    /// The speed asked for, checked; nil when not given.
    /// - Throws: ``SettingsError`` for a value that is not 1 to 5000.
    func speed() throws(SettingsError) -> Double? {
        try speedText.map { text throws(SettingsError) in try SetupCodec.parseSpeed(text) }
    }

    /// `model` at the speed asked for (unchanged without `--speed`).
    func applied(to model: Model) throws(SettingsError) -> Model {
        var model = model
        if let speed = try speed() { model.setSpeed(speed) }
        return model
    }
}
