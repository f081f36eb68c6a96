import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillRender
import DownhillTerminal

/// `downhill frame`: one screen exactly as `play` draws it at that size, as text.
struct Frame: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one screen exactly as 'play' would draw it, as plain text.",
        discussion: """
            For snapshots, the README and slides: --steps N shows the screen after N steps. Like \
            'play', it draws ASCII outside a UTF-8 locale and with --ascii.
            """
    )

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case never, always
    }

    @OptionGroup var options: DescentOptions

    @OptionGroup var view: ViewOptions

    @OptionGroup var size: ScreenSizeOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Steps taken before the screen is drawn.", valueName: "n"))
    var steps: Int = 0

    @Option(help: ArgumentHelp("'always' adds ANSI colours (256-colour palette).", valueName: "when"))
    var color: ColorMode = .never

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, svg
    }

    @Option(help: ArgumentHelp("'svg': the screen as an SVG picture, colours and cell grid (for slides).", valueName: "format"))
    var format: Format = .text

    func validate() throws {
        guard format == .text || color == .never else {
            throw CommandFailure(message: "--color applies to --format text; an SVG always has its colours")
        }
    }

    func run() throws {
        guard steps >= 0 else {
            throw SettingsError.invalid(option: "--steps", value: String(steps), expected: "a whole number ≥ 0")
        }
        var model = try view.model(resolved: view.applied(to: options.setup()).resolveShowingProgress(), unicode: !view.ascii && Terminal.userLocaleIsUTF8(),
                                   width: size.width, height: size.height, paused: true)
        for _ in 0..<steps { model.update(.key(.char("n"))) }
        // The η sweep and the basin map are computed to the end: one finished screen.
        model.finishInstruments()
        let grid = model.view()
        if format == .svg {
            writeOut(SVGPicture(theme: model.appearance.theme).render(grid))
            return
        }
        switch color {
        case .never: writeOut(grid.lines().map { $0 + "\n" }.joined())
        case .always: writeOut(ansiText(grid, depth: .full, theme: model.appearance.theme) + "\n")
        }
    }
}
